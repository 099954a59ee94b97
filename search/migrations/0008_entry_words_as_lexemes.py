from django.db import migrations

from search.catalogue.database import fulltext

# PostgreSQL finds the entries having a word through their words as lexemes
# (fulltext.HasWords) instead of pg_trgm indexes serving LIKE '% word %': a short syllable
# ("may", "bom") has common trigrams, so the trigram index gave thousands of candidates whose
# whole texts the LIKEs then re-read (a search's count, page and facets: 219 ms at p95 at
# 10 000 products). The lexemes' index is also a tenth of the trigram index's size.
TRIGRAM_INDEXES = {
    fulltext.ENTRIES: "search_catalogueentry_folded_text_trgm",
    fulltext.COMPANY_ENTRIES: "search_cataloguecompanyentry_folded_text_trgm",
}
# A group's values are not independent of the group ("2020" is only ever a year): without
# statistics on the pair, PostgreSQL took a sector's 1 200 entries for 190 and tested the
# words of each one in turn rather than through the index.
FACET_STATISTICS = (
    "CREATE STATISTICS IF NOT EXISTS search_facet_group_value (mcv, dependencies) "
    'ON "group", value FROM search_cataloguefacetvalue'
)


def lexemes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, trigram_index in TRIGRAM_INDEXES.items():
        for statement in fulltext.postgres_create_sql(table):
            schema_editor.execute(statement)
        schema_editor.execute(f"DROP INDEX IF EXISTS {trigram_index}")
    schema_editor.execute(FACET_STATISTICS)


def trigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP STATISTICS IF EXISTS search_facet_group_value")
    for table, trigram_index in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {trigram_index} ON {table} "
            "USING gin (folded_text gin_trgm_ops)"
        )
        for statement in fulltext.postgres_drop_sql(table):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_company_entry_word_index"),
    ]

    operations = [migrations.RunPython(lexemes, trigrams, elidable=False)]
