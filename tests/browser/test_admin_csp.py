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

from core.models import CustomImage
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
        if any(name in message.text for name in self.HEADERS):
            self.append(f"{page.url}: {message.text}")

    # Chromium's words for a blocked load or a header it could not read.
    HEADERS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def problems():
    return Problems()


@pytest.fixture
def editor(new_context, problems):
    User.objects.create_superuser("quan-tri", "quan-tri@example.vn", PASSWORD)
    context = new_context()
    context.on("page", problems.watch)  # the editor's page and any tab it opens
    page = context.new_page()
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
    # The preview panel: the page itself, in a same-origin iframe, under the public policy
    # with frame-ancestors 'self'.
    with editor.expect_response(re.compile(r"/edit/preview/\?in_preview_panel=true")) as shown:
        editor.locator('[data-side-panel-toggle="preview"]').click()
    policy = shown.value.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in policy and "unsafe-inline" not in policy
    preview = editor.frame_locator("iframe#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Đèn LED Rạng Đông")
    # The image chooser's modal: its HTML and inline scripts arrive by fetch.
    chooser = editor.locator('[data-contentpath="image"]')
    chooser.locator(".w-dropdown__toggle").click()  # an image is chosen: "Actions" menu
    chooser.locator(".w-dropdown__content [data-chooser-action-choose]").click()
    expect(editor.locator(".modal-content")).to_contain_text("Đèn LED")
    assert not problems, "\n".join(problems)


def test_image_upload_and_focal_point_editor(editor, problems, tmp_path):
    upload = tmp_path / "den-led.png"
    upload.write_bytes(a_png())
    editor.goto("/admin/images/multiple/add/")
    editor.locator("#fileupload").set_input_files(str(upload))
    # The upload shows a thumbnail of the file (a blob: URL), then a form to describe it.
    uploaded = editor.locator("#upload-list li.upload-success")
    uploaded.locator("[name$='description']").fill("Đèn LED trên nền đỏ")
    uploaded.locator("button[type='submit']").click()
    # Saved: the row leaves the list (it stays, with the error, when the form is refused).
    expect(editor.locator("#upload-list li")).to_have_count(0)
    image = CustomImage.objects.get(description="Đèn LED trên nền đỏ")
    # The image's own page: the focal-point editor draws its box over the picture.
    editor.goto(AdminURLFinder(User.objects.get(username="quan-tri")).get_edit_url(image))
    expect(editor.locator("#id_description")).to_have_value("Đèn LED trên nền đỏ")
    # Jcrop draws its own box over the picture, positioned by style properties.
    expect(editor.locator(".focal-point-chooser .jcrop-holder")).to_be_visible()
    assert not problems, "\n".join(problems)


def test_snippet_edit(editor, problems, site_tree):
    sector = Sector.objects.get(slug="dien-dien-tu")
    user = User.objects.get(username="quan-tri")
    editor.goto(AdminURLFinder(user).get_edit_url(sector))
    editor.locator("#id_name").fill("Điện, điện tử (sửa)")
    editor.locator("button.action-save").click()
    expect(editor.locator(".messages .success")).to_be_visible()
    sector.refresh_from_db()
    assert sector.name == "Điện, điện tử (sửa)"
    assert not problems, "\n".join(problems)


def test_every_public_page_type_under_the_public_policy(new_context, problems, every_page_type):
    visitor = problems.watch(new_context().new_page())
    for urls in every_page_type.values():
        for url in urls:
            response = visitor.goto(url)
            policy = response.headers["content-security-policy"]
            assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
            # Fonts are asked for by the stylesheet only once text needs them.
            visitor.evaluate("document.fonts.ready")
    # Suggestions as you type: the script fetches them from the API (connect-src 'self').
    visitor.goto("/")
    visitor.locator("#site-search-q").fill("den led")
    expect(visitor.get_by_role("option").first).to_contain_text("Đèn LED")
    assert not problems, "\n".join(problems)


def test_the_userbar_of_a_signed_in_editor_on_a_public_page(editor, problems, every_page_type):
    for url in ("/san-pham/den-led-rang-dong/", "/en/"):
        editor.goto(url)
        expect(editor.locator("wagtail-userbar")).to_be_attached()
        editor.locator("wagtail-userbar").locator("[data-wagtail-userbar-trigger]").click()
        expect(editor.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    assert not problems, "\n".join(problems)
