"""The catalogue search's database path: one searchable row per product, and its facets.

When no engine is configured (`SEARCH_URL` unset: `make run`, small deployments) the catalogue
is searched in the database. Searching the live pages directly would mean joining pages,
companies, vocabularies and recognitions on every request, and neither SQLite nor PostgreSQL
folds Vietnamese diacritics by itself (FTS5 keeps "ộ" and "đ"; `unaccent` is an extension and
still leaves "đ"). So each product gets one denormalised `CatalogueEntry`, built from the same
document the engine indexes (`products.documents`: one source of what is
searchable), with its text stored twice: as written and folded. Facets live in
`CatalogueFacetValue`, one row per value, so their counts are a GROUP BY. Both are written by
`search.catalogue.database.query` (`sync_entry()` per product on publish); they are a cache
of the pages and can be rebuilt from them at any time (`rebuild_entries()`, 500 products a
batch, prepared by worker processes under `manage.py rebuild_catalogue_index`).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils import timezone


class AbstractCatalogueEntry(models.Model):
    """The columns every kind of catalogue search entry has (products, companies).

    One row per product or company (every translation sharing a `translation_key`), built
    from its document; `document` keeps the whole document, so a page of results renders from
    the one table. The match columns hold words separated by single spaces with a space at
    each end (" den led rang dong "), so that `LIKE '% den %'` finds whole words on every
    database:

    - `text`: every searchable field of both languages, NFC and lower-cased, to rank a query
      typed with its diacritics ("đèn") above one that only matches folded ("den" ~ "đen").
    - `folded_text`: the same text folded (`core.text.fold_text`: "đèn" -> "den").
    - `names`/`folded_names`: the names only, for the "title above body" ranking (and, for
      products, the trigram fallback on PostgreSQL and the suggestion vocabulary).

    Written by `search.catalogue.database.query.write_table`, one kind at a time.
    """

    translation_key = models.UUIDField(unique=True)
    title_vi = models.CharField(max_length=255, blank=True)
    title_en = models.CharField(max_length=255, blank=True)
    # The most recent recognition year, for the "newest" sort (None sorts last).
    latest_year = models.PositiveSmallIntegerField(null=True)
    # Folded names, so "Đèn" sorts among the D's as in the engine's `sort_folded` normalizer.
    sort_name_vi = models.CharField(max_length=255, blank=True)
    sort_name_en = models.CharField(max_length=255, blank=True)
    names = models.TextField(blank=True)
    folded_names = models.TextField(blank=True)
    text = models.TextField(blank=True)
    folded_text = models.TextField(blank=True)
    document = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title_vi or self.title_en or str(self.translation_key)


class CatalogueEntry(AbstractCatalogueEntry):
    """One product as the search sees it.

    The display fields (titles, URLs, company, sector) are columns so that sorting and the
    "did you mean" vocabulary need no JSON; the match columns are the base's.
    """

    # Text, not CharField: a URL is a whole page path, which Wagtail does not bound at 255.
    url_vi = models.TextField(blank=True)
    url_en = models.TextField(blank=True)
    summary_vi = models.TextField(blank=True)
    summary_en = models.TextField(blank=True)
    company_name_vi = models.CharField(max_length=255, blank=True)
    company_name_en = models.CharField(max_length=255, blank=True)
    company_url_vi = models.TextField(blank=True)
    company_url_en = models.TextField(blank=True)
    sector = models.SlugField(max_length=100, blank=True)
    sector_label_vi = models.CharField(max_length=200, blank=True)
    sector_label_en = models.CharField(max_length=200, blank=True)
    # Three-valued like the recognition records: None is "unknown", never "no".
    top10 = models.BooleanField(null=True)
    # The last day of the latest recognition (None: no recognition), which the status filter
    # compares with the query's day: a date rather than a "current" flag, which would go
    # stale at midnight.
    recognised_until = models.DateField(null=True, db_index=True)

    class Meta:
        verbose_name = "mục tìm kiếm sản phẩm"
        verbose_name_plural = "mục tìm kiếm sản phẩm"


class CatalogueFacetValue(models.Model):
    """One facet value of one entry: a sector, a year, a certification, a market, a ward...

    Facets are multi-valued (a product has several years and certifications), so they are rows
    rather than columns: filtering is `entry IN (rows of group G with value IN (...))`, and a
    group's counts are one GROUP BY over (group, value). Values are the language-independent
    slugs the facets and URLs use; both labels are stored so a count needs no join to the
    vocabularies. `sort_order` carries the sector's official order (0 for other groups).
    """

    class Group(models.TextChoices):
        SECTOR = "sector", "Nhóm ngành"
        YEAR = "year", "Năm công nhận"
        CERTIFICATION = "certification", "Chứng nhận"
        MARKET = "market", "Thị trường xuất khẩu"
        UNIT = "unit", "Phường/xã"
        TOP10 = "top10", "Top 10"

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="facet_values")
    group = models.CharField(max_length=20, choices=Group.choices)
    value = models.CharField(max_length=100)
    label_vi = models.CharField(max_length=255, blank=True)
    label_en = models.CharField(max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "giá trị bộ lọc"
        verbose_name_plural = "giá trị bộ lọc"
        indexes = [
            # Serves the filters (group, value) and covers the counts' GROUP BY: SQLite then
            # reads the values in order from the index alone, with no sort and no table.
            models.Index(
                fields=["group", "value", "label_vi", "label_en", "sort_order", "entry"],
                name="search_facet_value_counts",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "group", "value"], name="search_facet_unique_per_entry"
            )
        ]

    def __str__(self):
        return f"{self.group}={self.value}"


class CatalogueNameWord(models.Model):
    """One word of one entry's names: the vocabulary "did you mean" corrects a query with.

    `word` is the word as written, lower-cased NFC ("đèn"); `folded` the same word folded
    ("den"); `occurrences` how often it appears in that entry's names. Summed over entries,
    they give every folded word of the catalogue's names and its most common spelling, in one
    GROUP BY over a narrow table, instead of re-reading and folding every name per search.
    Written with the entry (`search.catalogue.database.query.write_batch`), deleted
    with it by the database itself (also under the benchmark's raw deletes).
    """

    entry = models.ForeignKey(
        CatalogueEntry, on_delete=models.DB_CASCADE, related_name="name_words"
    )
    folded = models.TextField()
    word = models.TextField()
    occurrences = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "từ trong tên sản phẩm"
        verbose_name_plural = "từ trong tên sản phẩm"
        indexes = [
            # Covers the vocabulary's GROUP BY: read in index order, no sort and no table.
            models.Index(
                fields=["folded", "word", "occurrences", "entry"], name="search_nameword_vocabulary"
            )
        ]

    def __str__(self):
        return self.word


class CatalogueCompanyEntry(AbstractCatalogueEntry):
    """One company as the search sees it.

    The company results of the database path (`search.catalogue.database.companies`), built
    from the company documents the engine indexes too (`catalogue_source().company_documents`).
    The match columns are the base's (`names` the company's names only): the product path's
    matching rules apply to them unchanged. Their text has a word index as the products' has
    (an FTS5 table on SQLite, migration 0007; its words as lexemes on PostgreSQL, 0008).
    """

    product_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "mục tìm kiếm doanh nghiệp"
        verbose_name_plural = "mục tìm kiếm doanh nghiệp"


class Synonym(models.Model):
    """Words that mean the same to searchers ("bình nóng lạnh" = "bình nước nóng").

    Both search paths expand a query with its groups at query time, so an editor's change
    applies to the next search, with no reindex and no engine plugin.
    """

    term = models.CharField(
        "Từ hoặc cụm từ",
        max_length=120,
        unique=True,
        help_text="Ví dụ: bình nóng lạnh. Không phân biệt dấu và chữ hoa khi tìm.",
    )
    alternatives = models.TextField(
        "Đồng nghĩa",
        help_text="Mỗi dòng một cách gọi khác, ví dụ: bình nước nóng. Áp dụng theo cả hai chiều.",
    )

    class Meta:
        verbose_name = "từ đồng nghĩa"
        verbose_name_plural = "từ đồng nghĩa"
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def alternative_list(self) -> list[str]:
        return [line.strip() for line in self.alternatives.splitlines() if line.strip()]

    def clean(self):
        if not self.alternative_list:
            raise ValidationError({"alternatives": "Nhập ít nhất một cách gọi khác."})


class SearchQueryStatQuerySet(models.QuerySet):
    def count_search(
        self, *, query: str, language: str, day: datetime.date, result_count: int, path: str
    ) -> None:
        """Add one search to the day's row of (query, language), creating it if needed.

        One statement, `INSERT ... ON CONFLICT DO UPDATE`, on both PostgreSQL and SQLite
        (3.24+): atomic under concurrent searches without a savepoint or a retry, and one query
        per search on the public page's budget (an F() UPDATE then INSERT costs two on a day's
        first search, four with the savepoint that makes it safe). The ORM's
        `bulk_create(update_conflicts=True)` can only overwrite a counter, not increment it.
        """
        meta = self.model._meta
        connection = connections[self.db]
        name = connection.ops.quote_name
        column = {
            field: name(meta.get_field(field).column)
            for field in (
                "query",
                "language",
                "day",
                "hits",
                "zero_result_hits",
                "database_hits",
                "last_result_count",
            )
        }
        target = name(meta.db_table)
        sql = (
            f"INSERT INTO {target} ({column['query']}, {column['language']}, {column['day']}, "
            f"{column['hits']}, {column['zero_result_hits']}, {column['database_hits']}, "
            f"{column['last_result_count']}) VALUES (%s, %s, %s, 1, %s, %s, %s) "
            f"ON CONFLICT ({column['query']}, {column['language']}, {column['day']}) DO UPDATE "
            f"SET {column['hits']} = {target}.{column['hits']} + 1, "
            f"{column['zero_result_hits']} = {target}.{column['zero_result_hits']} "
            f"+ excluded.{column['zero_result_hits']}, "
            f"{column['database_hits']} = {target}.{column['database_hits']} "
            f"+ excluded.{column['database_hits']}, "
            f"{column['last_result_count']} = excluded.{column['last_result_count']}"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    query,
                    language,
                    connection.ops.adapt_datefield_value(day),
                    1 if result_count == 0 else 0,
                    1 if path == "database" else 0,
                    result_count,
                ],
            )

    def prune(self, *, days: int) -> int:
        """Delete the rows of days more than *days* ago; returns how many rows went."""
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        deleted, _ = self.filter(day__lt=cutoff).delete()
        return deleted


class SearchQueryStat(models.Model):
    """How often visitors searched for one query, in one language, on one day.

    The editors' search-terms reports (search/reports.py) read it: the most frequent queries,
    and those that found nothing, so an editor can promote a page for them. Rows are per day,
    not per search, so the table grows with the number of distinct queries rather than with
    traffic, and it holds nothing about who searched (no IP, user or cookie). Written only by
    `SearchQueryStat.objects.count_search`, one upsert per search, from a background task;
    `manage.py prune_search_stats` deletes old days.
    """

    QUERY_MAX_LENGTH = 100

    query = models.CharField(
        "Từ khoá",
        max_length=QUERY_MAX_LENGTH,
        help_text="Chuẩn hoá: NFC, chữ thường, một dấu cách giữa các từ.",
    )
    language = models.CharField(
        "Ngôn ngữ", max_length=2, choices=[(code, code) for code, _name in settings.LANGUAGES]
    )
    day = models.DateField("Ngày")
    hits = models.PositiveIntegerField("Lượt tìm", default=0)
    zero_result_hits = models.PositiveIntegerField("Lượt không có kết quả", default=0)
    # Answered by the database path: every search without an engine, a fallback with one.
    database_hits = models.PositiveIntegerField("Lượt trả lời từ cơ sở dữ liệu", default=0)
    last_result_count = models.PositiveIntegerField("Số kết quả lần gần nhất", default=0)

    objects = SearchQueryStatQuerySet.as_manager()

    class Meta:
        verbose_name = "thống kê từ khoá tìm kiếm"
        verbose_name_plural = "thống kê từ khoá tìm kiếm"
        constraints = [
            # Also the conflict target of the upsert in SearchQueryStatQuerySet.count_search.
            models.UniqueConstraint(
                fields=["query", "language", "day"], name="search_query_stat_unique_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="search_query_stat_day")]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.day})"
