"""English pages speak English: no Vietnamese interface label on any public page in English.

Every public page type of the demo site, the site search (results, nothing found, a bad
query) and the catalogue (a query, filters, nothing found, a bad filter, a second page) are
rendered in English. Each piece of text a visitor sees or hears (text, the page title, and the
aria-label, title, placeholder, alt and value attributes, and the texts the scripts read from
data attributes) that has a Vietnamese letter must be *content*: a piece of an English page's
own fields, or of the shared records every language shows as they are (company and product
names, wards, zones, decisions, sectors' Vietnamese names). Text marked `lang="vi"` (the
language switch's "Tiếng Việt") is Vietnamese on purpose.

Not vacuous: the same check over the Vietnamese pages finds Vietnamese labels on every one of
them, and every public page type is in the English run.
"""

import gettext
import html
import json
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.utils import translation
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

from core.text import fold_text

OUR_APPS = ("core", "home", "news", "programme", "products", "search")
ATTRIBUTES = ("aria-label", "aria-description", "title", "placeholder", "alt")
# Pieces of a text node are checked one by one: templates join content and labels with these.
SEPARATORS = re.compile(r"\s*(?:[·|•—–:;,()\[\]{}“”\"‘’?!…/]|\s-\s|\.\s)\s*")


def vietnamese(text: str) -> bool:
    """Whether *text* has a letter with a Vietnamese diacritic (or đ)."""
    return any(
        fold_text(character) != character.casefold() for character in text if character.isalpha()
    )


def _strings(value):
    """Every string in a field's stored value (stream data is JSON; rich text is HTML)."""
    if isinstance(value, str):
        try:
            data = json.loads(value) if value[:1] in "[{" else None
        except ValueError:
            data = None
        if data is not None:
            yield from _strings(data)
            return
        text = html.unescape(re.sub(r"<[^>]+>", " ", value))
        yield " ".join(text.split())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _field_strings(instance):
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            yield from _strings(json.dumps(field.get_prep_value(field.value_from_object(instance))))
        elif isinstance(field, (models.CharField, models.TextField, RichTextField)):
            yield from _strings(field.value_from_object(instance) or "")


def content_corpus() -> str:
    """The content an English page may show in Vietnamese, one string per line."""
    pieces = []
    page_models = set(get_page_models())
    for page in Page.objects.live().filter(locale__language_code="en").specific():
        pieces.extend(_field_strings(page))
    for model in apps.get_models():
        if model._meta.app_label not in (*OUR_APPS, "taggit") or model in page_models:
            continue
        if issubclass(model, Page):
            continue
        for instance in model.objects.all():
            pieces.extend(_field_strings(instance))
    # The English interface itself may name Hà Nội: its translations are English.
    catalogue = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    with catalogue.open("rb") as file:
        pieces.extend(
            value if isinstance(value, str) else "\n".join(value)
            for value in gettext.GNUTranslations(file)._catalog.values()
        )
    return "\n".join(pieces)


def _spoken(element, name, value) -> bool:
    """Whether an attribute's value reaches the visitor (shown, read aloud, or by a script)."""
    if name in ATTRIBUTES:
        return True
    if name == "value":
        return element.get("type") in ("submit", "button")
    # The texts the scripts show (autocomplete's labels), not the URLs they call.
    return name.startswith("data-") and isinstance(value, str) and not value.startswith("/")


def visible_pieces(response):
    """(where, text) of every piece of text a visitor sees or hears on *response*."""
    soup = BeautifulSoup(response.content, "html.parser")
    for element in soup(["script", "style", "template"]):
        element.decompose()

    def declared_vietnamese(element):
        # The nearest language declared below <html>, whose lang is the page's own.
        for tag in (element, *element.parents):
            if getattr(tag, "name", None) == "html":
                return False
            if hasattr(tag, "get") and tag.get("lang"):
                return tag.get("lang") == "vi"
        return False

    for node in soup.find_all(string=True):
        # Text only: comments, the doctype and CDATA are NavigableString subclasses.
        if type(node) is not NavigableString or declared_vietnamese(node.parent):
            continue
        if node.parent.name == "head" or (
            node.parent.name not in ("title",) and node.find_parent("head")
        ):
            continue
        yield node.parent.name, str(node)
    for element in soup.find_all(True):
        if declared_vietnamese(element):
            continue
        for name, value in element.attrs.items():
            if _spoken(element, name, value):
                yield f"{element.name}[{name}]", value


def vietnamese_labels(response, corpus: str) -> list[str]:
    found = []
    for where, text in visible_pieces(response):
        text = unicodedata.normalize("NFC", " ".join(text.split()))
        for piece in SEPARATORS.split(text):
            piece = piece.strip(" .")
            if piece and vietnamese(piece) and piece not in corpus:
                found.append(f"{where}: {piece!r} (in {text!r})")
    return found


@pytest.fixture
def demo(site_tree):
    call_command("load_demo", verbosity=0)
    call_command("rebuild_catalogue_index", verbosity=0)


def english_pages():
    return list(Page.objects.live().filter(locale__language_code="en", depth__gt=1).specific())


def test_english_pages_show_no_vietnamese_labels(client, demo):
    corpus = content_corpus()
    pages = english_pages()
    # Every public page type of the site is in this run.
    public_types = {
        model
        for model in get_page_models()
        if model._meta.app_label in OUR_APPS and model.is_creatable
    }
    assert {type(page) for page in pages} >= public_types

    urls = [page.url for page in pages]
    urls += [
        "/en/search/?q=fair",
        "/en/search/?q=lamp",
        "/en/search/?q=application",
        "/en/search/?q=criteria",
        "/en/search/?q=programme",
        "/en/search/?q=decisions",
        "/en/search/?q=statistics",
        "/en/search/?q=events",
        "/en/search/?q=news",
        "/en/search/?q=zzqqxx",
        "/en/search/?q=" + "a" * 201,
        "/en/products/?q=lamp",
        "/en/products/?q=heaterz",
        "/en/products/?q=zzqqxx",
        "/en/products/?year=1800&sector=nope",
        "/en/products/?page=2",
        "/en/products/?sector=dien-dien-tu&sort=name",
        "/en/no-such-page/",
    ]
    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        found = vietnamese_labels(response, corpus)
        if found:
            problems[url] = found
    assert not problems, "\n".join(
        f"{url}\n  " + "\n  ".join(found) for url, found in problems.items()
    )


def test_page_types_have_english_names():
    """The site search names each result's page type ("Trang tiêu chí", "Bài tin" were shown)."""
    with translation.override("en"):
        for model in get_page_models():
            if model._meta.app_label in OUR_APPS:
                assert not vietnamese(str(model._meta.verbose_name)), model
                assert not vietnamese(str(model._meta.verbose_name_plural)), model


def test_the_check_finds_vietnamese_labels_on_every_vietnamese_page(client, demo):
    corpus = content_corpus()
    for page in english_pages():
        vietnamese_page = page.get_translation(
            page.locale.__class__.objects.get(language_code="vi")
        )
        response = client.get(vietnamese_page.url)
        assert vietnamese_labels(response, corpus), vietnamese_page.url
