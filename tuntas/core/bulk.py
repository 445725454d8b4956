"""Insert many rows fast: PostgreSQL's COPY, with Django's bulk_create elsewhere.

Django's ``bulk_create`` builds one big parameterised INSERT in Python, which costs
tens of microseconds per value; the clock sweep writes thousands of audit events and
outbox messages a second. On PostgreSQL these rows go through ``COPY`` instead (into a
temporary table first when duplicates must be skipped, then ``INSERT ... ON CONFLICT DO
NOTHING``). The rows are the same model instances either way; primary keys are not set
on them afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKey,
    IntegerField,
    JSONField,
    Model,
    TextField,
)
from psycopg.types.json import Jsonb

M = TypeVar("M", bound=Model)

# Below this many rows a plain INSERT is as fast and simpler to read in logs.
COPY_THRESHOLD = 200


def insert_many(model: type[M], rows: Sequence[M], *, skip_duplicates: bool = False) -> int:
    """Insert ``rows``; with ``skip_duplicates`` rows violating a unique constraint are
    left out (as ``bulk_create(ignore_conflicts=True)``). Returns the rows given."""
    if not rows:
        return 0
    if connection.vendor != "postgresql" or len(rows) < COPY_THRESHOLD:
        model._default_manager.bulk_create(rows, ignore_conflicts=skip_duplicates)
        return len(rows)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    target = table
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if skip_duplicates:
            target = connection.ops.quote_name(f"tmp_{model._meta.db_table}")
            # Same column types, no constraints; emptied at commit (and below).
            # Table and column names come from the model's meta, quoted: no user input.
            create = f"CREATE TEMP TABLE IF NOT EXISTS {target} ON COMMIT DELETE ROWS AS "
            raw.execute(create + f"SELECT {columns} FROM {table} WITH NO DATA")  # noqa: S608
        readers = [_reader(f) for f in fields]
        with raw.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([read(row) for read in readers])
        if skip_duplicates:
            insert = f"INSERT INTO {table} ({columns}) "
            raw.execute(insert + f"SELECT {columns} FROM {target} ON CONFLICT DO NOTHING")  # noqa: S608
            raw.execute(f"TRUNCATE {target}")
    return len(rows)


# Fields whose Python value COPY takes as it is (psycopg adapts str, int, bool,
# aware datetimes and None); anything else goes through Django's own conversion.
PLAIN = (
    CharField,
    TextField,
    IntegerField,
    BooleanField,
    DateTimeField,
    ForeignKey,
)


def _reader(field: Any) -> Callable[[Model], Any]:
    name = field.attname
    if isinstance(field, JSONField):
        return lambda row: None if (v := getattr(row, name)) is None else Jsonb(v)
    if isinstance(field, PLAIN) and not (isinstance(field, DateTimeField) and not settings.USE_TZ):
        return attrgetter(name)
    return lambda row: field.get_db_prep_save(getattr(row, name), connection)
