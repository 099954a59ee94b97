"""Markup that editors, imports or code write never reaches a public page as live markup.

Rich text is sanitised when it is saved (core.richtext, through core.normalisation); plain
text (titles, summaries, company names) is escaped by the templates; the API answers JSON.
Each write path gets the same hostile text: a script, an image with an event handler and a
javascript: link.
"""

import csv
import json
import re
import unicodedata
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.demo import loader
from news.factories import NewsPageFactory
from news.models import NewsPage
from products.importing.reader import COLUMNS
from products.models import CompanyPage, ProductPage

PAYLOAD = (
    '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">bấm</a>'
)
ESCAPED = "&lt;script&gt;"
NFD_CONTENT = unicodedata.normalize("NFD", "Nội dung")
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


class LiveMarkup(HTMLParser):
    """What a browser would run: inline scripts, event handlers, javascript: URLs.

    The public templates have no inline code, so any <script> without src that is not a data
    block (JSON-LD) is an injection.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            # Browsers ignore control characters and spaces in a scheme, as check_url knows.
            scheme = re.sub(r"[\x00-\x20]+", "", (value or "")).lower()
            if name in {"href", "src", "action", "formaction"} and scheme.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"<{tag} {name}={value}>")
        # A data block (the page's JSON-LD, core.metadata) is never run.
        data_block = dict(attrs).get("type") in DATA_BLOCK_TYPES
        if tag == "script" and not dict(attrs).get("src") and not data_block:
            self.found.append("<script> without src")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def public_html(url: str) -> str:
    response = Client().get(url)  # an anonymous visitor
    assert response.status_code == 200, url
    return response.content.decode()


def contentstate(text: str, *, link: str) -> str:
    """What Draftail posts: the payload as typed text, and a link entity on its first word."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}},
        }
    )


def test_what_the_admin_stores_stays_inert(client, admin_user, site_tree):
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": f"Tin {PAYLOAD}",
            "slug": "tin-thu-ma-doc",
            "date": "2026-11-30",
            "summary": PAYLOAD,
            "body": streamfield([("paragraph", contentstate(PAYLOAD, link="javascript:alert(3)"))]),
            "source_url": "",
            "tags": "",
        }
    )
    data["action-publish"] = "1"
    client.post(f"/admin/pages/add/news/newspage/{site_tree.news.pk}/", data)
    page = NewsPage.objects.get(slug="tin-thu-ma-doc")
    assert page.live
    for url in (page.url, site_tree.news.url, "/"):
        html = public_html(url)
        assert live_markup(html) == [], url
    assert ESCAPED in public_html(page.url)  # the typed text is kept, as text


def test_rich_text_that_code_writes_is_sanitised_when_saved(site_tree):
    """The demo loader, imports and any code set rich text directly: the save cleans it."""
    article = NewsPageFactory(
        parent=site_tree.news,
        slug="tin-do-ma-viet",
        summary=PAYLOAD,
        # Decomposed (NFD) text, as some editors paste it: stored NFC like every other field.
        body=json.dumps([{"type": "paragraph", "value": f"<p>{NFD_CONTENT} {PAYLOAD}</p>"}]),
    )
    article.save_revision().publish()
    catalogue = site_tree.products.specific
    catalogue.intro = f'<p>Giới thiệu <b onclick="alert(4)">đậm</b> {PAYLOAD}</p>'
    catalogue.save_revision().publish()

    catalogue.refresh_from_db()
    assert catalogue.intro == "<p>Giới thiệu <b>đậm</b> <a>bấm</a></p>"
    stored = NewsPage.objects.get(pk=article.pk).body.raw_data[0]["value"]
    assert stored == "<p>Nội dung <a>bấm</a></p>"
    for url in (article.url, catalogue.url):
        assert live_markup(public_html(url)) == [], url
    assert ESCAPED in public_html(article.url)  # the summary is plain text, escaped


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([column.key for column in COLUMNS])
        writer.writerows(rows)


@pytest.fixture
def hostile_import(db, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    """The demo loader (through the import) run on a file whose texts carry the payload."""
    path = tmp_path / "recognitions.csv"
    write_csv(
        path,
        [
            [
                2021,
                "5012/QĐ-UBND",
                "26/11/2021",
                f"Đèn LED {PAYLOAD}",
                f"LED lamps {PAYLOAD}",
                f"Công ty Ánh Sáng {PAYLOAD}",
                f"Anh Sang Company {PAYLOAD}",
                "",
                "Điện, điện tử",
                "yes",
                "",
                f"Số 1 {PAYLOAD}",
                "",
                f"Tóm tắt {PAYLOAD}",
                f"Summary {PAYLOAD}",
                "https://example.vn/nguon",
                PAYLOAD,
            ]
        ],
    )
    monkeypatch.setattr(loader, "IMPORT_PATH", path)
    with django_capture_on_commit_callbacks(execute=True):  # the catalogue's search data
        call_command("load_demo")
    return ProductPage.objects.get(locale__language_code="vi", title__startswith="Đèn LED")


def test_what_the_csv_import_and_the_demo_loader_write_stays_inert(hostile_import, english):
    product = hostile_import
    assert product.title == f"Đèn LED {PAYLOAD}"  # kept as the source wrote it, as text
    company = CompanyPage.objects.get(pk=product.company_id)
    english_product = product.get_translation(english)
    pages = [product.url, company.url, english_product.url, "/", "/san-pham/", "/doanh-nghiep/"]
    for url in pages:
        html = public_html(url)
        assert live_markup(html) == [], url
    assert ESCAPED in public_html(product.url)

    for path in ("/api/catalogue/", "/tim-kiem/"):
        response = Client().get(path, {"q": "den led"})
        assert response.status_code == 200
        if path.startswith("/api/"):
            assert response["Content-Type"] == "application/json"
            result = response.json()["results"][0]
            assert result["title"] == f"Đèn LED {PAYLOAD}"  # JSON text, not markup
            for fragments in result.get("highlight", {}).values():
                for fragment in fragments:
                    # Highlights are HTML: escaped text with <mark> around the matches.
                    assert re.sub(r"</?mark>", "", fragment).count("<") == 0
        else:
            assert live_markup(response.content.decode()) == []
