"""Bilingual content for tests, made with the shared factories and wagtail-localize."""

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
    company.save_revision().publish()
    translate_instance(company, locale=english_locale(), translate=to_english(english or {}))
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
    product.save_revision().publish()
    if translate:
        translate_instance(product, locale=english_locale(), translate=to_english(english or {}))
    return product
