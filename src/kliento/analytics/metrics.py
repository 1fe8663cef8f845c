"""Every CX KPI for any period, calendar grain and breakdown — declared once, computed by
the database, turned into estimates with intervals by :mod:`kliento.measure`.

A :class:`MetricsQuery` goes in, a list of :class:`MetricsRow` comes out: one row per
(bucket, group). The database does the scanning — grouped counts and sums, and percentiles
(see :mod:`kliento.analytics.percentiles`) — on SQLite and PostgreSQL alike; Python only turns
per-bucket sufficient statistics (:class:`KpiStats`) into estimates, never loops over rows.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from kliento.analytics.buckets import Grain, bucket, bucket_start_of, next_bucket_of
from kliento.analytics.models import KpiRollup
from kliento.analytics.percentiles import as_bucket_date, percentiles
from kliento.interactions.models import Interaction
from kliento.measure.scores import CSAT_SATISFIED_FROM, DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.measure.service_grade import DEFAULT_WEIGHTS
from kliento.measure.sketches import DEFAULT_RELATIVE_ACCURACY, LogHistogram, gamma_for
from kliento.measure.summaries import csat_from_counts, mean_from_moments, nps_from_counts
from kliento.promises.models import Promise
from kliento.surveys.expressions import service_grade_expression
from kliento.surveys.selectors import customer_responses

REPEAT_WINDOW_DAYS = 7


class Breakdown(StrEnum):
    NONE = "none"
    CHANNEL = "channel"
    TOUCHPOINT = "touchpoint"
    JOURNEY_STAGE = "journey_stage"
    TEAM = "team"
    AGENT = "agent"
    LOCATION = "location"
    LANGUAGE = "language"


# Where each breakdown lives, seen from each fact table.
INTERACTION_GROUPS = {
    Breakdown.CHANNEL: "channel_id", Breakdown.TOUCHPOINT: "touchpoint_id",
    Breakdown.JOURNEY_STAGE: "touchpoint__journey_stage", Breakdown.TEAM: "team_id",
    Breakdown.AGENT: "agent_id", Breakdown.LOCATION: "location_id",
    Breakdown.LANGUAGE: "language",
}
RESPONSE_GROUPS = INTERACTION_GROUPS | {
    Breakdown.TEAM: "interaction__team_id", Breakdown.AGENT: "interaction__agent_id",
}
PROMISE_GROUPS = {
    Breakdown.CHANNEL: "interaction__channel_id",
    Breakdown.TOUCHPOINT: "interaction__touchpoint_id",
    Breakdown.JOURNEY_STAGE: "interaction__touchpoint__journey_stage",
    Breakdown.TEAM: "owner__team_id", Breakdown.AGENT: "owner_id",
    Breakdown.LOCATION: "interaction__location_id",
    Breakdown.LANGUAGE: "customer__preferred_language",
}


_KV = Cast(F("experience"), FloatField()) / Cast(F("expectation"), FloatField())
_GRADE = service_grade_expression()
_ALL_FACTORS = Q(**{f"{factor}__isnull": False for factor in DEFAULT_WEIGHTS})


@dataclass(frozen=True)
class Tally:
    """One figure of a cell: the COUNT (of values that are not null) or the SUM of a per-row
    ``value`` over the rows matching ``when``. Declared once, it becomes the aggregate a
    grouped query annotates (:meth:`aggregate`) and, for the fill's one scan of every grain
    and breakdown (:mod:`kliento.analytics.fill_scan`), a per-row column and its SQL
    function."""

    function: str  # "COUNT" or "SUM"
    value: object  # a field name or an expression
    when: Q | None = None

    @classmethod
    def count(cls, value="id", when: Q | None = None) -> "Tally":
        return cls("COUNT", value, when)

    @classmethod
    def sum(cls, value, when: Q | None = None) -> "Tally":
        return cls("SUM", value, when)

    def aggregate(self):
        return (Count if self.function == "COUNT" else Sum)(self.value, filter=self.when)

    def per_row(self):
        value = F(self.value) if isinstance(self.value, str) else self.value
        if self.when is None:
            return value
        output = FloatField() if self.function == "SUM" else IntegerField()
        return Case(When(self.when, then=value), default=None, output_field=output)


SURVEY_TALLIES = {
    "responses": Tally.count(),
    "promoters": Tally.count(when=Q(nps__gte=PROMOTER_FROM)),
    "passives": Tally.count(when=Q(nps__gt=DETRACTOR_UP_TO, nps__lt=PROMOTER_FROM)),
    "detractors": Tally.count(when=Q(nps__lte=DETRACTOR_UP_TO)),
    "csat_n": Tally.count("csat"),
    "csat_satisfied": Tally.count(when=Q(csat__gte=CSAT_SATISFIED_FROM)),
    "ces_n": Tally.count("ces"),
    "ces_sum": Tally.sum("ces"),
    "ces_sum_sq": Tally.sum(F("ces") * F("ces")),
    "kv_n": Tally.count(when=Q(experience__isnull=False, expectation__isnull=False)),
    "kv_sum": Tally.sum(_KV),
    "kv_sum_sq": Tally.sum(_KV * _KV),
    "grade_n": Tally.count(when=_ALL_FACTORS),
    "grade_sum": Tally.sum(_GRADE, when=_ALL_FACTORS),
    "grade_sum_sq": Tally.sum(_GRADE * _GRADE, when=_ALL_FACTORS),
}
SURVEY_AGGREGATES = {name: tally.aggregate() for name, tally in SURVEY_TALLIES.items()}


@dataclass(frozen=True)
class Estimate:
    """A value with its interval (``low``/``high``) and the number of observations ``n``."""

    value: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class MetricsQuery:
    """``start`` and ``end`` are organisation-local dates, both included. ``grain=None``
    gives one bucket for the whole period. ``only`` keeps one group of the breakdown (a
    focus: one agent, one team …), filtered in the database's ``WHERE``."""

    start: date
    end: date
    grain: Grain | None = Grain.WEEK
    breakdown: Breakdown = Breakdown.NONE
    only: str | None = None

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        if self.only is not None and self.breakdown == Breakdown.NONE:
            raise ValueError("a focus needs a breakdown to pick its group from")


