"""The database path's word indexes over the entries' `folded_text`, one for the products'
entries (`CatalogueEntry`), one for the companies'.

No index serves `LIKE '% word %'` exactly, so without one every search reads every entry's
text, several times (counts, page, facets): 50 to 130 ms each at 10 000 products.

- SQLite: an FTS5 table finds the entries having a word in a millisecond. It only narrows
  the candidates: the database path still applies its own LIKE conditions to them, so what
  matches is unchanged. The table is "external content": it stores the index, not a copy of
  the text, and triggers on the entry table keep it in step with every insert, update and
  delete, whichever code writes (`sync_entry`, bulk loads, raw deletes).
- PostgreSQL: the column's words as a `tsvector` of lexemes taken verbatim (split at the
  spaces, no parser, no dictionary, so "~may", a stem, and "may" stay two lexemes), stored
  in a generated column with a GIN index (`WORDS_COLUMNS`; `text`'s too, for ranking). A
  word is in the column exactly when it is a lexeme of that vector, so `HasWords` decides
  alone, with no LIKE: the index gives the matching entries, and none of their texts is read
  (migration 0008). A pg_trgm index did the same job before it: a short syllable ("may")
  narrowed little, and the LIKEs re-read thousands of candidates' texts. PostgreSQL keeps a
  lexeme's length in 11 bits: a "word" over 2 047 bytes is stored truncated, which no query
  can notice (queries are limited to 200 characters).

Beware: when a later migration alters either entry table, Django's SQLite schema editor
rebuilds the table and its triggers are lost. Such a migration must run `create_sql(<that
table>)` again (`drop_sql(<that table>)` first). On PostgreSQL, a migration changing
`folded_text`'s type must drop the generated column first (`postgres_drop_sql`) and create
it again after. tests/search/test_catalogue_database.py checks that both exist.
"""

import sqlite3
from contextlib import closing
from functools import cache

from django.db.models import BooleanField, F, Func, Value

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


# -- PostgreSQL -----------------------------------------------------------------------------

# The match columns whose words PostgreSQL also keeps as lexemes, each in a column generated
# on every write (not Django fields: SQLite has no tsvector). Stored, not expressions: under
# filters a search may test the words of each entry the filters give, and building the
# vector from the text costs 50 µs an entry (14 ms for "thang máy" in one sector and year).
# `folded_text`'s find the entries (indexed); `text`'s rank them (typed with diacritics):
# a LIKE reads the whole text, 17 µs an entry, 28 ms a page for a query 1 600 entries match.
WORDS_COLUMNS = {"folded_text": "folded_words", "text": "text_words"}
INDEXED = "folded_text"


def _vector(column: str) -> str:
    return f"array_to_tsvector(array_remove(string_to_array({column}, ' '), ''))"


def postgres_create_sql(entries: str = ENTRIES) -> list[str]:
    added = [
        f"ALTER TABLE {entries} ADD COLUMN IF NOT EXISTS {words} tsvector "
        f"GENERATED ALWAYS AS ({_vector(column)}) STORED"
        for column, words in WORDS_COLUMNS.items()
    ]
    return [
        *added,
        f"CREATE INDEX IF NOT EXISTS {postgres_index(entries)} ON {entries} "
        f"USING gin ({WORDS_COLUMNS[INDEXED]})",
    ]


def postgres_drop_sql(entries: str = ENTRIES) -> list[str]:
    dropped = [
        f"ALTER TABLE {entries} DROP COLUMN IF EXISTS {words}" for words in WORDS_COLUMNS.values()
    ]
    return [f"DROP INDEX IF EXISTS {postgres_index(entries)}", *dropped]


def postgres_index(entries: str = ENTRIES) -> str:
    return f"{entries}_words"


class HasWords(Func):
    """The entry's *column* (a key of WORDS_COLUMNS) has, for some spelling, every word in
    one of its forms (*spellings* as for `match_expression`); PostgreSQL only.

    Exactly the LIKE conditions' rule (a form is a whole word of the column), decided by the
    column's lexemes. The expression holds *column* itself only to learn under which alias
    the query reads the entry table.
    """

    output_field = BooleanField()

    def __init__(self, spellings: list[list[list[str]]], *, column: str = INDEXED):
        self.words = WORDS_COLUMNS[column]
        super().__init__(F(column), Value(tsquery(spellings)))

    def as_sql(self, compiler, connection, **extra_context):
        column, query = self.get_source_expressions()
        query_sql, params = compiler.compile(query)
        words = f"{compiler.quote_name(column.alias)}.{connection.ops.quote_name(self.words)}"
        return f"{words} @@ ({query_sql})::tsquery", params


def tsquery(spellings: list[list[list[str]]]) -> str:
    """A tsquery of quoted lexemes, read as written (a cast, not `to_tsquery`'s parser)."""

    def lexeme(form: str) -> str:
        return "'" + form.replace("\\", "\\\\").replace("'", "''") + "'"

    return " | ".join(
        "(" + " & ".join("(" + " | ".join(map(lexeme, forms)) + ")" for forms in words) + ")"
        for words in spellings
    )
