"""Distinct catalogue searches for the benchmark, each sent once ("first-time" searches).

The fixed mix in run.py repeats 28 searches; the engine's request cache answers a repeat
from memory until the index changes, so repeats measure the cache. These searches are built
from the same vocabulary the synthetic catalogue is made of, every one different, so each is
the first of its kind the engine sees: they measure what a search costs when nothing about
it is cached.

For every product type: its name as typed with diacritics, without them, with one typo,
its English name (lang=en), with a qualifier of its sector, and its name narrowed to a
sector and a recognition year. Deterministic: the same list every run.
"""

from core.text import fold_text
from lab.benchmark.vocabulary import PRODUCT_TYPES, QUALIFIERS, RECOGNITION_YEARS


def distinct_searches() -> list[tuple[str, str, dict]]:
    """(kind, q, parameters of GET /api/catalogue/), no two alike."""
    searches: list[tuple[str, str, dict]] = []
    years = list(RECOGNITION_YEARS)
    position = 0
    for sector, types in PRODUCT_TYPES.items():
        qualifiers = QUALIFIERS[sector]
        for vietnamese, english, _ in types:
            name = vietnamese.lower()
            qualifier = qualifiers[position % len(qualifiers)][0]
            searches += [
                ("plain", name, {}),
                ("no-diacritics", fold_text(name), {}),
                ("typo", _typo(fold_text(name)), {}),
                ("english", english.lower(), {"lang": "en"}),
                ("qualified", f"{name} {qualifier}", {}),
                ("filtered", name, {"sector": [sector], "year": [str(years[position % 8])]}),
            ]
            position += 1
    unique, seen = [], set()
    for kind, q, params in searches:
        key = (q, tuple(sorted((name, str(value)) for name, value in params.items())))
        if key not in seen:
            seen.add(key)
            unique.append((kind, q, params))
    return unique


def _typo(text: str) -> str:
    """The longest word with a letter doubled past its start, as people mistype."""
    words = text.split()
    longest = max(range(len(words)), key=lambda index: len(words[index]))
    word = words[longest]
    if len(word) >= 3:
        words[longest] = word[:2] + word[2] + word[2:]
    return " ".join(words)