@dataclass
class KpiStats:
    """Sufficient statistics of one (bucket, group): counts, sums and the duration
    histograms (``*_sketch``) add across buckets and groups; exact percentiles do not, and
    become ``None`` when stats are added together (the histograms then give them, within
    their relative error)."""

    interactions: int = 0
    answered: int = 0
    within_target: int = 0
    resolved: int = 0
    repeats: int = 0
    first_contact_resolved: int = 0
    first_response_p50: float | None = None
    first_response_p90: float | None = None
    resolution_p50: float | None = None
    resolution_p90: float | None = None
    responses: int = 0
    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    csat_n: int = 0
    csat_satisfied: int = 0
    ces_n: int = 0
    ces_sum: float = 0.0
    ces_sum_sq: float = 0.0
    kv_n: int = 0
    kv_sum: float = 0.0
    kv_sum_sq: float = 0.0
    grade_n: int = 0
    grade_sum: float = 0.0
    grade_sum_sq: float = 0.0
    promises_due: int = 0
    promises_kept: int = 0
    complaints: int = 0
    complaints_after_broken_promise: int = 0
    first_response_sketch: LogHistogram | None = None
    resolution_sketch: LogHistogram | None = None

    def __add__(self, other: "KpiStats") -> "KpiStats":
        added = {name: getattr(self, name) + getattr(other, name) for name in ADDITIVE_STATS}
        for name in SKETCH_STATS:
            mine, theirs = getattr(self, name), getattr(other, name)
            added[name] = (mine.merge(theirs) if mine and theirs else mine or theirs)
        return KpiStats(**added)


def stats_stored_form(s: KpiStats) -> dict:
    """A cell's stats as the rollups table's columns hold them (histograms as dicts)."""
    return {name: getattr(s, name) for name in ADDITIVE_STATS} | {
        name: None if getattr(s, name) is None else getattr(s, name).as_dict()
        for name in SKETCH_STATS}


def stats_from_stored(row: dict) -> KpiStats:
    """A rollups row's columns back as the cell's stats."""
    return KpiStats(**{name: row[name] for name in ADDITIVE_STATS},
                    **{name: None if row[name] is None else LogHistogram.from_dict(row[name])
                       for name in SKETCH_STATS})


def stored_cells(grain: Grain, query: "MetricsQuery", first: date,
                 last: date) -> "StatsByKey":
    """The rollups table's cells of ``grain`` and ``query``'s breakdown (its one group if it
    has ``only``) whose buckets start from ``first`` to ``last``, by (bucket, group)."""
    rows = KpiRollup.objects.filter(grain=grain, breakdown=query.breakdown, bucket__gte=first,
                                    bucket__lte=last)
    if query.only is not None:
        rows = rows.filter(group=query.only)
    return {(row["bucket"], row["group"] or None): stats_from_stored(row)
            for row in rows.values("bucket", "group", *ADDITIVE_STATS, *SKETCH_STATS)}


