"""SQLite's word index for the database path: an FTS5 table over the entries' `folded_text`,
one for the products' entries (`CatalogueEntry`), one for the companies'.

SQLite has no index for `LIKE '% word %'`, so without one every search reads every entry's
text, several times (counts, page, facets): 50 to 130 ms each at 10 000 products. FTS5 finds
the entries having a word in a millisecond. It only narrows the candidates: the database path
still applies its own LIKE conditions to them, so what matches is unchanged.

The table is "external content": it stores the index, not a copy of the text, and triggers on
the entry table keep it in step with every insert, update and delete, whichever code writes
(`sync_entry`, bulk loads, raw deletes). PostgreSQL needs none of this: a pg_trgm GIN index
serves the same LIKE (migrations 0001 and 0007).

Beware: when a later migration alters either entry table, Django's SQLite schema editor
rebuilds the table and its triggers are lost. Such a migration must run `create_sql(<that
table>)` again (`drop_sql(<that table>)` first): tests/search/test_catalogue_database.py
checks that they exist.
"""

import sqlite3
from contextlib import closing
from functools import cache

ENTRIES = "search_catalogueentry"
COMPANY_ENTRIES = "search_cataloguecompanyentry"


def table(entries: str = ENTRIES) -> str:
    """The FTS5 table of the entry table *entries*."""
    return f"{entries}_fts"


def triggers(entries: str = ENTRIES) -> tuple[str, ...]:
    return tuple(f"{table(entries)}_{event}" for event in ("insert", "delete", "update"))


@cache
def available() -> bool:
    """Whether this Python's SQLite library was built with FTS5 (nearly all are)."""
    with closing(sqlite3.connect(":memory:")) as probe:
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        except sqlite3.OperationalError:
            return False
    return True


def create_sql(entries: str = ENTRIES) -> list[str]:
    fts = table(entries)
    # The folded text is already lower-case words without diacritics, separated by spaces:
    # the tokenizer only has to split at the spaces.
    remove = (
        f"INSERT INTO {fts}({fts}, rowid, folded_text) VALUES ('delete', old.id, old.folded_text);"
    )
    add = f"INSERT INTO {fts}(rowid, folded_text) VALUES (new.id, new.folded_text);"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(folded_text, "
        f"content='{entries}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {entries} BEGIN {add} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {entries} BEGIN {remove} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF folded_text ON {entries} "
        f"BEGIN {remove} {add} END",
        # Index the entries already there.
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def drop_sql(entries: str = ENTRIES) -> list[str]:
    dropped = [f"DROP TRIGGER IF EXISTS {name}" for name in triggers(entries)]
    return [*dropped, f"DROP TABLE IF EXISTS {table(entries)}"]


def match_expression(spellings: list[list[list[str]]]) -> str | None:
    """An FTS5 query for entries having, for some spelling, every word in one of its forms.

    *spellings* is a list of spellings, each a list of words, each a list of forms. Only ASCII
    words are put in the query: the tokenizer splits them exactly as `_words` did, while a
    letter newer than SQLite's Unicode tables could be a separator to it. A spelling without
    an ASCII word cannot be narrowed down, so then None: every entry is a candidate.
    """
    groups = []
    for words in spellings:
        terms = [
            "(" + " OR ".join(f'"{form}"' for form in forms) + ")"
            for forms in words
            if all(form.isascii() and form.isalnum() for form in forms)
        ]
        if not terms:
            return None
        groups.append("(" + " AND ".join(terms) + ")")
    return " OR ".join(groups) if groups else None
