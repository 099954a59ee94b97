"""Rows written straight into tables: the benchmark's catalogue is too large for the ORM."""

from collections.abc import Iterable
from itertools import batched

from django.core.management.color import no_style
from django.db import connections, router
from wagtail.models import Page

INSERT_BATCH = 500


def reset_sequences(*models) -> None:
    """Move the id sequences past explicitly inserted ids (PostgreSQL; a no-op on SQLite)."""
    connection = connections[router.db_for_write(Page)]
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def insert_rows(model, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """INSERT *rows* (tuples in *columns* order: field names) into *model*'s own table.

    Plain `executemany`, no model instances: at 100 000 products, building a Page instance
    (Wagtail's and modelcluster's __init__) cost more than inserting it. Values that need the
    database's own form (UUIDs, aware datetimes, JSON) go through their field's
    `get_db_prep_save`, so SQLite and PostgreSQL both get what the ORM would send.
    """
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [model._meta.get_field(name) for name in columns]
    converters = [
        (lambda value, f=f: f.get_db_prep_save(value, connection))
        if f.get_internal_type() in _PREPARED_TYPES
        else None
        for f in fields
    ]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    count = 0
    with connection.cursor() as cursor:
        for chunk in batched(rows, INSERT_BATCH):
            cursor.executemany(
                sql,
                [
                    tuple(
                        value if convert is None else convert(value)
                        for convert, value in zip(converters, row, strict=True)
                    )
                    for row in chunk
                ],
            )
            count += len(chunk)
    return count


_PREPARED_TYPES = {"UUIDField", "DateTimeField", "JSONField", "DateField"}


def delete_rows(model, *, column: str | None = None, values: Iterable = ()) -> None:
    """DELETE FROM *model*'s own table: every row, or those whose *column* is in *values*.

    Plain SQL, no collector: the ORM's cascade would load every page and send a signal per
    page (each scheduling a search update), which at 100 000 products takes longer than
    generating them. The caller deletes in dependency order.
    """
    connection = connections[router.db_for_write(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if column is None:
            cursor.execute(f"DELETE FROM {table}")
            return
        values = list(values)
        if values:
            quoted = connection.ops.quote_name(model._meta.get_field(column).column)
            marks = ", ".join(["%s"] * len(values))
            cursor.execute(f"DELETE FROM {table} WHERE {quoted} IN ({marks})", values)
