"""Content-Security-Policy in a real browser: the admin works under its policy, the public
pages under theirs, and Chromium reports no violation and no script error on either.

Chromium writes every blocked script, style, font, image, frame or connection to the console
("Refused to ... because it violates the following Content Security Policy directive"); the
tests collect those messages and uncaught page errors from every page they open.
"""

import io
import re

import pytest
from django.contrib.auth.models import User
from PIL import Image
from playwright.sync_api import expect
from wagtail.admin.admin_url_finder import AdminURLFinder

from products.models import Sector
from tests.browser.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Problems(list):
    """CSP violations and page errors seen by one browser page, with where they happened."""

    def watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.append(f"{page.url}: page error: {error}"))
        return page

    def _console(self, page, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.append(f"{page.url}: {message.text}")


@pytest.fixture
def problems():
    return Problems()


@pytest.fixture
def editor(new_context, problems):
    User.objects.create_superuser("quan-tri", "quan-tri@example.vn", PASSWORD)
    page = problems.watch(new_context().new_page())
    response = page.goto("/admin/login/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    page.locator("#id_username").fill("quan-tri")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def a_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 60, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_page_editor_with_preview_and_image_chooser(editor, problems, catalogue):
    lamps = catalogue["products"]["lamps"]
    user = User.objects.get(username="quan-tri")
    editor.goto(AdminURLFinder(user).get_edit_url(lamps))
    expect(editor.locator("#id_title")).to_have_value("Đèn LED Rạng Đông")
    # The preview panel: the page itself, in a same-origin iframe under /admin/.
    editor.locator('[data-side-panel-toggle="preview"]').click()
    preview = editor.frame_locator("iframe#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text("Đèn LED Rạng Đông")
    # Typing updates the preview (and autosaves); the image chooser opens a modal whose
    # HTML and scripts arrive by fetch.
    editor.locator("#id_title").fill("Đèn LED Rạng Đông mới")
    expect(preview.locator("h1")).to_contain_text("Đèn LED Rạng Đông mới")
    editor.locator('[data-contentpath="image"] button[data-chooser-action-choose]').click()
    expect(editor.locator(".modal-content")).to_contain_text("Đèn LED")
    assert not problems, "\n".join(problems)


def test_image_upload_and_focal_point_editor(editor, problems, tmp_path):
    upload = tmp_path / "den-led.png"
    upload.write_bytes(a_png())
    editor.goto("/admin/images/multiple/add/")
    editor.locator("#fileupload").set_input_files(str(upload))
    uploaded = editor.locator("#upload-list li.upload-success")
    expect(uploaded).to_have_count(1)
    editor.goto("/admin/images/")
    editor.locator("a", has_text="den-led").first.click()
    expect(editor).to_have_url(re.compile(r"/admin/images/\d+/$"))
    expect(editor.locator("#id_title")).to_have_value(re.compile("den-led"))
    assert not problems, "\n".join(problems)


def test_snippet_edit(editor, problems, site_tree):
    sector = Sector.objects.get(slug="dien-dien-tu")
    user = User.objects.get(username="quan-tri")
    editor.goto(AdminURLFinder(user).get_edit_url(sector))
    name = editor.locator("input[name='name']")
    name.fill(name.input_value() + " (sửa)")
    editor.locator("button[type='submit'][name!='action-delete']").first.click()
    expect(editor.locator(".messages")).to_be_visible()
    assert not problems, "\n".join(problems)
