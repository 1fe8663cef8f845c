"""Reads for journeys: a customer's timeline and status, the at-risk list, the monthly flow
between segments, the journey map and the paths between touchpoints, engagement stages and
what each is worth, expectation drift and the churn signal. Every figure is aggregated by the
database; NumPy and :mod:`kliento.measure` get the aggregates (or one column) only."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

import numpy as np
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth

from kliento.customers.models import Customer
from kliento.interactions.models import Interaction, JourneyStage, Touchpoint
from kliento.journeys import rollups
from kliento.journeys.models import (
    CustomerStatus,
    EngagementAnswer,
    JourneyPathCount,
    JourneyScoreMonth,
    JourneyVolumeMonth,
    Marker,
    Segment,
    SegmentSnapshot,
    Stage,
)
from kliento.journeys.services import stage_case
from kliento.lifecycle import value as stage_value
from kliento.measure import relative_weights
from kliento.measure.intervals import agresti_caffo
from kliento.measure.scores import csat_from_counts, nps_from_counts
from kliento.notices.models import Notice
from kliento.orders.models import Order
from kliento.promises.models import Promise
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.surveys.models import Invitation, SurveyResponse

# ---------------------------------------------------------------------------------------------
# The customer's timeline

TIMELINE_KINDS = ("interaction", "response", "promise", "case", "grant", "invitation",
                  "notice", "order")


def _events(queryset: QuerySet, kind: str, at: str, label, text, score=None) -> QuerySet:
    """One kind of event in the timeline's common shape: kind, id, at, label, text, score."""
    return queryset.order_by().annotate(
        event_kind=Value(kind, output_field=CharField()),
        event_id=F("pk"), event_at=F(at),
        event_label=Cast(label, CharField()), event_text=Cast(text, CharField()),
        event_score=Cast(score if score is not None else Value(None), FloatField()),
    ).values_list("event_kind", "event_id", "event_at", "event_label", "event_text",
                  "event_score")


@dataclass(frozen=True)
class TimelineEvent:
    kind: str  # one of TIMELINE_KINDS
    id: int
    at: datetime
    label: str  # the event's own kind or status (an interaction's "complaint", …)
    text: str  # what was said, promised, granted …
    score: float | None  # a response's recommend score, an order's amount, a grant's sum


def customer_timeline_query(customer_id: int) -> QuerySet:
    """Every event of one customer, newest first, as one UNION ALL the database sorts and
    pages: each source reads its (customer, time) index."""
    interactions = _events(Interaction.objects.filter(customer_id=customer_id), "interaction",
                           "opened_at", F("kind"), F("text"))
    responses = _events(SurveyResponse.objects.filter(customer_id=customer_id), "response",
                        "responded_at", Coalesce(Cast("nps", CharField()), Value("")),
                        F("comment"), F("nps"))
    promises = _events(Promise.objects.filter(customer_id=customer_id), "promise",
                       "promised_at", F("status"), F("description"))
    cases = _events(RecoveryCase.objects.filter(customer_id=customer_id), "case", "opened_at",
                    F("status"), F("listening_notes"), F("score_before"))
    grants = _events(CompensationGrant.objects.filter(case__customer_id=customer_id), "grant",
                     "created_at", F("kind"), F("reason"), F("amount"))
    invitations = _events(Invitation.objects.filter(customer_id=customer_id), "invitation",
                          "created_at", F("delivery"), F("survey__name"))
    notices = _events(Notice.objects.filter(Q(promise__customer_id=customer_id)
                                            | Q(recovery_case__customer_id=customer_id)),
                      "notice", "created_at", F("kind"), F("subject"))
    orders = _events(Order.objects.filter(customer_id=customer_id), "order", "ordered_at",
                     F("currency"), F("items"), F("amount"))
    return interactions.union(responses, promises, cases, grants, invitations, notices,
                              orders, all=True).order_by("-event_at", "event_kind", "-event_id")