PERCENTILE_STATS = ("first_response_p50", "first_response_p90", "resolution_p50",
                    "resolution_p90")
SKETCH_STATS = ("first_response_sketch", "resolution_sketch")
ADDITIVE_STATS = tuple(f.name for f in fields(KpiStats)
                       if f.name not in PERCENTILE_STATS + SKETCH_STATS)
DURATIONS = (("first_response_seconds", "first_response"), ("resolution_seconds", "resolution"))


@dataclass
class MetricsRow:
    """All KPIs of one bucket and group. Percentiles and times are in seconds; NPS in
    points (−100..100); CSAT, SLA attainment, promise-kept rate, first-contact resolution and
    repeat contact in percent; CES on 1–7; KV a ratio; service grade on 1–10."""

    bucket: date | None
    group: str | None
    interactions: int = 0
    survey_responses: int = 0
    nps: Estimate | None = None
    csat: Estimate | None = None
    ces: Estimate | None = None
    kv: Estimate | None = None
    service_grade: Estimate | None = None
    first_response_p50: float | None = None
    first_response_p90: float | None = None
    resolution_p50: float | None = None
    resolution_p90: float | None = None
    sla_attainment: Estimate | None = None
    promise_kept: Estimate | None = None
    first_contact_resolution: Estimate | None = None
    repeat_contact_7d: Estimate | None = None
    broken_promise_share: Estimate | None = None
    # Answers of anonymous surveys left out of this cell's survey measures: too few to show
    # (kliento.analytics.anonymity).
    anonymous_left_out: int = 0


def share_estimate(successes: int, n: int) -> Estimate | None:
    if not n:
        return None
    r = csat_from_counts(successes, n)  # adjusted-Wald interval of a proportion
    return Estimate(100.0 * successes / n, r.low, r.high, n)


def _mean(n: int, total, total_sq, lower: float, upper: float) -> Estimate | None:
    if not n:
        return None
    r = mean_from_moments(n, float(total), float(total_sq), lower, upper)
    return Estimate(r.value, r.low, r.high, n)


def _percentile(s: KpiStats, prefix: str, fraction: float) -> float | None:
    exact = getattr(s, f"{prefix}_p{round(fraction * 100)}")
    if exact is not None:
        return exact
    sketch = getattr(s, f"{prefix}_sketch")
    return None if sketch is None else sketch.quantile(fraction)


def row_from_stats(bucket_start: date | None, group: str | None, s: KpiStats) -> MetricsRow:
    nps = None
    if s.promoters + s.passives + s.detractors:
        r = nps_from_counts(s.promoters, s.passives, s.detractors)
        nps = Estimate(r.value, r.low, r.high, r.n)
    return MetricsRow(
        bucket=bucket_start, group=group, interactions=s.interactions,
        survey_responses=s.responses, nps=nps,
        csat=share_estimate(s.csat_satisfied, s.csat_n),
        ces=_mean(s.ces_n, s.ces_sum, s.ces_sum_sq, 1, 7),
        kv=_mean(s.kv_n, s.kv_sum, s.kv_sum_sq, 0.1, 10),
        service_grade=_mean(s.grade_n, s.grade_sum, s.grade_sum_sq, 1, 10),
        first_response_p50=_percentile(s, "first_response", 0.5),
        first_response_p90=_percentile(s, "first_response", 0.9),
        resolution_p50=_percentile(s, "resolution", 0.5),
        resolution_p90=_percentile(s, "resolution", 0.9),
        sla_attainment=share_estimate(s.within_target, s.answered),
        promise_kept=share_estimate(s.promises_kept, s.promises_due),
        first_contact_resolution=share_estimate(s.first_contact_resolved, s.resolved),
        repeat_contact_7d=share_estimate(s.repeats, s.interactions),
        broken_promise_share=share_estimate(s.complaints_after_broken_promise, s.complaints),
    )


StatsByKey = dict[tuple[date | None, str | None], KpiStats]


def stats_add(cells: StatsByKey, key, s: KpiStats) -> None:
    """Add ``s`` to the cell ``key`` of ``cells``, as a new sum: a cell's stats may be shared
    by readers (kept between requests), so they are never changed in place."""
    cells[key] = cells[key] + s if key in cells else s


