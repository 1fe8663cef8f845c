"""Fast bulk loading straight into a model's table: ``COPY`` on PostgreSQL, ``executemany``
on SQLite. For demo data, benchmarks and (later) imports, where the ORM's per-object cost
dominates. Callers pass database-ready values (see :func:`timestamps`) and explicit ids."""

import json
from collections.abc import Iterable, Sequence

import numpy as np
import polars as pl
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model
from psycopg import sql
from psycopg.types.json import Jsonb


def bulk_insert(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence]) -> None:
    meta = model._meta
    table_insert(meta.db_table, [meta.get_field(name).column for name in fields], rows)


def table_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Database-ready rows into ``columns`` of any table (a model's, or a temporary one)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
            )
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})",
                rows,
            )


def frame_insert(model: type[Model], frame: pl.DataFrame, constants: dict | None = None, *,
                 table: str | None = None, extra: Sequence[str] = ()) -> None:
    """Insert a Polars frame whose columns are the model's fields (by attribute name: typed
    values, aware datetimes in UTC), plus ``constants`` (database-ready) for other fields.
    The values are turned into what each backend stores column by column, not row by row.
    ``table`` writes into another table with the model's columns (a staging table), whose
    ``extra`` columns the frame also holds under their own names."""
    constants = constants or {}
    ready = frame.select(_stored(name, dtype) for name, dtype in frame.schema.items())
    names = [*frame.columns, *constants]
    columns = [name if name in extra else model._meta.get_field(name).column for name in names]
    table = table or model._meta.db_table
    if connection.vendor == "postgresql":
        # The whole frame as CSV, written by Polars: no Python object per cell. Text is
        # always quoted, so an empty text stays empty and an unquoted nothing is NULL.
        ready = ready.with_columns(pl.lit(_copy_text(value)).alias(name)
                                   for name, value in constants.items())
        statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            copy.write(ready.write_csv(include_header=False, quote_style="non_numeric"))
        return
    values = tuple(constants.values())
    table_insert(table, columns, (row + values for row in ready.iter_rows()))


def _copy_text(value):
    """A database-ready constant as COPY reads it (JSON adapters hold their object)."""
    if isinstance(value, Jsonb):
        return json.dumps(value.obj)
    return value


def _stored(name: str, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(name)
    if isinstance(dtype, pl.Datetime):
        # Django keeps aware datetimes in SQLite as naive UTC text, str(datetime) style (no
        # fraction when there is none), and string comparisons must agree with its own.
        utc = column.dt.convert_time_zone("UTC")
        suffix = "+00:00" if connection.vendor == "postgresql" else ""
        return (pl.when(utc.dt.microsecond() == 0)
                .then(utc.dt.strftime("%Y-%m-%d %H:%M:%S" + suffix))
                .otherwise(utc.dt.strftime("%Y-%m-%d %H:%M:%S%.6f" + suffix))).alias(name)
    if isinstance(dtype, pl.Date):
        return column.dt.strftime("%Y-%m-%d").alias(name)
    return column


def next_ids(model: type[Model], count: int) -> np.ndarray:
    """``count`` fresh primary keys after the current maximum (single writer only)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")
        (current,) = cursor.fetchone()
    start = (current or 0) + 1
    return np.arange(start, start + count, dtype=np.int64)


def sequences_reset(*models: type[Model]) -> None:
    """After inserting explicit ids, move PostgreSQL's sequences past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def timestamps(epoch_seconds: np.ndarray, present: np.ndarray | None = None) -> list:
    """UTC epoch seconds as the text each backend stores for an aware datetime (Django keeps
    naive UTC text in SQLite, and string comparison must agree with its own parameters);
    ``None`` where ``present`` is False."""
    text = np.datetime_as_string(
        np.round(np.nan_to_num(epoch_seconds) * 1e6).astype("datetime64[us]"), unit="us"
    )
    text = np.char.replace(text, "T", " ")
    if connection.vendor == "postgresql":
        text = np.char.add(text, "+00:00")
    values = text.tolist()
    if present is not None:
        values = [v if ok else None for v, ok in zip(values, present.tolist(), strict=True)]
    return values


def dates(days: np.ndarray) -> list[str]:
    """``datetime64[D]`` values as ISO dates, which both backends accept for a date column."""
    return np.datetime_as_string(days.astype("datetime64[D]"), unit="D").tolist()