def customer_timeline(customer_id: int, *, offset: int = 0, limit: int = 50
                      ) -> tuple[list[TimelineEvent], int]:
    """One page of the timeline, and how many events there are in all."""
    query = customer_timeline_query(customer_id)
    rows = [TimelineEvent(*row) for row in query[offset:offset + limit]]
    return rows, query.count()


@dataclass(frozen=True)
class NameVersion:
    full_name: str
    since: datetime
    by: str | None  # who wrote it (a colleague's user name), None for an import or the API


def customer_name_history(customer: Customer) -> list[NameVersion]:
    """The name as it was written over time, oldest first, one entry per spelling change
    (from the customer's history rows, kept by django-simple-history)."""
    versions, previous = [], None
    for full_name, at, user in customer.history.order_by("history_date", "history_id") \
            .values_list("full_name", "history_date", "history_user__username"):
        if full_name != previous:
            versions.append(NameVersion(full_name, at, user))
            previous = full_name
    return versions


@dataclass(frozen=True)
class CustomerScores:
    kv: float | None  # mean experience / expectation over the customer's responses
    kv_n: int
    last_nps: int | None
    nps_class: str | None  # promoter, passive or detractor by the last recommend score
    spend: Decimal
    orders: int
    last_ordered_at: datetime | None


def nps_class(score: int | None) -> str | None:
    if score is None:
        return None
    return "promoter" if score >= 9 else ("passive" if score >= 7 else "detractor")


def customer_scores(customer_id: int) -> CustomerScores:
    """The customer's KV over all their responses, their last recommend score, and their
    spend, number of orders and last purchase: three small aggregates."""
    kv = SurveyResponse.objects.filter(customer_id=customer_id, expectation__isnull=False,
                                       experience__isnull=False).aggregate(
        kv=Avg(Cast("experience", FloatField()) / Cast("expectation", FloatField())),
        n=Count("pk"))
    last_nps = SurveyResponse.objects.filter(customer_id=customer_id, nps__isnull=False) \
        .order_by("-responded_at", "-pk").values_list("nps", flat=True).first()
    bought = Order.objects.filter(customer_id=customer_id).aggregate(
        spend=Sum("amount"), n=Count("pk"), last=Max("ordered_at"))
    return CustomerScores(kv["kv"], kv["n"], last_nps, nps_class(last_nps),
                          bought["spend"] or Decimal(0), bought["n"], bought["last"])


def customer_status(customer_id: int) -> CustomerStatus | None:
    """The customer's segment and engagement stage as the last refresh placed them."""
    return CustomerStatus.objects.filter(customer_id=customer_id).first()


# ---------------------------------------------------------------------------------------------
# Lifecycle segments


def segment_counts() -> dict[str, int]:
    """How many customers each segment holds now (every segment named, zero when empty)."""
    counted = dict(CustomerStatus.objects.order_by().values_list("segment")
                   .annotate(n=Count("pk")))
    return {segment: counted.get(segment, 0) for segment in Segment.values}


def at_risk_list(customers: QuerySet[Customer]) -> QuerySet[CustomerStatus]:
    """The at-risk customers among ``customers`` (the asker's reach), with the facts that put
    them there; the most recently seen first — the likeliest to be kept."""
    # last_seen_at is never empty (a customer never seen counts from being added), so the
    # (segment, last_seen_at) index gives the order, and a page reads only its own rows.
    return CustomerStatus.objects.filter(segment=Segment.AT_RISK, customer__in=customers) \
        .select_related("customer").order_by("-last_seen_at", "-customer_id")


@dataclass(frozen=True)
class SegmentFlow:
    month: date  # the month the customers moved INTO (its snapshot)
    moves: dict[tuple[str, str], int]  # (segment a month before, segment now) → customers


def segment_flows(months: int = 6) -> list[SegmentFlow]:
    """Between each pair of consecutive monthly snapshots (the last ``months``), how many
    customers moved from each segment to each: one self-join per pair, grouped."""
    taken = list(SegmentSnapshot.objects.order_by("-month").values_list("month", flat=True)
                 .distinct()[:months + 1])[::-1]
    flows = []
    for before, after in pairwise(taken):
        earlier = SegmentSnapshot.objects.filter(month=before, customer_id=OuterRef(
            "customer_id")).values("segment")[:1]
        rows = SegmentSnapshot.objects.filter(month=after).annotate(
            was=Coalesce(Subquery(earlier), Value("none"))).order_by() \
            .values_list("was", "segment").annotate(n=Count("pk"))
        flows.append(SegmentFlow(after, {(was, now): n for was, now, n in rows}))
    return flows


