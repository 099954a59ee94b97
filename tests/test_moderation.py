"""The editorial workflow: editors submit, moderators approve and publish."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.editorial import EDITORS, MODERATORS
from news.factories import NewsPageFactory
from news.models import NewsPage


def user_in(group_name, username):
    user = User.objects.create_user(username=username, password="mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def news_form(title, slug, action=None):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-30",
            "summary": "Tóm tắt.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
            "source_url": "",
            "tags": "",
        }
    )
    if action:
        data[action] = "1"
    return data


@pytest.fixture
def editor(db):
    return user_in(EDITORS, "bien-tap")


@pytest.fixture
def moderator(db):
    return user_in(MODERATORS, "nguoi-duyet")


def test_the_workflow_covers_the_whole_tree(site_tree):
    workflow = site_tree.products.get_workflow()
    assert workflow is not None and workflow.name == "Duyệt nội dung"
    assert [task.name for task in workflow.tasks] == ["Người duyệt phê duyệt"]


def test_an_editor_can_create_and_submit_but_not_publish(client, site_tree, editor):
    client.force_login(editor)
    url = f"/admin/pages/add/news/newspage/{site_tree.news.pk}/"
    response = client.post(
        url, news_form("Tin của biên tập viên", "tin-bien-tap", "action-publish")
    )
    page = NewsPage.objects.get(slug="tin-bien-tap")
    assert not page.live, response.status_code
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        news_form("Tin của biên tập viên", "tin-bien-tap", "action-submit"),
    )
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live
    assert client.get("/tin-tuc/tin-bien-tap/").status_code == 404


def test_a_moderator_approves_and_the_page_goes_live(client, site_tree, editor, moderator):
    client.force_login(editor)
    client.post(
        f"/admin/pages/add/news/newspage/{site_tree.news.pk}/",
        news_form("Tin chờ duyệt", "tin-cho-duyet", "action-submit"),
    )
    page = NewsPage.objects.get(slug="tin-cho-duyet")
    task_state = page.current_workflow_task_state
    assert task_state is not None
    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **news_form("Tin chờ duyệt", "tin-cho-duyet"),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get("/tin-tuc/tin-cho-duyet/").status_code == 200


def test_permissions_match_the_roles(site_tree, editor, moderator):
    article = NewsPageFactory(parent=site_tree.news)
    page = Page.objects.get(pk=article.pk)
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()
