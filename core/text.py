"""Vietnamese-aware text helpers shared by storage, search and imports.

Stored text is NFC (the form Vietnamese keyboards and most sources produce); search compares
a *folded* form, so that "ha noi" and "den led" find "Hà Nội" and "đèn LED".
"""

import unicodedata

# NFD splits most accented letters into base + combining marks; đ/Đ have no decomposition.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def normalize_text(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold_text(value: str) -> str:
    """Lower-case and strip every diacritic: "Đèn LED Rạng Đông" -> "den led rang dong"."""
    decomposed = unicodedata.normalize("NFD", value.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def ascii_slug(value: str) -> str:
    """A URL slug without diacritics: "Khai mạc Hội chợ" -> "khai-mac-hoi-cho".

    Django's ASCII slugify drops "đ" (it has no decomposition), so fold first.
    """
    from django.utils.text import slugify

    return slugify(fold_text(value))