# ---------------------------------------------------------------------------------------------
# The journey map


@dataclass(frozen=True)
class TouchpointFigures:
    touchpoint: Touchpoint
    volume: int  # interactions
    responses: int
    kv: float | None
    nps: float | None
    nps_interval: tuple[float, float] | None
    csat: float | None
    weight: float | None  # percent of the explained variance of the recommend score
    critical: bool


@dataclass(frozen=True)
class JourneyMap:
    stages: list[tuple[str, str, list[TouchpointFigures]]]  # (stage, label, touchpoints)
    kv: float | None  # over every response of the period
    r_squared: float | None


def _segment_filter(segment: str | None, customer_path: str) -> Q:
    if not segment:
        return Q()
    return Q(**{f"{customer_path}__lifecycle_status__segment": segment})


def _map_sums(start: date, end: date, segment: str | None, use_rollups: bool
              ) -> tuple[dict[int, int], dict[tuple[int | None, int | None], np.ndarray]]:
    """Interactions per touchpoint, and per (touchpoint, recommend score) cell the sums of
    :data:`rollups.SCORE_SUMS`: whole rolled-up months from the summary tables, the rest of
    the period from the raw rows (everything raw when ``use_rollups`` is off or nothing
    was filled yet)."""
    split = rollups.period_split(start, end, rollups.rollup_state() if use_rollups else None)
    volume: dict[int, int] = {}
    cells: dict[tuple[int | None, int | None], np.ndarray] = {}

    def add(volume_rows, score_rows):
        for row in volume_rows:
            volume[row["touchpoint_id"]] = volume.get(row["touchpoint_id"], 0) \
                + row["interactions"]
        for row in score_rows:
            key = (row["touchpoint_id"], row["nps"])
            sums = np.array([row[name] for name in rollups.SCORE_SUMS], dtype=float)
            cells[key] = cells[key] + sums if key in cells else sums

    if split.months:
        by_segment = Q(segment=segment) if segment else Q()
        add(JourneyVolumeMonth.objects.filter(by_segment, month__range=split.months)
            .order_by().values("touchpoint_id").annotate(interactions=Sum("interactions")),
            JourneyScoreMonth.objects.filter(by_segment, month__range=split.months)
            .order_by().values("touchpoint_id", "nps").annotate(
                **{name: Sum(name) for name in rollups.SCORE_SUMS}))
    for first, last in split.raw:
        add(rollups.volume_query(Interaction.objects.filter(
                _segment_filter(segment, "customer"), opened_on__range=(first, last)),
                "touchpoint_id"),
            rollups.score_query(SurveyResponse.objects.filter(
                _segment_filter(segment, "customer"), responded_on__range=(first, last)),
                "touchpoint_id", "nps"))
    return volume, cells


