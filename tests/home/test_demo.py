"""`manage.py load_demo`: a complete sample site from the data files in home/demo/content/,
a second run that changes nothing, and a clear error naming the file at fault."""

import html
import re
import shutil
import tomllib

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from taggit.models import Tag
from wagtail.blocks import StreamValue
from wagtail.models import Page, Revision

from core.models import CustomImage
from home.demo import loader
from home.demo.data import CONTENT_DIR, FILES, DemoContentError, read_demo_content
from products.models import (
    CompanyPage,
    CompanyRecognition,
    Decision,
    ProductPage,
    ProductRecognition,
)
from programme.models import CohortYear


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CustomImage.objects.count(),
        "recognitions": ProductRecognition.objects.count() + CompanyRecognition.objects.count(),
        "latest_page_change": max(
            Page.objects.values_list("latest_revision_created_at", flat=True),
            key=lambda value: value.timestamp() if value else 0,
        ),
    }


def test_demo_builds_the_site_and_is_idempotent(client, db):
    call_command("load_demo")
    first = snapshot()
    # Every CSV row with a product name is a product page, in both languages.
    assert ProductPage.objects.filter(locale__language_code="vi").count() == 12
    assert ProductPage.objects.filter(locale__language_code="en").count() == 12
    # Rows without a product name are company records, not product pages.
    assert CompanyRecognition.objects.filter(page__locale__language_code="vi").count() == 4
    # An unknown Top 10 flag stays unknown.
    assert ProductRecognition.objects.filter(year=2019, is_top10__isnull=True).count() == 4
    # Unverified legal names are never presented as fact.
    assert not CompanyPage.objects.exclude(legal_name="").exists()
    assert client.get("/").status_code == 200
    assert "dữ liệu mẫu" in client.get("/san-pham/").content.decode()
    assert client.get("/en/products/rossi-water-heaters/").status_code == 200

    call_command("load_demo")
    assert snapshot() == first


def site_texts() -> str:
    """Every text the site's own models hold, in both languages, HTML entities decoded."""
    texts = list(Tag.objects.values_list("name", flat=True))
    for model in apps.get_models():
        if model._meta.app_label in {"home", "programme", "news", "products"}:
            for instance in model._default_manager.all():
                for field in model._meta.concrete_fields:
                    texts.extend(strings_in(field.value_from_object(instance)))
    return html.unescape("\n".join(texts))


def strings_in(value):
    if isinstance(value, StreamValue):
        value = list(value.raw_data)
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def texts_of(path):
    """Every text of a data file, as the site should show it (line breaks read as spaces)."""
    with path.open("rb") as file:
        return [" ".join(text.split()) for text in strings_in(tomllib.load(file)) if text]


def test_every_data_file_is_read_and_every_text_in_it_reaches_the_site(db):
    assert sorted(path.name for path in CONTENT_DIR.glob("*.toml")) == sorted(FILES)
    # From an empty tree, as on a fresh database: the loader keeps the pages it finds, and the
    # test skeleton already has a home page and the index pages, with other texts.
    for home in Page.get_first_root_node().get_children():
        home.delete()
    call_command("load_demo")
    site = site_texts()
    missing = [
        (name, text)
        for name in FILES
        for text in texts_of(CONTENT_DIR / name)
        # {year}: the texts filled in per CSV row.
        if not re.search(re.escape(text).replace(r"\{year\}", r"\d{4}"), site)
    ]
    assert missing == []


@pytest.fixture
def content_copy(tmp_path):
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    return directory


def test_a_missing_data_file_stops_the_loader_before_it_writes(db, content_copy, monkeypatch):
    (content_copy / "events.toml").unlink()
    monkeypatch.setattr(loader, "CONTENT_DIR", content_copy)
    before = (Page.objects.count(), Decision.objects.count(), CohortYear.objects.count())

    with pytest.raises(CommandError) as caught:
        call_command("load_demo")

    assert str(caught.value) == f"{content_copy / 'events.toml'}: the file is missing."
    after = (Page.objects.count(), Decision.objects.count(), CohortYear.objects.count())
    assert after == before


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_file_that_is_not_toml_is_named_with_the_line_at_fault(content_copy):
    path = content_copy / "news.toml"
    edit(path, 'title.en = "2019 selection round launched"', 'title.en = "2019 selection round')
    line = path.read_text().splitlines().index('title.en = "2019 selection round') + 1
    with pytest.raises(DemoContentError) as caught:
        read_demo_content(content_copy)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid TOML: ")
    assert f"line {line}," in message


def test_a_missing_or_misspelt_key_is_named_with_its_place_in_the_file(content_copy):
    # The second article: its English summary missing, its Vietnamese one misspelt.
    edit(
        content_copy / "news.toml",
        'summary.en = "Guidance 1520/HD-SCT sets the revenue thresholds for each kind of product."',
        "",
    )
    edit(content_copy / "news.toml", 'summary.vi = "Hướng dẫn', 'sumary.vi = "Hướng dẫn')
    with pytest.raises(DemoContentError) as caught:
        read_demo_content(content_copy)
    assert str(caught.value) == (
        f"{content_copy / 'news.toml'}: articles[2].summary: Field required; "
        "articles[2].sumary: Extra inputs are not permitted."
    )


def test_a_text_filled_in_per_row_accepts_only_the_year(content_copy):
    edit(content_copy / "catalogue.toml", "năm {year}. Tên", "năm {nam}. Tên")
    with pytest.raises(DemoContentError) as caught:
        read_demo_content(content_copy)
    message = str(caught.value)
    assert message.startswith(f"{content_copy / 'catalogue.toml'}: row_texts.company_summary: ")
    assert "only {year} can be filled in here" in message


def test_a_data_file_the_loader_does_not_read_is_named(content_copy):
    (content_copy / "faq.toml").write_text('[[faq]]\nquestion.vi = "?"\n')
    with pytest.raises(DemoContentError) as caught:
        read_demo_content(content_copy)
    assert str(caught.value).startswith(
        f"{content_copy / 'faq.toml'}: the demo loader does not read this file"
    )
