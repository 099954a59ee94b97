"""A page made private in the privacy dialog is private in every language at once."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from core.editorial import EDITORS, MODERATORS
from news.factories import NewsPageFactory
from tests.content import publish
from tests.leakwalk.content import restrict

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(site_tree):
    page = NewsPageFactory(parent=site_tree.news, title="Họp hội đồng", slug="hop-hoi-dong")
    publish(page, {"hop-hoi-dong": "council-meeting"})
    return page


def test_the_english_translation_follows_the_vietnamese_pages_privacy(
    client, site_tree, article, admin_user
):
    assert client.get("/en/news/council-meeting/").status_code == 200

    restriction = restrict(article, PageViewRestriction.GROUPS, user=admin_user)
    english = site_tree.translation(article).view_restrictions.get()
    assert english.restriction_type == PageViewRestriction.GROUPS
    assert set(english.groups.all()) == {Group.objects.get(name=MODERATORS)}
    assert client.get("/en/news/council-meeting/").status_code == 302

    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "mat-khau"
    restriction.save(user=admin_user)
    restriction.groups.set([Group.objects.get(name=EDITORS)])
    english.refresh_from_db()
    assert (english.restriction_type, english.password) == ("password", "mat-khau")
    assert set(english.groups.all()) == {Group.objects.get(name=EDITORS)}
    assert b"authenticate_with_password" in client.get("/en/news/council-meeting/").content

    restriction.delete(user=admin_user)
    assert not site_tree.translation(article).view_restrictions.exists()
    assert client.get("/en/news/council-meeting/").status_code == 200


def test_deleting_the_vietnamese_page_leaves_the_translation_private(
    site_tree, article, admin_user
):
    restrict(article, PageViewRestriction.LOGIN, user=admin_user)
    english = site_tree.translation(article)
    article.delete()
    assert english.view_restrictions.get().restriction_type == PageViewRestriction.LOGIN
