"""The rollup fill's read: every stored grain (weeks and months) of every breakdown from one
scan of each fact table, where the pages' path asks one grouped query per grain and
breakdown (sixteen scans of each table for a fill).

Rows are grouped by *segment*: the days a week and a month have in common (a week across a
month's end is two segments, one in each month). A segment lies in one week and in one
month, so each grain's bucket is its segments added up: counts and sums add, histograms
merge. Every breakdown's group is a column of the one scan. PostgreSQL groups them all in
that pass with ``GROUPING SETS``. SQLite has none: its counts and sums are first added up
per segment and combination of groups in a materialised CTE (far fewer rows) and grouped from
there once per breakdown; its duration histograms' bins, one row per contact, are counted by
Polars from the month's scanned rows (SQLite would sort them once per set).

The same read with ``grains=(Grain.DAY,)`` groups by day instead of segment: the worker's
provisional days (:mod:`kliento.analytics.provisional`).

The figures are the same :data:`~kliento.analytics.metrics.FACTS` and histogram bins the
pages' path counts: a test holds both paths to each other on both databases.
"""

from contextlib import contextmanager
from datetime import date, timedelta

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from kliento.analytics.buckets import DayStart, Grain, MonthStart, WeekStart, bucket_start_of
from kliento.analytics.metrics import (
    DURATIONS,
    FACTS,
    INTERACTION_GROUPS,
    Breakdown,
    Fact,
    HistogramBin,
    KpiStats,
    MetricsQuery,
    StatsByKey,
    interactions_opened_in,
)
from kliento.analytics.percentiles import as_bucket_date
from kliento.measure.sketches import LogHistogram

FILLED_GRAINS = (Grain.WEEK, Grain.MONTH)
# The breakdowns that have a group column; NONE is the set grouped by segment alone.
GROUPED = tuple(b for b in Breakdown if b != Breakdown.NONE)
# A duration of zero has no log bin: counted apart (LogHistogram.zeros) under this mark.
ZERO_BIN = -(2**31)

Filled = dict[tuple[Grain, Breakdown], StatsByKey]


def fill_stats(start: date, end: date, grains: tuple[Grain, ...] = FILLED_GRAINS) -> Filled:
    """The stats of every week and month bucket (or with ``grains=(Grain.DAY,)`` every day)
    of every breakdown, from the rows dated ``start`` to ``end``; a bucket reaching beyond
    them holds only its days inside (the caller keeps whole ones). Read a calendar month at
    a time, so that memory, the database's hash tables and the rows sent back stay the size
    of a month whatever the span."""
    if grains not in (FILLED_GRAINS, (Grain.DAY,)):
        raise ValueError(f"weeks and months, or days: not {grains}")
    found: Filled = {(grain, breakdown): {} for grain in grains for breakdown in Breakdown}
    month = start
    while month <= end:
        following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        query = MetricsQuery(month, min(end, following - timedelta(days=1)), grain=None)
        with _planned_for_a_month():
            for fact in FACTS:
                _fact_scan(fact, query, found, grains)
            _durations_scan(query, found, grains)
        month = following
    return found


# PostgreSQL, for the one transaction of a month's reads. Its default 4 MB makes it group
# the histograms' sets by sorting the month's rows once per set (and on disk) instead of
# hashing all of them in one pass (~100 MB for a month of 1M contacts). A month's answers
# are a small part of the contacts: their contacts are looked up by key rather than the
# whole table read (the default page cost is a spinning disk's).
FILL_SETTINGS = {"work_mem": "256MB", "random_page_cost": "1.1"}


@contextmanager
def _planned_for_a_month():
    """On PostgreSQL a transaction with :data:`FILL_SETTINGS` (they end with it)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(FILL_SETTINGS)),
                       [item for pair in FILL_SETTINGS.items() for item in pair])
        yield


def _segment(date_field: str, grains: tuple[Grain, ...]):
    if grains == (Grain.DAY,):
        return DayStart(date_field)
    return Greatest(WeekStart(date_field), MonthStart(date_field))


class _Cells(dict):
    """The week's and the month's cell of each (breakdown, segment, group) an output row
    adds to, looked up once: a segment's histogram comes back as a row per bin."""

    def __init__(self, found: Filled, grains: tuple[Grain, ...]):
        super().__init__()
        self.found, self.grains = found, grains

    def __missing__(self, key) -> tuple[KpiStats, ...]:
        breakdown, segment, group = key
        day = as_bucket_date(segment)
        group = None if group is None else str(group)
        cells = []
        for grain in self.grains:
            by_key = self.found[(grain, breakdown)]
            bucket_key = (bucket_start_of(grain, day), group)
            if bucket_key not in by_key:
                by_key[bucket_key] = KpiStats()
            cells.append(by_key[bucket_key])
        self[key] = tuple(cells)
        return self[key]