class _Stats(dict):
    def at(self, bucket_value, group_value) -> KpiStats:
        key = (as_bucket_date(bucket_value), None if group_value is None else str(group_value))
        if key not in self:
            self[key] = KpiStats()
        return self[key]


def rows_from_stats(stats: StatsByKey) -> list[MetricsRow]:
    return [row_from_stats(bucket_start, group, s)
            for (bucket_start, group), s in sorted(
                stats.items(), key=lambda item: (item[0][0] or date.min, item[0][1] or ""))]


# A period of at most this many buckets (the live days after the stored weeks) names its
# buckets by comparing dates, instead of working the bucket out of every row's date.
FEW_BUCKETS = 6


def _bucket_of_few(grain: Grain, date_field: str, start: date, end: date):
    """The bucket of ``date_field`` as a CASE over the bucket starts from ``start`` to
    ``end``, latest first: a comparison per row instead of date arithmetic (which SQLite
    does by parsing the text of each date), or None when there are more than a few."""
    if grain not in (Grain.WEEK, Grain.MONTH):
        return None  # a day is its own bucket: nothing to work out
    starts = [bucket_start_of(grain, start)]
    while (following := next_bucket_of(grain, starts[-1])) <= end:
        starts.append(following)
        if len(starts) > FEW_BUCKETS:
            return None
    return Case(*(When(**{f"{date_field}__gte": first}, then=Value(first))
                  for first in reversed(starts[1:])),
                default=Value(starts[0]), output_field=DateField())


def _bucket_and_group(query: MetricsQuery, date_field: str, groups: dict):
    bucket_expression = (
        (_bucket_of_few(query.grain, date_field, query.start, query.end)
         or bucket(query.grain, date_field)) if query.grain
        else Value(0, output_field=IntegerField()))
    group_expression = (F(groups[query.breakdown]) if query.breakdown != Breakdown.NONE
                        else Value(None, output_field=IntegerField()))
    return bucket_expression, group_expression


