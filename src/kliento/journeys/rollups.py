"""The journey map's rollups: whole months of interactions and survey responses per
touchpoint and lifecycle segment, and the paths of the default period, stored by the daily
:func:`kliento.journeys.services.lifecycle_sweep` (or ``manage.py journey_rollups_fill``) so
the map reads a few thousand summary rows instead of every raw row.

Each table is filled set-based by one ``INSERT … SELECT`` (the paths by ROW_NUMBER and LEAD
over each customer's contacts). A fill replaces everything: the segment is the customer's
segment at the fill, and segments change at every refresh. Months not yet rolled up (the
current one) and the partial months at the edges of a period are read from the raw rows, so
the figures equal the raw computation; rows imported for old months after the fill are
missing until the next fill, and the page says when that was.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import CharField, Count, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from kliento.interactions.models import Interaction
from kliento.journeys.models import (
    CustomerStatus,
    JourneyPathCount,
    JourneyRollupState,
    JourneyScoreMonth,
    JourneyVolumeMonth,
)
from kliento.organisation.calendar import local_date
from kliento.surveys.models import SurveyResponse

PATH_NODES = {"touchpoint": "touchpoint_id", "channel": "channel_id"}
SCORE_SUMS = ("responses", "kv_sum", "kv_n", "satisfied", "csat_n")
PATH_STEPS = 4  # the steps of the paths shown (and stored)
DEFAULT_PERIOD_DAYS = 365  # the pages' period when none is asked for


def _kv_ratio():
    return Cast("experience", FloatField()) / Cast("expectation", FloatField())


def _segment_of(customer_path: str):
    return Coalesce(F(f"{customer_path}__lifecycle_status__segment"), Value(""),
                    output_field=CharField())


def volume_query(interactions: QuerySet, *keys: str) -> QuerySet:
    """Interactions on a touchpoint counted per ``keys`` (touchpoint_id, month, segment)."""
    return interactions.filter(touchpoint__isnull=False).order_by().values(*keys) \
        .annotate(interactions=Count("pk"))


def score_query(responses: QuerySet, *keys: str) -> QuerySet:
    """Responses per ``keys`` with the map's sums (see :class:`JourneyScoreMonth`)."""
    return responses.order_by().values(*keys).annotate(
        responses=Count("pk"), kv_sum=Coalesce(Sum(_kv_ratio()), Value(0.0)),
        kv_n=Count(_kv_ratio()), satisfied=Count("pk", filter=Q(csat__gte=4)),
        csat_n=Count("csat"))


def _insert_select(model, queryset: QuerySet, columns: list[str]) -> None:
    """INSERT INTO ``model``'s table the rows of ``queryset`` (selecting ``columns`` in this
    order: its values() keys, then its aggregates), in the database."""
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    target = ", ".join(connection.ops.quote_name(name) for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({target}) {sql}", params)


def _paths_fill(start: date, end: date, by: str) -> None:
    column = PATH_NODES[by]
    sql = f"""
        INSERT INTO {JourneyPathCount._meta.db_table}
            (nodes, segment, step, source, target, customers)
        SELECT %s, segment, step, node,
               CASE WHEN next_id IS NULL THEN NULL ELSE next_node END, COUNT(*)
        FROM (
            SELECT COALESCE(s.segment, '') AS segment, COALESCE(i.{column}, 0) AS node,
                   ROW_NUMBER() OVER journey AS step,
                   LEAD(COALESCE(i.{column}, 0)) OVER journey AS next_node,
                   LEAD(i.id) OVER journey AS next_id
            FROM {Interaction._meta.db_table} i
            LEFT JOIN {CustomerStatus._meta.db_table} s ON s.customer_id = i.customer_id
            WHERE i.opened_on BETWEEN %s AND %s
            WINDOW journey AS (PARTITION BY i.customer_id ORDER BY i.opened_at, i.id)
        ) numbered
        WHERE step <= %s
        GROUP BY segment, step, node, CASE WHEN next_id IS NULL THEN NULL ELSE next_node END"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [by, start, end, PATH_STEPS])


def default_paths_window(day: date) -> tuple[date, date]:
    """The map's default period ending on ``day`` (the period form's default)."""
    return day - timedelta(days=DEFAULT_PERIOD_DAYS), day


@transaction.atomic
def journey_rollups_fill(now: datetime | None = None) -> JourneyRollupState:
    """Replace the rollups: every whole month before the current one, and the paths of the
    default period ending today."""
    now = now or timezone.now()
    today = local_date(now)
    months_before = today.replace(day=1)
    for model in (JourneyVolumeMonth, JourneyScoreMonth, JourneyPathCount, JourneyRollupState):
        model.objects.all().delete()
    _insert_select(JourneyVolumeMonth, volume_query(
        Interaction.objects.filter(opened_on__lt=months_before).annotate(
            month=TruncMonth("opened_on"), segment=_segment_of("customer")),
        "month", "segment", "touchpoint_id"), ["month", "segment", "touchpoint_id",
                                               "interactions"])
    _insert_select(JourneyScoreMonth, score_query(
        SurveyResponse.objects.filter(responded_on__lt=months_before).annotate(
            month=TruncMonth("responded_on"), segment=_segment_of("customer")),
        "month", "segment", "touchpoint_id", "nps"), ["month", "segment", "touchpoint_id",
                                                      "nps", *SCORE_SUMS])
    start, end = default_paths_window(today)
    for by in PATH_NODES:
        _paths_fill(start, end, by)
    return JourneyRollupState.objects.create(filled_at=now, months_before=months_before,
                                             paths_start=start, paths_end=end)


def rollup_state() -> JourneyRollupState | None:
    return JourneyRollupState.objects.first()


@dataclass(frozen=True)
class PeriodSplit:
    """A period cut into whole rolled-up months and the days read from the raw rows."""

    months: tuple[date, date] | None  # first days of the first and last rolled-up month
    raw: list[tuple[date, date]]


def period_split(start: date, end: date, state: JourneyRollupState | None) -> PeriodSplit:
    if state is None:
        return PeriodSplit(None, [(start, end)])
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    after_end = end + timedelta(days=1)
    stop = min(after_end.replace(day=1), state.months_before)  # first day not rolled up
    if first >= stop:
        return PeriodSplit(None, [(start, end)])
    raw = []
    if start < first:
        raw.append((start, first - timedelta(days=1)))
    if stop <= end:
        raw.append((stop, end))
    return PeriodSplit((first, (stop - timedelta(days=1)).replace(day=1)), raw)
