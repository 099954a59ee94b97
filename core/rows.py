"""Rows written straight into a table, for the bulk writes the ORM makes slow.

A catalogue entry on the database path comes with about thirty small rows (its facet values and
its "did you mean" words); at 10 000 products `bulk_create` spent more time building model
instances and compiling their INSERTs than the database spent storing them.
"""

from collections.abc import Iterable
from itertools import batched

from django.db import connections, router

INSERT_BATCH = 500

# Fields whose values need their field's own preparation (SQLite stores UUIDs without dashes,
# PostgreSQL wants JSON adapted); other values go to the driver as they are.
_PREPARED_TYPES = {"UUIDField", "DateTimeField", "JSONField", "DateField"}


def insert_rows(model, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Write *rows* (tuples in *columns* order: field names) into *model*'s own table.

    No model instances and no signals: only for tables whose rows have no behaviour of their
    own. Values that need the database's own form (UUIDs, aware datetimes, JSON) go through
    their field's `get_db_prep_save`, so SQLite and PostgreSQL both get what the ORM would
    send. SQLite gets a plain `executemany`; PostgreSQL gets COPY, since psycopg's
    `executemany` is one INSERT statement a row (a rebuild of 10 000 products sent 325 000,
    and spent more time on them than on anything else).
    """
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in columns]
    converters = [
        (lambda value, f=f: f.get_db_prep_save(value, connection))
        if f.get_internal_type() in _PREPARED_TYPES
        else None
        for f in fields
    ]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    listed = ", ".join(quote(f.column) for f in fields)

    def prepared(row: tuple) -> tuple:
        return tuple(
            value if convert is None else convert(value)
            for convert, value in zip(converters, row, strict=True)
        )

    if connection.vendor == "postgresql":
        return _copy_rows(connection, f"COPY {table} ({listed}) FROM STDIN", map(prepared, rows))
    sql = f"INSERT INTO {table} ({listed}) VALUES ({', '.join(['%s'] * len(fields))})"
    count = 0
    with connection.cursor() as cursor:
        for chunk in batched(rows, INSERT_BATCH):
            cursor.executemany(sql, [prepared(row) for row in chunk])
            count += len(chunk)
    return count


def _copy_rows(connection, sql: str, rows: Iterable[tuple]) -> int:
    count = 0
    # Django converts the driver's errors (IntegrityError...) for execute, not for copy.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
