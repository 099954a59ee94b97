"""Autocomplete on the database path: names that have a word starting with what was typed."""

from core.text import fold_text
from search.models import CatalogueEntry


def suggest_database(*, q: str, lang: str, size: int = 8) -> dict:
    """The same shape as the engine's `parse_suggest`: products with URLs (companies come
    from their own entries: database/companies.py).

    Matches the beginning of a word of the folded names ("son h" finds "Sơn Hà"), in one query.
    """
    words = fold_text(q).split()
    if not words:
        return {"products": []}
    entries = CatalogueEntry.objects.all()
    for word in words[:-1]:
        entries = entries.filter(folded_names__contains=f" {word} ")
    entries = entries.filter(folded_names__contains=f" {words[-1]}").order_by(f"sort_name_{lang}")
    other = "en" if lang == "vi" else "vi"
    products = []
    phrase = " ".join(words)
    for entry in entries[: size * 3]:
        title = getattr(entry, f"title_{lang}") or getattr(entry, f"title_{other}")
        url = getattr(entry, f"url_{lang}") or getattr(entry, f"url_{other}")
        company = getattr(entry, f"company_name_{lang}") or entry.company_name_vi
        if phrase in fold_text(title) and len(products) < size:
            products.append(
                {
                    "translation_key": str(entry.translation_key),
                    "title": title,
                    "url": url,
                    "company": company,
                }
            )
    return {"products": products}