def journey_map(start: date, end: date, *, segment: str | None = None,
                use_rollups: bool = True) -> JourneyMap:
    """Each touchpoint, in journey order, with its volume, KV, NPS, CSAT and its weight in
    the recommend score (relative weights, Johnson 2000, of having met the touchpoint; the
    busiest one is the reference, weight 0). A touchpoint is **critical** when its weight is
    at least the mean weight and its KV is below the whole journey's (it moves the grade and
    it disappoints). Every figure is a sum of counts and sums per (touchpoint, score) cell,
    so the rollups give exactly what the raw rows give."""
    touchpoints = {t.pk: t for t in Touchpoint.objects.select_related("channel")}
    volume, cells = _map_sums(start, end, segment, use_rollups)
    responses_i, kv_sum_i, kv_n_i, satisfied_i, csat_n_i = range(len(rollups.SCORE_SUMS))
    totals = sum(cells.values(), np.zeros(len(rollups.SCORE_SUMS)))
    overall_kv = totals[kv_sum_i] / totals[kv_n_i] if totals[kv_n_i] else None
    figures: dict[int, dict] = {}
    for (pk, score), sums in cells.items():
        if pk is None:
            continue
        row = figures.setdefault(pk, dict.fromkeys(
            ("n", "kv_sum", "kv_n", "promoters", "detractors", "rated", "satisfied",
             "csat_n"), 0))
        row["n"] += int(sums[responses_i])
        row["kv_sum"] += sums[kv_sum_i]
        row["kv_n"] += int(sums[kv_n_i])
        row["satisfied"] += int(sums[satisfied_i])
        row["csat_n"] += int(sums[csat_n_i])
        if score is not None:
            row["rated"] += int(sums[responses_i])
            row["promoters"] += int(sums[responses_i]) if score >= 9 else 0
            row["detractors"] += int(sums[responses_i]) if score <= 6 else 0
    for row in figures.values():
        row["kv"] = row["kv_sum"] / row["kv_n"] if row["kv_n"] else None
    weights, r_squared = _touchpoint_weights(cells)
    mean_weight = float(np.mean(list(weights.values()))) if weights else None
    by_stage: dict[str, list[TouchpointFigures]] = {stage: [] for stage in JourneyStage.values}
    for pk, touchpoint in touchpoints.items():
        row = figures.get(pk, {})
        nps = None
        if row.get("rated"):
            nps = nps_from_counts(row["promoters"], row["rated"] - row["promoters"]
                                  - row["detractors"], row["detractors"])
        csat = (csat_from_counts(row["satisfied"], row["csat_n"]).value
                if row.get("csat_n") else None)
        weight = weights.get(pk)
        critical = (weight is not None and mean_weight is not None and row.get("kv") is not None
                    and overall_kv is not None and weight >= mean_weight
                    and row["kv"] < overall_kv)
        by_stage[touchpoint.journey_stage].append(TouchpointFigures(
            touchpoint, volume.get(pk, 0), row.get("n", 0), row.get("kv"),
            nps.value if nps else None, (nps.low, nps.high) if nps else None, csat, weight,
            critical))
    return JourneyMap([(stage, label, by_stage[stage]) for stage, label in JourneyStage.choices],
                      overall_kv, r_squared)


MIN_RESPONSES_FOR_WEIGHTS = 30


def _touchpoint_weights(cells: dict[tuple[int | None, int | None], np.ndarray]
                        ) -> tuple[dict[int, float], float | None]:
    """Relative weight (percent) of each touchpoint in the recommend score: the (touchpoint,
    score) pairs rebuilt from the cells' counts, the dummy design in NumPy."""
    rated = [(pk, score, int(sums[0])) for (pk, score), sums in cells.items()
             if pk is not None and score is not None]
    pairs = np.array([(pk, score) for pk, score, _ in rated], dtype=float).reshape(-1, 2)
    pairs = np.repeat(pairs, [n for *_, n in rated], axis=0)
    if len(pairs) < MIN_RESPONSES_FOR_WEIGHTS:
        return {}, None
    ids, counts = np.unique(pairs[:, 0], return_counts=True)
    if len(ids) < 3:
        return {}, None
    reference = ids[np.argmax(counts)]
    others = ids[ids != reference]
    design = (pairs[:, [0]] == others[None, :]).astype(float)
    result = relative_weights(design, pairs[:, 1])
    weights = {int(pk): float(share) for pk, share in zip(others, result.rescaled, strict=True)}
    weights[int(reference)] = 0.0
    return weights, float(result.r_squared)


@dataclass(frozen=True)
class PathStep:
    step: int  # 1 = the customer's first contact in the period
    source: int  # touchpoint (or channel) id; 0: a contact on no touchpoint
    target: int | None  # the next step's node; None: the journey ends here (drop-off)
    customers: int


PATH_STEPS = rollups.PATH_STEPS


