"""The product-type vocabulary: words a buyer uses for a product that its own text may lack.

A foreign buyer types "LED lamp" or "cable supplier"; the product is "Đèn LED Rạng Đông" and
its English title "Rạng Đông LED lighting". Each product's search document therefore carries,
per language, its HS heading's description and the glossary groups its title or heading
belongs to (`products/data/product_types.toml`, shipped with the code; editors add their own
words as synonyms in the admin). Both search paths index these terms like any other text, so
"lamp", "bóng đèn" and "light bulb" find the lamp on the engine, PostgreSQL and SQLite.
"""

import tomllib
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property, lru_cache
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
        triggered = self._groups_triggered_by([_phrase_words(title) for title in titles])
        for position, group in enumerate(self.glossary):
            if heading in group.hs or position in triggered:
                found["vi"] += group.vi
                found["en"] += group.en
        return {language: list(dict.fromkeys(phrases)) for language, phrases in found.items()}

    @cached_property
    def _trigger_index(self) -> dict[int, dict[tuple[str, ...], set[int]]]:
        """{phrase length: {trigger phrase: the positions of the groups it triggers}}.

        Built once: a rebuild asks for the terms of every product, and comparing each title
        with every group's phrases one by one made the terms most of a document's cost.
        """
        index = defaultdict(lambda: defaultdict(set))
        for position, group in enumerate(self.glossary):
            for phrase in group.trigger_phrases():
                index[len(phrase)][phrase].add(position)
        return {size: dict(phrases) for size, phrases in index.items()}

    def _groups_triggered_by(self, titles: list[tuple[str, ...]]) -> set[int]:
        """The positions of the groups one of whose phrases is a run of words in a title."""
        triggered = set()
        for title in titles:
            for size, phrases in self._trigger_index.items():
                for start in range(len(title) - size + 1):
                    triggered.update(phrases.get(title[start : start + size], ()))
        return triggered


def _phrase_words(text: str) -> tuple[str, ...]:
    """Lower-case words with an English plural's "s" dropped ("LED bulbs" holds "LED bulb").

    Not folded: "cấp" (grade, in "cao cấp") is not "cáp" (cable).
    """
    return tuple(
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in words(normalize_text(text).casefold())
    )


@lru_cache(maxsize=1)
def product_types() -> ProductTypes:
    """The shipped vocabulary, read and checked once per process."""
    with DATA_FILE.open("rb") as data:
        return ProductTypes.model_validate(tomllib.load(data))