def _compiled(rows: QuerySet) -> tuple[str, tuple] | None:
    try:
        return rows.query.sql_with_params()
    except EmptyResultSet:
        return None


def _grouping_sets(inner: str, sets: list[tuple[str, ...]], columns: list[str],
                   aggregates: list[str]) -> str:
    """PostgreSQL: ``inner``'s rows grouped by each of ``sets`` (always with the segment) in
    one pass; each output row is its set's mask (``GROUPING(columns…)``: a bit set for every
    column not grouped, the first column highest), the segment, ``columns`` (NULL where not
    grouped) and ``aggregates``."""
    grouping = ", ".join(f"(segment{''.join(f', {c}' for c in s)})" for s in sets)
    return (f"SELECT GROUPING({', '.join(columns)}), segment, {', '.join(columns)}, "
            f"{', '.join(aggregates)} FROM ({inner}) AS scanned "
            f"GROUP BY GROUPING SETS ({grouping})")


def _added_up_sets(inner: str, sets: list[tuple[str, ...]], columns: list[str],
                   tallied: dict[str, str]) -> str:
    """SQLite, which has no grouping sets: the rows of :func:`_grouping_sets`, from
    ``inner``'s tallies (column → its SQL aggregate) first added up per segment and
    combination of groups in a materialised CTE, then summed once per set."""
    added_up = (f"SELECT segment, {', '.join(columns)}, "
                f"{', '.join(f'{sql} AS {v}' for v, sql in tallied.items())} "
                f"FROM ({inner}) GROUP BY segment, {', '.join(columns)}")
    sums = ", ".join(f"SUM({v})" for v in tallied)
    branches = [
        f"SELECT {_mask(columns, s)}, segment, "
        f"{', '.join(c if c in s else 'NULL' for c in columns)}, {sums} "
        f"FROM added_up GROUP BY segment{''.join(f', {c}' for c in s)}"
        for s in sets]
    return f"WITH added_up AS MATERIALIZED ({added_up}) " + " UNION ALL ".join(branches)


def _mask(columns: list[str], grouped: tuple[str, ...]) -> int:
    """PostgreSQL's ``GROUPING(columns…)`` of a set: a bit for every column not grouped."""
    return sum(1 << (len(columns) - 1 - i) for i, c in enumerate(columns) if c not in grouped)


def _group_columns(groups: dict) -> dict[str, F]:
    return {f"g{i}": F(groups[breakdown]) for i, breakdown in enumerate(GROUPED)}


def _fact_scan(fact: Fact, query: MetricsQuery, found: Filled,
               grains: tuple[Grain, ...]) -> None:
    names = list(fact.tallies)
    groups = _group_columns(fact.groups)
    values = {f"v{j}": tally.per_row() for j, tally in enumerate(fact.tallies.values())}
    compiled = _compiled(fact.rows(query).annotate(
        segment=_segment(fact.date_field, grains), **groups, **values,
    ).values("segment", *groups, *values).order_by())
    if compiled is None:
        return
    columns = list(groups)
    sets = [()] + [(column,) for column in columns]
    # Each output row's breakdown, and its group's place among the columns.
    breakdown_of = {_mask(columns, ()): (Breakdown.NONE, None)} | {
        _mask(columns, (column,)): (breakdown, i)
        for i, (column, breakdown) in enumerate(zip(columns, GROUPED, strict=True))}
    tallied = {v: f"{tally.function}({v})"
               for tally, v in zip(fact.tallies.values(), values, strict=True)}
    sql = (_grouping_sets(compiled[0], sets, columns, list(tallied.values()))
           if connection.vendor == "postgresql"
           else _added_up_sets(compiled[0], sets, columns, tallied))
    cells = _Cells(found, grains)
    with connection.cursor() as cursor:
        cursor.execute(sql, compiled[1])
        for mask, segment, *rest in cursor.fetchall():
            breakdown, index = breakdown_of[mask]
            for cell in cells[breakdown, segment, None if index is None else rest[index]]:
                for name, value in zip(names, rest[len(columns):], strict=True):
                    if value:
                        setattr(cell, name, getattr(cell, name) + value)