def journey_paths(start: date, end: date, *, by: str = "touchpoint",
                  segment: str | None = None, steps: int = PATH_STEPS,
                  use_rollups: bool = True) -> list[PathStep]:
    """The paths customers take: each customer's contacts in the period numbered in time
    order (ROW_NUMBER over the customer), each with the next one's node (LEAD over the same
    window) — one pass, no self-join; a contact with no next is where that customer's
    journey stopped (drop-off). The first ``steps`` steps; a contact on no touchpoint (or
    channel) is node 0. The default period of the last rollup fill is read from the stored
    counts (:mod:`kliento.journeys.rollups`), which are this very query's result."""
    state = rollups.rollup_state() if use_rollups else None
    if state and (start, end) == (state.paths_start, state.paths_end) and steps == PATH_STEPS:
        stored = JourneyPathCount.objects.filter(nodes=by, **({"segment": segment} if segment
                                                            else {})).order_by() \
            .values_list("step", "source", "target").annotate(n=Sum("customers")) \
            .order_by("step", "-n")
        return [PathStep(step, source, target, n) for step, source, target, n in stored]
    column = {"touchpoint": "touchpoint_id", "channel": "channel_id"}[by]
    table = Interaction._meta.db_table
    status_join, status_filter, params = "", "", [start, end]
    if segment:
        status_join = (f"JOIN {CustomerStatus._meta.db_table} s "
                       "ON s.customer_id = i.customer_id")
        status_filter = "AND s.segment = %s"
        params.append(segment)
    sql = f"""
        SELECT step, node, CASE WHEN next_id IS NULL THEN NULL ELSE next_node END, COUNT(*)
        FROM (
            SELECT COALESCE(i.{column}, 0) AS node,
                   ROW_NUMBER() OVER journey AS step,
                   LEAD(COALESCE(i.{column}, 0)) OVER journey AS next_node,
                   LEAD(i.id) OVER journey AS next_id
            FROM {table} i {status_join}
            WHERE i.opened_on BETWEEN %s AND %s {status_filter}
            WINDOW journey AS (PARTITION BY i.customer_id ORDER BY i.opened_at, i.id)
        ) numbered
        WHERE step <= %s
        GROUP BY step, node, CASE WHEN next_id IS NULL THEN NULL ELSE next_node END
        ORDER BY step, COUNT(*) DESC"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, steps])
        # At the last step shown a missing target is not a drop-off: the chart stops there.
        return [PathStep(int(step), source, target, n)
                for step, source, target, n in cursor.fetchall()]


# ---------------------------------------------------------------------------------------------
# Emotional-engagement stages


def stage_mix(start: date, end: date) -> list[tuple[date, dict[str, int]]]:
    """Per month, how many engagement answers fell in each stage (the rule applied in SQL)."""
    rows = EngagementAnswer.objects.filter(answered_on__range=(start, end)).annotate(
        month=TruncMonth("answered_on"), stage=stage_case()).order_by() \
        .values_list("month", "stage").annotate(n=Count("pk")).order_by("month")
    months: dict[date, dict[str, int]] = {}
    for month, stage, n in rows:
        months.setdefault(month, dict.fromkeys(Stage.values, 0))[stage] = n
    return sorted(months.items())


@dataclass(frozen=True)
class StageValue:
    stage: str
    spend: stage_value.MeanSpend | None  # per customer, over the window; None: nobody


@dataclass(frozen=True)
class StageValues:
    stages: list[StageValue]
    ratio: stage_value.SpendRatio | None  # fully connected ÷ highly satisfied
    start: date
    end: date


def stage_values(start: date, end: date) -> StageValues:
    """Spend per customer in each engagement stage (the customer's latest stage) between
    ``start`` and ``end``, with intervals, and the ratio fully connected ÷ highly satisfied.
    The database sums each customer's orders; NumPy gets one column per stage."""
    spent = Order.objects.filter(customer_id=OuterRef("customer_id"),
                                 ordered_on__range=(start, end)).order_by() \
        .values("customer_id").annotate(total=Sum("amount")).values("total")
    rows = CustomerStatus.objects.filter(stage__isnull=False).annotate(
        spend=Coalesce(Subquery(spent, output_field=DecimalField()), Value(Decimal(0)),
                       output_field=DecimalField())).values_list("stage", "spend")
    by_stage: dict[str, list[float]] = {stage: [] for stage in Stage.values}
    arrays = np.array([(Stage.values.index(stage), float(spend)) for stage, spend in rows],
                      dtype=float).reshape(-1, 2)
    for index, stage in enumerate(Stage.values):
        by_stage[stage] = arrays[arrays[:, 0] == index, 1]
    values = [StageValue(stage, stage_value.mean_spend(spend) if len(spend) else None)
              for stage, spend in by_stage.items()]
    full, high = by_stage[Stage.FULLY_CONNECTED], by_stage[Stage.HIGHLY_SATISFIED]
    ratio = stage_value.spend_ratio(full, high) if len(full) and len(high) else None
    return StageValues(values, ratio, start, end)


def not_yet_connected(customers: QuerySet[Customer]) -> QuerySet[CustomerStatus]:
    """Highly satisfied customers (and those who already see the brand as different) who are
    not fully connected: where effort pays most. Among ``customers`` (the asker's reach)."""
    return CustomerStatus.objects.filter(
        stage__in=[Stage.HIGHLY_SATISFIED, Stage.SEES_DIFFERENT], customer__in=customers,
    ).select_related("customer").order_by("stage", F("last_ordered_at").desc(nulls_last=True),
                                           "customer_id")


# ---------------------------------------------------------------------------------------------
# Expectation drift


@dataclass(frozen=True)
class DriftPoint:
    month: date
    expectation: float
    kv: float
    n: int
    disappointed: float  # shares of the month's responses, 0..1
    satisfied: float
    delighted: float


def expectation_drift(start: date, end: date, *, touchpoint_id: int | None = None
                      ) -> list[DriftPoint]:
    """Per month: mean expectation, KV and the shares of disappointed (experience below
    expectation), satisfied (equal) and delighted (above) responses — KV's bands with no
    tolerance, as :func:`kliento.measure.kv_index` draws them."""
    responses = SurveyResponse.objects.filter(responded_on__range=(start, end),
                                              expectation__isnull=False,
                                              experience__isnull=False)
    if touchpoint_id:
        responses = responses.filter(touchpoint_id=touchpoint_id)
    rows = responses.annotate(month=TruncMonth("responded_on")).order_by().values("month") \
        .annotate(mean_expectation=Avg(Cast("expectation", FloatField())),
                  kv=Avg(Cast("experience", FloatField()) / Cast("expectation", FloatField())),
                  n=Count("pk"),
                  low=Count("pk", filter=Q(experience__lt=F("expectation"))),
                  high=Count("pk", filter=Q(experience__gt=F("expectation")))).order_by("month")
    return [DriftPoint(row["month"], row["mean_expectation"], row["kv"], row["n"],
                       row["low"] / row["n"], (row["n"] - row["low"] - row["high"]) / row["n"],
                       row["high"] / row["n"]) for row in rows]


@dataclass(frozen=True)
class KvBands:
    n: int
    disappointed: float  # shares, 0..1
    satisfied: float
    delighted: float


def kv_band_counts(start: date, end: date) -> tuple[int, int, int]:
    """The period's responses with both expectation and experience, and how many of them
    fell below and above it, in one aggregate: counts, which add up over days."""
    row = SurveyResponse.objects.filter(
        responded_on__range=(start, end), expectation__isnull=False, experience__isnull=False,
    ).aggregate(n=Count("pk"), low=Count("pk", filter=Q(experience__lt=F("expectation"))),
                high=Count("pk", filter=Q(experience__gt=F("expectation"))))
    return row["n"], row["low"], row["high"]


def kv_bands_from_counts(n: int, low: int, high: int) -> KvBands | None:
    if not n:
        return None
    return KvBands(n, low / n, (n - low - high) / n, high / n)


def kv_bands(start: date, end: date) -> KvBands | None:
    """The period's shares of disappointed, satisfied and delighted responses (experience
    below, equal to, above expectation); None without such responses."""
    return kv_bands_from_counts(*kv_band_counts(start, end))


def marker_list(start: date, end: date, *, touchpoint_id: int | None = None
                ) -> QuerySet[Marker]:
    """Gestures and campaigns of the period: those of ``touchpoint_id`` and those of every
    touchpoint."""
    markers = Marker.objects.filter(happened_on__range=(start, end)).select_related(
        "touchpoint")
    if touchpoint_id:
        markers = markers.filter(Q(touchpoint_id=touchpoint_id) | Q(touchpoint__isnull=True))
    return markers.order_by("happened_on", "pk")


# ---------------------------------------------------------------------------------------------
# The churn signal


@dataclass(frozen=True)
class ShareDifference:
    stopped: float  # share (0..1) among those who stopped
    stayed: float
    low: float  # interval of stopped − stayed
    high: float
    n_stopped: int
    n_stayed: int


@dataclass(frozen=True)
class MeanDifference:
    stopped: float
    stayed: float
    low: float
    high: float
    n_stopped: int
    n_stayed: int


@dataclass(frozen=True)
class ChurnSignal:
    stopped: int
    stayed: int
    last_nps: MeanDifference | None
    detractor_share: ShareDifference | None
    broken_promise_share: ShareDifference | None
    unanswered_complaint_share: ShareDifference | None
    dissatisfied_share_of_stopped: float | None  # the seeds' "73 %", measured


def churn_signal(quiet_after_days: int, now: datetime) -> ChurnSignal | None:
    """Customers who stopped — no purchase and no contact for ``quiet_after_days`` (the
    lifecycle rules' quiet period) — against those who stayed: their last recommend score,
    the share of detractors, of customers with a broken promise and of customers with a
    complaint nobody answered; differences with 95 % intervals (Welch from the groups'
    moments; Agresti–Caffo). One grouped query over the customers' statuses."""
    broken = Promise.objects.filter(customer_id=OuterRef("customer_id"),
                                    status=Promise.Status.BROKEN)
    unanswered = Interaction.objects.filter(customer_id=OuterRef("customer_id"),
                                            kind=Interaction.Kind.COMPLAINT,
                                            first_response_at__isnull=True)
    nps = Cast("last_nps", FloatField())
    groups = {row["stopped"]: row for row in CustomerStatus.objects.annotate(
        stopped=Case(When(last_seen_at__lt=now - timedelta(days=quiet_after_days),
                          then=Value(1)), default=Value(0)),
        with_broken=Exists(broken), with_unanswered=Exists(unanswered),
    ).order_by().values("stopped").annotate(
        n=Count("pk"), rated=Count("last_nps"), nps_sum=Sum(nps), nps_squares=Sum(nps * nps),
        detractors=Count("pk", filter=Q(last_nps__lte=6)),
        broken=Count("pk", filter=Q(with_broken=True)),
        unanswered=Count("pk", filter=Q(with_unanswered=True)),
        unhappy=Count("pk", filter=Q(last_nps__lte=6) | Q(last_kv__lt=1)
                      | Q(with_broken=True) | Q(with_unanswered=True)))}
    stopped, stayed = groups.get(1), groups.get(0)
    if not stopped or not stayed:
        return None

    def share(key: str, of: str = "n") -> ShareDifference | None:
        if not stopped[of] or not stayed[of]:
            return None
        low, high = agresti_caffo(stayed[key], stayed[of], stopped[key], stopped[of], 0.95)
        return ShareDifference(stopped[key] / stopped[of], stayed[key] / stayed[of], low, high,
                               stopped[of], stayed[of])

    difference = None
    if stopped["rated"] >= 2 and stayed["rated"] >= 2:
        result = stage_value.mean_difference(
            (stopped["rated"], stopped["nps_sum"], stopped["nps_squares"]),
            (stayed["rated"], stayed["nps_sum"], stayed["nps_squares"]))
        difference = MeanDifference(result.mean_a, result.mean_b, result.low, result.high,
                                    stopped["rated"], stayed["rated"])
    return ChurnSignal(stopped["n"], stayed["n"], difference, share("detractors", "rated"),
                       share("broken"), share("unanswered"), stopped["unhappy"] / stopped["n"])
