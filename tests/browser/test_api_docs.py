"""The API's docs page (/api/docs/) in Chromium: Swagger UI draws the description from the
site's own files, asks no other site for anything, and breaks no rule of its policy."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_admin_csp import Problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_docs_page_is_drawn_from_local_files_within_its_policy(new_context, live_server):
    problems = Problems()
    page = problems.watch(new_context().new_page())
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    response = page.goto("/api/docs/")

    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy
    assert "img-src 'self' data:" in policy
    expect(page.get_by_text("SPCNCL Hà Nội API")).to_be_visible()
    operation = page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/catalogue/$"))
    expect(operation).to_be_visible()
    # Open the search's operation: its parameters and answers are drawn from the description.
    operation.click()
    expect(page.locator(".parameters-col_name", has_text="sector")).to_be_visible()
    page.wait_for_load_state("networkidle")

    assert problems == []
    origin = urlsplit(live_server.url).netloc
    assert {urlsplit(url).netloc for url in requested if not url.startswith("data:")} == {origin}
    assert any(url.endswith("/api/openapi.json") for url in requested)
