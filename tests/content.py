"""Bilingual content for tests, made with the shared factories and wagtail-localize."""

from django.test import TestCase
from wagtail.models import Locale

from core.translation import translate_instance
from products.factories import CompanyPageFactory, ProductWithImageFactory, SectorFactory


def to_english(mapping):
    return lambda text: mapping.get(text, text)


def english_locale():
    return Locale.objects.get(language_code="en")


def make_company(
    tree, *, title="Công ty Đèn Sáng", slug="cong-ty-den-sang", english=None, **fields
):
    company = CompanyPageFactory(parent=tree.companies, title=title, slug=slug, **fields)
    publish(company, english)
    return company


def make_product(
    tree,
    *,
    company,
    title,
    slug,
    english=None,
    recognitions=None,
    sector=None,
    translate=True,
    **fields,
):
    product = ProductWithImageFactory(
        parent=tree.products,
        title=title,
        slug=slug,
        company=company,
        sector=sector or SectorFactory(slug="dien-dien-tu"),
        recognitions=recognitions,
        **fields,
    )
    publish(product, english if translate else None, translate=translate)
    return product


def publish(page, english=None, *, translate=True):
    """Publish *page* (and its English translation) as an editor would, running the
    after-commit work a real request runs (the catalogue's search data is updated then)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
        if translate:
            translate_instance(page, locale=english_locale(), translate=to_english(english or {}))
