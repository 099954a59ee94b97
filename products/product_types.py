"""The product-type vocabulary: words a buyer uses for a product that its own text may lack.

A foreign buyer types "LED lamp" or "cable supplier"; the product is "Đèn LED Rạng Đông" and
its English title "Rạng Đông LED lighting". Each product's search document therefore carries,
per language, its HS heading's description and the glossary groups its title or heading
belongs to (`products/data/product_types.toml`, shipped with the code; editors add their own
words as synonyms in the admin). Both search paths index these terms like any other text, so
"lamp", "bóng đèn" and "light bulb" find the lamp on the engine, PostgreSQL and SQLite.
"""

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from core.text import normalize_text, words

DATA_FILE = Path(__file__).resolve().parent / "data" / "product_types.toml"


class _Entry(BaseModel):
    # A misspelt key is an error, not a term that silently never reaches the search.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Heading(_Entry):
    vi: str
    en: str


class GlossaryGroup(_Entry):
    vi: list[str]
    en: list[str]
    hs: list[str] = []
    triggers: list[str] | None = None

    @field_validator("vi", "en")
    @classmethod
    def _not_empty(cls, phrases: list[str]) -> list[str]:
        if not phrases or not all(_phrase_words(phrase) for phrase in phrases):
            raise ValueError("every group needs at least one phrase per language, none blank")
        return phrases

    def trigger_phrases(self) -> set[tuple[str, ...]]:
        phrases = self.triggers if self.triggers is not None else [*self.vi, *self.en]
        return {_phrase_words(phrase) for phrase in phrases}


class ProductTypes(_Entry):
    hs_headings: dict[str, Heading]
    glossary: list[GlossaryGroup]

    @field_validator("hs_headings")
    @classmethod
    def _four_digits(cls, headings: dict[str, Heading]) -> dict[str, Heading]:
        if bad := [code for code in headings if not (len(code) == 4 and code.isdigit())]:
            raise ValueError(f"HS headings are four digits: {', '.join(bad)}")
        return headings

    @model_validator(mode="after")
    def _known_headings(self) -> "ProductTypes":
        unknown = {code for group in self.glossary for code in group.hs} - set(self.hs_headings)
        if unknown:
            raise ValueError(f"glossary names headings not in hs_headings: {sorted(unknown)}")
        return self

    def terms(self, *, titles: Iterable[str], hs_code: str | None) -> dict[str, list[str]]:
        """{"vi": [...], "en": [...]}: the type words of a product with *titles* (any
        language) and *hs_code* (any punctuation), each phrase once, heading first."""
        heading = "".join(ch for ch in hs_code or "" if ch.isdigit())[:4]
        found = {"vi": [], "en": []}
        if heading in self.hs_headings:
            found["vi"].append(self.hs_headings[heading].vi)
            found["en"].append(self.hs_headings[heading].en)
        title_words = [_phrase_words(title) for title in titles]
        for group in self.glossary:
            if heading in group.hs or any(
                _contains(title, phrase)
                for phrase in group.trigger_phrases()
                for title in title_words
            ):
                found["vi"] += group.vi
                found["en"] += group.en
        return {language: list(dict.fromkeys(phrases)) for language, phrases in found.items()}


def _phrase_words(text: str) -> tuple[str, ...]:
    """Lower-case words with an English plural's "s" dropped ("LED bulbs" holds "LED bulb").

    Not folded: "cấp" (grade, in "cao cấp") is not "cáp" (cable).
    """
    return tuple(
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in words(normalize_text(text).casefold())
    )


def _contains(words_: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words_[start : start + size] == phrase for start in range(len(words_) - size + 1))


@lru_cache(maxsize=1)
def product_types() -> ProductTypes:
    """The shipped vocabulary, read and checked once per process."""
    with DATA_FILE.open("rb") as data:
        return ProductTypes.model_validate(tomllib.load(data))
