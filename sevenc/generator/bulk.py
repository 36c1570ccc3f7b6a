"""Write many rows fast: COPY on PostgreSQL, batched `executemany` elsewhere (SQLite).

For the large tables of a generated portfolio (a million responses, the matrices' cells), where building a
model instance per row would cost more than the database's work. Rows are tuples in the order of the field
names given; values are plain Python (int, str, bool, None, date, aware datetime, dict for JSON). The
caller fills every NOT NULL column: no model defaults, no `save()`, no signals — generated data only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

BATCH = 5000


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How a value of this field goes to the database, or None when the driver takes it as it is."""
    if connection.vendor == "postgresql":
        if isinstance(field, models.JSONField):
            from psycopg.types.json import Jsonb

            return Jsonb
        return None
    if isinstance(field, models.JSONField):
        return json.dumps
    if isinstance(field, models.DateTimeField | models.DateField | models.DecimalField):
        cache: dict[Any, Any] = {}  # few distinct values (a day, an assessment's time): convert each once

        def convert(value: Any) -> Any:
            if value not in cache:
                cache[value] = field.get_db_prep_save(value, connection)
            return cache[value]

        return convert
    return None


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` into `model`'s table; returns how many. Runs inside the caller's transaction."""
    fields = [model._meta.get_field(name) for name in names]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)  # type: ignore[union-attr]
    table = connection.ops.quote_name(model._meta.db_table)
    converters = [(n, c) for n, f in enumerate(fields) if (c := _converter(f)) is not None]  # type: ignore[arg-type]

    def prepared(row: Sequence[Any]) -> Sequence[Any]:
        if not converters:
            return row
        values = list(row)
        for n, convert in converters:
            if values[n] is not None:
                values[n] = convert(values[n])
        return values

    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(prepared(row))
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(prepared(row))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


@contextmanager
def foreign_keys_checked_at_the_end(*tables: type[models.Model]) -> Iterator[None]:
    """On PostgreSQL, drop the foreign keys of these tables for the block and add them back after it, which
    checks every row in one join instead of one deferred trigger per row at commit (a million responses:
    seconds instead of most of a minute). Inside the caller's transaction, so an error restores them; the
    tables stay locked until it commits. Elsewhere (SQLite) it does nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    assert connection.in_atomic_block, "only inside a transaction: the foreign keys must come back"
    quote = connection.ops.quote_name
    dropped: list[tuple[str, str, str]] = []
    with connection.cursor() as cursor:
        # PostgreSQL refuses to alter a table with foreign-key checks still queued by earlier statements of
        # this transaction (a second generate in one transaction, as the tests do): run those checks now,
        # then defer again, as Django's constraints are.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in tables:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                dropped.append((table, name, definition))
    yield
    with connection.cursor() as cursor:
        for table, name, definition in dropped:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