class LeaveToTheDateIndex(Func):
    """A column the database should filter on without using its own index. SQLite keeps no
    statistics, so for ``team_id = 3 AND opened_on BETWEEN …`` it picks the team's index and
    reads every contact the team ever had; its unary ``+`` is a no-op that leaves the date
    index to do the work. PostgreSQL weighs both with its statistics: left alone."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


# Focus columns that lead a composite (column, date) index: the database may use it.
INDEXED_WITH_THE_DATE = {"channel_id", "agent_id"}


def focused(queryset: QuerySet, query: MetricsQuery, groups: dict) -> QuerySet:
    """The focus as a ``WHERE`` on the fact table; a group that cannot exist (text where an
    id is expected) matches nothing."""
    if query.only is None:
        return queryset
    lookup = groups[query.breakdown]
    try:
        if lookup in INDEXED_WITH_THE_DATE:
            return queryset.filter(**{lookup: query.only})
        # SQLite's "+" drops the column's affinity: compare with a value of its own type.
        *path, name = lookup.split("__")
        model = queryset.model
        for step in path:
            model = model._meta.get_field(step).related_model
        field = model._meta.get_field(name)
        column = getattr(field, "target_field", field)
        return queryset.alias(focus_group=LeaveToTheDateIndex(
            F(lookup), output_field=column)).filter(focus_group=column.get_prep_value(query.only))
    except (ValueError, TypeError):
        return queryset.none()


def _grouped(queryset: QuerySet, query: MetricsQuery, date_field: str, groups: dict) -> QuerySet:
    bucket_expression, group_expression = _bucket_and_group(query, date_field, groups)
    return focused(queryset, query, groups).annotate(
        bucket=bucket_expression, grp=group_expression).values("bucket", "grp").order_by()


class PercentileMethod(StrEnum):
    EXACT = "exact"  # the reference: ranks every value
    SKETCH = "sketch"  # log histograms, mergeable, within their relative error
    NONE = "none"


def collect_stats(query: MetricsQuery,
                  percentiles: PercentileMethod = PercentileMethod.EXACT) -> StatsByKey:
    """Scan the fact tables once per kind of fact; nothing row by row in Python."""
    stats = _Stats()
    for fact in FACTS:
        _fact_stats(fact, query, stats)
    if percentiles == PercentileMethod.EXACT:
        _percentile_stats(query, stats)
    elif percentiles == PercentileMethod.SKETCH:
        _sketch_stats(query, stats)
    return dict(stats)


def run_metrics(query: MetricsQuery) -> list[MetricsRow]:
    """Every KPI straight from the fact tables (see :mod:`kliento.analytics.rollups` for the
    path that reuses finished buckets)."""
    return rows_from_stats(collect_stats(query))


def _fact_stats(fact: "Fact", query: MetricsQuery, stats: _Stats) -> None:
    aggregates = {name: tally.aggregate() for name, tally in fact.tallies.items()}
    for agg in _grouped(fact.rows(query), query, fact.date_field, fact.groups).annotate(
            **aggregates):
        s = stats.at(agg["bucket"], agg["grp"])
        for name in fact.tallies:
            setattr(s, name, agg[name] or 0)


def survey_answers_in(query: MetricsQuery) -> QuerySet:
    # Customers' answers only: an employee's eNPS is no customer's NPS.
    return customer_responses().filter(responded_on__range=(query.start, query.end))


def promises_due(query: MetricsQuery) -> QuerySet:
    """The promises the kept rate counts: due in the period and already due now. A promise
    counts once its due time has passed, kept early or not, so a week in progress is not
    flattered by promises kept ahead of time; an open promise past its due time counts as
    not kept."""
    # The due_at bounds repeat the local dates' range with a day to spare either side (no
    # time zone is a day off UTC), so the (owner, due_at) index serves a focus on a team or
    # an agent instead of reading every promise they were ever given.
    since = datetime.combine(query.start - timedelta(days=1), time.min, tzinfo=UTC)
    until = datetime.combine(query.end + timedelta(days=2), time.min, tzinfo=UTC)
    return Promise.objects.filter(due_on__range=(query.start, query.end), due_at__gte=since,
                                  due_at__lt=min(timezone.now(), until))


PROMISE_KEPT = Q(status="kept")


# What each interaction share counts (the page of the rows behind a figure uses the same).
WITHIN_TARGET = Q(first_response_seconds__lte=F("channel__first_response_target_seconds"))
REPEATED = Q(next_contact_seconds__lte=REPEAT_WINDOW_DAYS * 86400)
RESOLVED = Q(resolved_at__isnull=False)
FIRST_CONTACT_RESOLVED = RESOLVED & ~REPEATED


def _interactions(query: MetricsQuery) -> QuerySet:
    return focused(interactions_opened_in(query), query, INTERACTION_GROUPS)


def interactions_opened_in(query: MetricsQuery) -> QuerySet:
    return Interaction.objects.filter(opened_on__range=(query.start, query.end))


# Volume; service level (a first response within the channel's target meets it; contacts
# still waiting are not counted until answered); repeat contact (the customer got in touch
# again within 7 days of opening); first-contact resolution (resolved, and no repeat
# contact).
INTERACTION_TALLIES = {
    "interactions": Tally.count(),
    "answered": Tally.count("first_response_seconds"),
    "within_target": Tally.count(when=WITHIN_TARGET),
    "repeats": Tally.count(when=REPEATED),
    "resolved": Tally.count(when=RESOLVED),
    "first_contact_resolved": Tally.count(when=FIRST_CONTACT_RESOLVED),
}


def _percentile_stats(query: MetricsQuery, stats: _Stats) -> None:
    bucket_expression, group_expression = _bucket_and_group(query, "opened_on",
                                                            INTERACTION_GROUPS)
    for field_name, prefix in DURATIONS:
        found = percentiles(_interactions(query), field_name, [0.5, 0.9],
                            bucket=bucket_expression, group=group_expression)
        for (bucket_value, group_value), (p50, p90) in found.items():
            s = stats.at(bucket_value, group_value)
            setattr(s, f"{prefix}_p50", p50)
            setattr(s, f"{prefix}_p90", p90)


class HistogramBin(Func):
    """The log histogram's bin of a positive number, computed by the database itself
    (``CEIL(LN(v) / LN(γ))``, as :func:`kliento.measure.sketches.bin_of` does)."""

    output_field = IntegerField()

    def __init__(self, expression, relative_accuracy: float = DEFAULT_RELATIVE_ACCURACY):
        # γ is ours (a float we format), never user input, so it is inlined.
        log_gamma = repr(math.log(gamma_for(relative_accuracy)))
        super().__init__(expression, template=(
            f"CAST(CEIL(LN(CAST(%(expressions)s AS DOUBLE PRECISION)) / {log_gamma}) "
            "AS INTEGER)"))


# Both durations' histograms from one read of the contacts: the scanned rows are kept once
# (a CTE read twice is materialised by SQLite and PostgreSQL alike), then counted per bin
# for each duration; reading the contacts twice took most of the time on the live days.
_SKETCHES_SQL = (
    "WITH scanned AS ({inner}) "
    + " UNION ALL ".join(
        f"SELECT {i}, bucket, grp, bin{i}, COUNT(*) FROM scanned "
        f"WHERE {field_name} IS NOT NULL GROUP BY bucket, grp, bin{i}"
        for i, (field_name, _prefix) in enumerate(DURATIONS)))


def _sketch_stats(query: MetricsQuery, stats: _Stats) -> None:
    """Durations as log histograms: the database counts values per (bucket, group, bin);
    zeros have their own bin (``NULL`` here)."""
    answered = Q()
    for field_name, _prefix in DURATIONS:
        answered |= Q(**{f"{field_name}__isnull": False})
    bins = {f"bin{i}": Case(When(**{f"{field_name}__gt": 0},
                                 then=HistogramBin(F(field_name))),
                            default=None, output_field=IntegerField())
            for i, (field_name, _prefix) in enumerate(DURATIONS)}
    inner = _grouped(
        Interaction.objects.filter(answered, opened_on__range=(query.start, query.end)),
        query, "opened_on", INTERACTION_GROUPS,
    ).annotate(**bins).values("bucket", "grp", *(f for f, _p in DURATIONS), *bins)
    try:
        inner_sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # a focus on a group that cannot exist
        return
    with connection.cursor() as cursor:
        cursor.execute(_SKETCHES_SQL.format(inner=inner_sql), params)
        found = cursor.fetchall()
    for which, bucket_value, group_value, bin_index, n in found:
        s = stats.at(bucket_value, group_value)
        name = f"{DURATIONS[which][1]}_sketch"
        sketch = getattr(s, name)
        if sketch is None:
            sketch = LogHistogram()
            setattr(s, name, sketch)
        if bin_index is None:
            sketch.zeros += n
        else:
            sketch.bins[bin_index] = sketch.bins.get(bin_index, 0) + n


BROKEN_PROMISE_LOOKBACK_DAYS = 14


class DaysBefore(Func):
    """A moment a whole number of days earlier, by the database's own date arithmetic
    (Django's ``F() - timedelta`` calls a Python function per row on SQLite)."""

    output_field = DateTimeField()

    def __init__(self, expression, days: int):
        self.days = int(days)
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection,
                              template=f"(%(expressions)s - INTERVAL '{self.days} days')",
                              **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection,
                              template=f"datetime(%(expressions)s, '-{self.days} days')",
                              **extra)


