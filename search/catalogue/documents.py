"""One search document per product: every live, public translation of it, side by side.

A product's pages share a `translation_key`; wagtail-localize keeps the synchronised fields
(company link, sector, HS code, certifications, markets, recognitions) equal on all of them,
so those are read once, from the Vietnamese page when it is live. Translated text (title,
summary, description) and URLs are read per language, and the company's name and URL come
from the company page in each language (the product's company link always points at the
Vietnamese company page).
"""

from uuid import UUID

from wagtail import blocks

from core.text import normalize_text
from search.catalogue.mapping import FACET_SEPARATOR, LANGUAGES

SOURCE_LANGUAGE = "vi"


def product_document(translation_key: UUID | str) -> dict | None:
    """The document for *translation_key*, or None when no translation is live and public."""
    from products.models import ProductPage

    pages = {
        page.locale.language_code: page
        for page in ProductPage.objects.live()
        .public()
        .filter(translation_key=translation_key)
        .select_related("locale", "company", "sector")
    }
    pages = {language: page for language, page in pages.items() if language in LANGUAGES}
    if not pages:
        return None
    source = pages.get(SOURCE_LANGUAGE) or next(iter(pages.values()))

    document = {
        "translation_key": str(translation_key),
        "languages": sorted(pages),
        "hs_code": source.hs_code or None,
        "standards": _clean(source.standards),
    }
    for language, page in pages.items():
        document |= {
            f"id_{language}": page.pk,
            f"url_{language}": page.get_url(),
            f"title_{language}": _clean(page.title),
            f"summary_{language}": _clean(page.summary),
            f"description_{language}": _clean(" ".join(_stream_text(page.description))),
        }
    for language in LANGUAGES:
        # Sorting by name in a language with no translation falls back to the other title.
        titles = (document.get(f"title_{code}") for code in (language, *LANGUAGES))
        document[f"sort_name_{language}"] = next((title for title in titles if title), None)
    document |= _company_fields(source)
    document |= _vocabulary_fields(source)
    document |= _recognition_fields(source)
    return {key: value for key, value in document.items() if value not in (None, "", [])}


def _clean(text: str | None) -> str:
    return normalize_text(" ".join((text or "").split()))


def _stream_text(value) -> list[str]:
    """The readable text of a StreamField value.

    Not `get_searchable_content()` as is: that also returns choice labels such as a heading's
    level ("Tiêu đề cấp 2"), which are layout, not content, and would match searches.
    """
    return list(_block_text(value.stream_block, value))


def _block_text(block, value):
    if value is None or isinstance(block, blocks.ChoiceBlock):
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_text(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_text(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_text(block.child_block, item)
    else:
        yield from block.get_searchable_content(value)


def _company_fields(product) -> dict:
    from products.models import CompanyPage

    if product.company_id is None:
        return {}
    companies = {
        company.locale.language_code: company
        for company in CompanyPage.objects.live()
        .public()
        .filter(translation_key=product.company.translation_key)
        .select_related("locale", "unit")
    }
    if not companies:
        return {}
    source = companies.get(SOURCE_LANGUAGE) or next(iter(companies.values()))
    fields = {
        "company_brand": _clean(source.brand_name),
        "company_legal_names": sorted(
            {_clean(company.legal_name) for company in companies.values()} - {""}
        ),
    }
    for language in LANGUAGES:
        # A language without a company page shows the other one's name and link.
        company = companies.get(language) or source
        name, url = _clean(company.title), company.get_url()
        fields |= {
            f"company_name_{language}": name,
            f"company_url_{language}": url,
            f"company_key_{language}": f"{name}{FACET_SEPARATOR}{url}",
        }
    if source.unit_id:
        fields |= _labels("unit", source.unit, plural=False)
    return fields


def _vocabulary_fields(product) -> dict:
    from products.models import ProductCertification, ProductMarket

    fields = {}
    if product.sector_id:
        fields |= _labels("sector", product.sector, plural=False, order=product.sector.sort_order)
    certifications = [
        link.certification
        for link in ProductCertification.objects.filter(page=product)
        .select_related("certification")
        .order_by("sort_order")
    ]
    markets = [
        link.market
        for link in ProductMarket.objects.filter(page=product)
        .select_related("market")
        .order_by("sort_order")
    ]
    for group, items in (("certification", certifications), ("market", markets)):
        for item in items:
            for key, value in _labels(group, item, plural=True).items():
                fields.setdefault(key, []).append(value)
    return fields


def _labels(group: str, item, *, plural: bool, order: int = 0) -> dict:
    """The slug, both labels, and the encoded facet value of one vocabulary *item*."""
    name_vi = _clean(item.name)
    name_en = _clean(item.label_for("en"))
    values, labels = (f"{group}s", f"{group}_labels") if plural else (group, f"{group}_label")
    return {
        values: item.slug,
        f"{labels}_vi": name_vi,
        f"{labels}_en": name_en,
        f"{values}_facet": FACET_SEPARATOR.join([item.slug, name_vi, name_en, str(order)]),
    }


def _recognition_fields(product) -> dict:
    records = list(product.recognitions.all())
    years = sorted({record.year for record in records})
    flags = {record.is_top10 for record in records}
    # Three-valued like the records: Top 10 in any year is "true"; "false" only when every
    # record says no; anything else is "unknown" (a silent source never means no).
    if True in flags:
        top10 = "true"
    elif flags == {False}:
        top10 = "false"
    else:
        top10 = "unknown"
    return {
        "years": [str(year) for year in years],
        "latest_year": years[-1] if years else None,
        "top10": top10,
    }
