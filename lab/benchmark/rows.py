"""Rows written straight into tables: the benchmark's catalogue is too large for the ORM."""

from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connections, router
from wagtail.models import Page


def reset_sequences(*models) -> None:
    """Move the id sequences past explicitly inserted ids (PostgreSQL; a no-op on SQLite)."""
    connection = connections[router.db_for_write(Page)]
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


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
