"""The editorial workflow in the Wagtail admin, end to end in the browser: an editor writes a
news item and submits it, a moderator approves it, and visitors then find it."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from core.editorial import EDITORS, MODERATORS
from news.models import NewsPage
from tests.browser.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Khai mạc hội chợ hàng Việt tại Mê Linh"
BODY = "Hơn 200 gian hàng của doanh nghiệp Hà Nội."


def member_of(group_name, username):
    user = User.objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_editor_submits_moderator_approves_visitors_find_it(new_context, site_tree):
    member_of(EDITORS, "bien-tap")
    member_of(MODERATORS, "nguoi-duyet")
    news_index = site_tree.news.pk

    editor = new_context().new_page()
    log_in(editor, "bien-tap")
    editor.goto(f"/admin/pages/{news_index}/")
    # The news index only takes news items, so "Add child page" opens the form directly.
    editor.locator(f'a[href$="/pages/{news_index}/add_subpage/"]').first.click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/add/news/newspage/{news_index}/$"))
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_summary").fill("Hội chợ giới thiệu sản phẩm công nghiệp chủ lực.")
    # Wagtail's own controls are found by their markup: its labels ("Insert a block",
    # "More actions", "Actions") are not all translated yet and will change when they are.
    editor.locator('[data-contentpath="body"] button.c-sf-add-button').first.click()
    editor.get_by_role("option", name=re.compile("Đoạn văn")).click()
    # Draftail (Draft.js) only sees real key presses, not a filled-in DOM.
    editor.locator('[data-contentpath="body"] [contenteditable="true"]').first.click()
    editor.keyboard.type(BODY)
    # It copies its content into the form's hidden field a moment later: wait for that.
    expect(editor.locator("#body-0-value")).to_have_value(re.compile("200 gian"))
    # "Submit for moderation" sits in the footer's "More actions" menu.
    editor.locator("footer .w-dropdown--dropdown-button .w-dropdown__toggle").click()
    editor.locator('button[name="action-submit"]').click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{news_index}/$"))
    expect(editor.get_by_role("link", name=TITLE)).to_be_visible()

    # The slug is whatever the admin made of the title (see the report on Unicode slugs).
    article = NewsPage.objects.get(title=TITLE)
    visitor = new_context().new_page()
    response = visitor.goto(article.url)
    assert response.status == 404, "an item awaiting moderation must not be public"

    moderator = new_context().new_page()
    log_in(moderator, "nguoi-duyet")
    review = moderator.locator("tr", has_text=TITLE)
    expect(review).to_be_visible()  # the dashboard's "Awaiting your review" panel
    review.locator(".w-dropdown__toggle").click()
    # Approving the workflow's only task publishes the page.
    review.locator('button[data-workflow-action-url*="/approve/"]:not([data-launch-modal])').click()
    expect(moderator.locator("tr", has_text=TITLE)).to_have_count(0)

    visitor.goto("/")
    latest_news = visitor.get_by_role("region", name="Tin mới")
    expect(latest_news.get_by_role("link", name=TITLE)).to_be_visible()

    visitor.goto("/tim-kiem/?q=Mê+Linh")
    results = visitor.get_by_role("region", name=re.compile("bài viết|kết quả"))
    expect(results.get_by_role("link", name=TITLE)).to_be_visible()
    results.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(re.compile(r"/tin-tuc/[^/]+/$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("article")).to_contain_text(BODY)