def after_broken_promise() -> Exists:
    """Whether a complaint's customer had a promise broken or kept late, due in the 14 days
    before the complaint (evaluated per complaint row)."""
    return Exists(Promise.objects.filter(
        customer=OuterRef("customer"), status__in=["broken", "late"],
        due_at__lte=OuterRef("opened_at"),
        due_at__gte=DaysBefore(OuterRef("opened_at"), BROKEN_PROMISE_LOOKBACK_DAYS),
    ))


def complaints_in(query: MetricsQuery) -> QuerySet:
    return Interaction.objects.filter(kind="complaint", opened_on__range=(query.start, query.end))


@dataclass(frozen=True)
class Fact:
    """One kind of fact the KPIs count: its rows in a period, the local date that places a
    row in a bucket, where each breakdown's group lives seen from it, and the figures each
    cell gets (named as :class:`KpiStats`' fields). Every path — a grouped query per
    breakdown here, the fill's one scan for all of them — reads these."""

    rows: Callable[[MetricsQuery], QuerySet]
    date_field: str
    groups: dict
    tallies: dict[str, Tally]


FACTS = (
    Fact(survey_answers_in, "responded_on", RESPONSE_GROUPS, SURVEY_TALLIES),
    # Kept ÷ due (:func:`promises_due`).
    Fact(promises_due, "due_on", PROMISE_GROUPS, {
        "promises_due": Tally.count(), "promises_kept": Tally.count(when=PROMISE_KEPT)}),
    Fact(interactions_opened_in, "opened_on", INTERACTION_GROUPS, INTERACTION_TALLIES),
    # The broken-promise share, one definition for every page and the API: of the
    # complaints opened, those whose customer had a promise broken or kept late, due in the
    # 14 days before the complaint (:func:`after_broken_promise`).
    Fact(complaints_in, "opened_on", INTERACTION_GROUPS, {
        "complaints": Tally.count(),
        "complaints_after_broken_promise": Tally.count(when=Q(after_broken_promise()))}),
)