def _bin(field_name: str) -> Case:
    """The value's log-histogram bin; zero (and below, as the pages' path counts it) has its
    mark, a missing value none (NULL)."""
    return Case(When(**{f"{field_name}__gt": 0}, then=HistogramBin(F(field_name))),
                When(**{f"{field_name}__isnull": False}, then=Value(ZERO_BIN)),
                default=None, output_field=IntegerField())


def _durations_scan(query: MetricsQuery, found: Filled, grains: tuple[Grain, ...]) -> None:
    """Both durations' histograms for every breakdown: counts per segment, group and bin."""
    answered = Q()
    for field_name, _prefix in DURATIONS:
        answered |= Q(**{f"{field_name}__isnull": False})
    groups = _group_columns(INTERACTION_GROUPS)
    bins = {f"b{i}": _bin(field_name) for i, (field_name, _prefix) in enumerate(DURATIONS)}
    rows = interactions_opened_in(query).filter(answered).annotate(
        segment=_segment("opened_on", grains), **groups, **bins,
    ).values("segment", *groups, *bins).order_by()
    compiled = _compiled(rows)
    if compiled is None:
        return
    columns = [*groups, *bins]
    # Each set: one duration's bin, with the segment alone or with one breakdown's group;
    # decoded: its mask → (which duration, breakdown, the group's column).
    sets, decoded = [], {}
    for which, bin_column in enumerate(bins):
        for breakdown, grouped in [(Breakdown.NONE, ())] + [
                (breakdown, (column,)) for column, breakdown in zip(groups, GROUPED, strict=True)]:
            sets.append((*grouped, bin_column))
            decoded[_mask(columns, sets[-1])] = (
                which, breakdown, columns.index(grouped[0]) if grouped else None)
    last = len(groups)
    sketch_names = [f"{prefix}_sketch" for _field, prefix in DURATIONS]
    sketches = _Sketches(_Cells(found, grains), sketch_names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_grouping_sets(compiled[0], sets, columns, ["COUNT(*)"]),
                           compiled[1])
            counted = cursor.fetchall()
        else:
            cursor.execute(*compiled)
            counted = _counted_in_polars(cursor.fetchall(), rows, sets, columns)
        for mask, segment, *rest in counted:
            which, breakdown, index = decoded[mask]
            bin_index, count = rest[last + which], rest[-1]
            if bin_index is None:
                continue  # rows without this duration, grouped with it on PostgreSQL
            for sketch in sketches[which, breakdown, segment,
                                   None if index is None else rest[index]]:
                if bin_index == ZERO_BIN:
                    sketch.zeros += count
                else:
                    sketch.bins[bin_index] = sketch.bins.get(bin_index, 0) + count


def _counted_in_polars(scanned: list[tuple], rows: QuerySet, sets: list[tuple[str, ...]],
                       columns: list[str]):
    """What :func:`_grouping_sets` returns, counted by Polars from the scanned rows. SQLite
    groups by sorting, once per set: sixteen sorts of a month's contacts (15 s a month at
    10M contacts here) where Polars hashes them in 0.6 s; the rows cost ~3 s to fetch."""
    types = {name: pl.String if rows.query.annotations[name].output_field.get_internal_type()
             in ("CharField", "TextField") else pl.Int64 for name in columns}
    # A day column comes back as a date, a computed segment as text.
    segment = pl.Date if scanned and isinstance(scanned[0][0], date) else pl.String
    frame = pl.DataFrame(scanned, orient="row", schema={"segment": segment} | types)
    counted = []
    for grouped in sets:
        bin_column = grouped[-1]
        counted.append(
            frame.filter(pl.col(bin_column).is_not_null())
            .group_by(["segment", *grouped]).len()
            .select(pl.lit(_mask(columns, grouped), dtype=pl.Int64).alias("mask"), "segment",
                    *(pl.col(c) if c in grouped else pl.lit(None, dtype=types[c]).alias(c)
                      for c in columns),
                    pl.col("len").cast(pl.Int64)))
    return pl.concat(counted).iter_rows() if counted else []


class _Sketches(dict):
    """The week's and the month's histogram of one duration that an output row adds to."""

    def __init__(self, cells: _Cells, names: list[str]):
        super().__init__()
        self.cells, self.names = cells, names

    def __missing__(self, key) -> tuple[LogHistogram, ...]:
        which, *cell_key = key
        sketches = []
        for cell in self.cells[tuple(cell_key)]:
            if getattr(cell, self.names[which]) is None:
                setattr(cell, self.names[which], LogHistogram())
            sketches.append(getattr(cell, self.names[which]))
        self[key] = tuple(sketches)
        return self[key]
