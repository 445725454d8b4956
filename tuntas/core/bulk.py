"""Insert many rows fast: the one bulk inserter (``insert_values``) every app uses.

Django's ``bulk_create`` builds a model instance per row and one big parameterised
INSERT in Python, which costs tens of microseconds per value; the clock sweep writes
thousands of audit events and outbox messages a second, the KPI refresh tens of
thousands of facts. ``insert_values`` takes plain tuples of the named fields (the rest
get their model defaults), so no model instance is built for a row at all:

* on PostgreSQL, from ``COPY_THRESHOLD`` rows on, the rows go through ``COPY`` (into a
  temporary table first when duplicates must be skipped, then ``INSERT ... SELECT ...
  ON CONFLICT DO NOTHING``);
* otherwise one ``INSERT`` per batch (``bulk_create`` without duplicates; a plain
  ``INSERT ... ON CONFLICT DO NOTHING`` with duplicates, on SQLite as on PostgreSQL).

With ``skip_duplicates`` a row that collides with a unique constraint (say an outbox
idempotency key) is refused by the database, never checked for first, and the count
returned is the rows actually written. A primary key is written only when it is named
(a one-to-one key such as ``report_id`` of a per-report table).
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
    DateField,
    DateTimeField,
    FloatField,
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

# Fields whose Python value COPY takes as it is (psycopg adapts str, int, float, bool,
# dates, aware datetimes and None); anything else goes through Django's own conversion.
PLAIN = (
    CharField,
    TextField,
    IntegerField,
    FloatField,
    BooleanField,
    DateField,
    DateTimeField,
    ForeignKey,
)


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
    other fields get their defaults. Returns the rows written: with ``skip_duplicates``
    the rows a unique constraint refused are not counted."""
    if not rows:
        return 0
    unknown = set(names) - {f.attname for f in _fields(model, names)}
    if unknown:
        raise ValueError(f"not fields of the model: {', '.join(sorted(unknown))}")
    if not _use_copy(len(rows)):
        if skip_duplicates:
            return _insert_ignoring_conflicts(model, names, rows)
        objs = [model(**dict(zip(names, row, strict=True))) for row in rows]
        model._default_manager.bulk_create(objs)
        return len(rows)
    fields = _fields(model, names)
    getters = _getters(fields, names, convert=_converted)
    return _copy(model, fields, getters, rows, skip_duplicates)


def _getters(
    fields: list[Any], names: Sequence[str], *, convert: Callable[[Any, Getter], Getter]
) -> list[Getter]:
    position = {name: i for i, name in enumerate(names)}
    getters: list[Getter] = []
    for field in fields:
        if field.attname in position:
            getters.append(convert(field, itemgetter(position[field.attname])))
        else:
            getters.append(convert(field, _default(field)))
    return getters


def _default(field: Any) -> Getter:
    """The field's default for every row (a callable default is called per row, as
    ``bulk_create`` would)."""
    if field.has_default() and callable(field.default):
        return lambda _row: field.get_default()
    value = field.get_default()
    return lambda _row: value


def _converted(field: Any, get: Getter) -> Getter:
    """The value as COPY takes it."""
    if isinstance(field, JSONField):
        return lambda row: None if (v := get(row)) is None else Jsonb(v)
    if isinstance(field, PLAIN) and not (isinstance(field, DateTimeField) and not settings.USE_TZ):
        return get
    return lambda row: field.get_db_prep_save(get(row), connection)


def _prepared(field: Any, get: Getter) -> Getter:
    """The value as a query parameter takes it (Django's own conversion)."""
    return lambda row: field.get_db_prep_save(get(row), connection)


def _insert_ignoring_conflicts(
    model: type[Model], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """``INSERT ... ON CONFLICT DO NOTHING`` in batches; the rows written."""
    fields = _fields(model, names)
    getters = _getters(fields, names, convert=_prepared)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(connection.ops.bulk_batch_size(fields, list(rows)), 1)
    written = 0
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join([one] * len(batch))
            params = [get(row) for row in batch for get in getters]
            # Table and column names come from the model's meta, quoted: no user input.
            sql = f"INSERT INTO {table} ({columns}) VALUES {values} ON CONFLICT DO NOTHING"  # noqa: S608
            cursor.execute(sql, params)
            written += max(cursor.rowcount, 0)
    return written


def _copy(
    model: type[Model],
    fields: list[Any],
    getters: list[Getter],
    rows: Iterable[Any],
    skip_duplicates: bool,
) -> int:
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    target = table
    count = 0
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
                count += 1
        if skip_duplicates:
            insert = f"INSERT INTO {table} ({columns}) "
            raw.execute(insert + f"SELECT {columns} FROM {target} ON CONFLICT DO NOTHING")  # noqa: S608
            count = max(raw.rowcount, 0)
            raw.execute(f"TRUNCATE {target}")
    return count
