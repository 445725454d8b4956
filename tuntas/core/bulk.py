"""Insert many rows fast: PostgreSQL's COPY, with Django's bulk_create elsewhere.

Django's ``bulk_create`` builds one big parameterised INSERT in Python, which costs
tens of microseconds per value; the clock sweep writes thousands of audit events and
outbox messages a second. On PostgreSQL these rows go through ``COPY`` instead (into a
temporary table first when duplicates must be skipped, then ``INSERT ... ON CONFLICT DO
NOTHING``). ``insert_values`` takes plain tuples of the named fields (the rest get their
defaults), so no model instance is built for a row at all. A primary key is written
only when it is named (a one-to-one key such as ``report_id`` of a per-report table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

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

Getter = Callable[[Any], Any]

# Below this many rows a plain INSERT is as fast and simpler to read in logs.
COPY_THRESHOLD = 200

# Fields whose Python value COPY takes as it is (psycopg adapts str, int, bool,
# aware datetimes and None); anything else goes through Django's own conversion.
PLAIN = (CharField, TextField, IntegerField, BooleanField, DateTimeField, ForeignKey)


def _fields(model: type[Model], names: Sequence[str]) -> list[Any]:
    """The columns COPY writes: every field but an automatic primary key (one that is
    named, such as a one-to-one ``report_id`` primary key, is written too)."""
    return [f for f in model._meta.concrete_fields if not f.primary_key or f.attname in names]


def _use_copy(count: int) -> bool:
    return connection.vendor == "postgresql" and count >= COPY_THRESHOLD


def insert_values(
    model: type[Model],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    skip_duplicates: bool = False,
) -> int:
    """Insert tuples of the fields ``names`` (attribute names, e.g. ``report_id``); the
    other fields get their defaults."""
    if not rows:
        return 0
    if not _use_copy(len(rows)):
        objs = [model(**dict(zip(names, row, strict=True))) for row in rows]
        model._default_manager.bulk_create(objs, ignore_conflicts=skip_duplicates)
        return len(rows)
    position = {name: i for i, name in enumerate(names)}
    fields = _fields(model, names)
    getters: list[Getter] = []
    for field in fields:
        if field.attname in position:
            getters.append(_converted(field, itemgetter(position[field.attname])))
        else:
            getters.append(_constant(field.get_default()))
    _copy(model, fields, getters, rows, skip_duplicates)
    return len(rows)


def _constant(value: Any) -> Getter:
    return lambda _row: value


def _converted(field: Any, get: Getter) -> Getter:
    if isinstance(field, JSONField):
        return lambda row: None if (v := get(row)) is None else Jsonb(v)
    if isinstance(field, PLAIN) and not (isinstance(field, DateTimeField) and not settings.USE_TZ):
        return get
    return lambda row: field.get_db_prep_save(get(row), connection)


def _copy(
    model: type[Model],
    fields: list[Any],
    getters: list[Getter],
    rows: Iterable[Any],
    skip_duplicates: bool,
) -> None:
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
        with raw.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([get(row) for get in getters])
        if skip_duplicates:
            insert = f"INSERT INTO {table} ({columns}) "
            raw.execute(insert + f"SELECT {columns} FROM {target} ON CONFLICT DO NOTHING")  # noqa: S608
            raw.execute(f"TRUNCATE {target}")
