"""Vietnamese-aware text helpers shared by storage, search and imports.

Stored text is NFC (the form Vietnamese keyboards and most sources produce); search compares
a *folded* form, so that "ha noi" and "den led" find "Hà Nội" and "đèn LED".
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.text import slugify

# NFD splits most accented letters into base + combining marks; đ/Đ have no decomposition.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


# Letters and digits; "_" is \w but no word ("8539.52" is the words 8539 and 52, as in the
# engine's standard tokenizer).
WORD = re.compile(r"[^\W_]+")


def is_ascii_number(value: str) -> bool:
    """*value* is ASCII digits only: `str.isdigit()` alone is true for "²" and "١٢", which
    `int()` refuses or no one types for a year, an id or a tax code."""
    return value.isascii() and value.isdigit()


def words(text: str) -> list[str]:
    """The words of *text*, with everything else (quotes, operators, brackets) left out."""
    return WORD.findall(text)


def normalize_text(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean_search_text(value: str | None) -> str:
    """What is searched for: NFC, whitespace collapsed ("  Đèn\tLED " -> "Đèn LED").

    The one cleaning a visitor's query gets, in the form field that reads it
    (core.fields.SearchTextField); everything after that receives the text as it is. Control
    characters count as spaces: no name holds one, and XML (feeds) cannot carry them.
    """
    text = normalize_text(value or "")
    return " ".join("".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text).split())


def fold_text(value: str) -> str:
    """Lower-case and strip every diacritic: "Đèn LED Rạng Đông" -> "den led rang dong"."""
    decomposed = unicodedata.normalize("NFD", value.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


# Searches fold the same words and labels on every results page (the words of the texts
# they highlight, the labels of the facets they sort): folded once per process. Measured:
# folding facet labels was a third of the Python time of an engine search.
fold_word = lru_cache(maxsize=50_000)(fold_text)


def ascii_slug(value: str) -> str:
    """A URL slug without diacritics: "Khai mạc Hội chợ" -> "khai-mac-hoi-cho".

    Django's ASCII slugify drops "đ" (it has no decomposition), so fold first.
    """
    return slugify(fold_text(value))
