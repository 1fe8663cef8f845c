"""Reads behind the dashboard: each KPI for a period and week by week, computed by the
database (counts, sums, window-function percentiles) and turned into estimates with
intervals by the framework-free :mod:`kliento.measure`."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone

from kliento.analytics.percentiles import percentile_by_week
from kliento.analytics.periods import Period
from kliento.interactions.models import Interaction
from kliento.measure.summaries import csat_from_counts, mean_from_moments, nps_from_counts
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse

KV_RATIO = Cast(F("experience"), FloatField()) / Cast(F("expectation"), FloatField())
SURVEY_AGGREGATES = {
    "responses": Count("id"),
    "promoters": Count("id", filter=Q(nps__gte=9)),
    "passives": Count("id", filter=Q(nps__in=(7, 8))),
    "detractors": Count("id", filter=Q(nps__lte=6)),
    "csat_n": Count("csat"),
    "csat_satisfied": Count("id", filter=Q(csat__gte=4)),
    "ces_n": Count("ces"),
    "ces_sum": Sum("ces"),
    "ces_sum_sq": Sum(F("ces") * F("ces")),
    "kv_n": Count("id", filter=Q(experience__isnull=False, expectation__isnull=False)),
    "kv_sum": Sum(KV_RATIO),
    "kv_sum_sq": Sum(KV_RATIO * KV_RATIO),
}


@dataclass(frozen=True)
class Estimate:
    """A KPI value with its 95 % interval (``low``/``high`` equal ``value`` when the KPI is a
    plain count or percentile) and the number of observations behind it."""

    value: float
    low: float
    high: float
    n: int


@dataclass
class Kpi:
    key: str
    current: Estimate | None
    previous: Estimate | None
    weekly: dict[date, Estimate] = field(default_factory=dict)

    @property
    def change(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current.value - self.previous.value


def _survey_estimates(row: dict) -> dict[str, Estimate | None]:
    nps_n = row["promoters"] + row["passives"] + row["detractors"]
    estimates: dict[str, Estimate | None] = {"nps": None, "csat": None, "ces": None, "kv": None}
    if nps_n:
        r = nps_from_counts(row["promoters"], row["passives"], row["detractors"])
        estimates["nps"] = Estimate(r.value, r.low, r.high, r.n)
    if row["csat_n"]:
        r = csat_from_counts(row["csat_satisfied"], row["csat_n"])
        estimates["csat"] = Estimate(r.value, r.low, r.high, r.n)
    if row["ces_n"]:
        r = mean_from_moments(row["ces_n"], row["ces_sum"], row["ces_sum_sq"], 1, 7)
        estimates["ces"] = Estimate(r.value, r.low, r.high, r.n)
    if row["kv_n"]:
        r = mean_from_moments(row["kv_n"], row["kv_sum"], row["kv_sum_sq"], 0.1, 10)
        estimates["kv"] = Estimate(r.value, r.low, r.high, r.n)
    return estimates


def _responses_in(start: datetime, end: datetime) -> QuerySet:
    return SurveyResponse.objects.filter(responded_at__gte=start, responded_at__lt=end)


def _promise_aggregates() -> dict:
    """Kept / due. A promise counts once its due time has passed — kept early or not — so a
    week in progress is not flattered by the promises kept ahead of time; an open promise
    past its due time counts as not kept."""
    past_due = Q(due_at__lt=timezone.now())
    return {"due": Count("id", filter=past_due),
            "kept": Count("id", filter=past_due & Q(status="kept"))}


def _promise_estimate(row: dict) -> Estimate | None:
    if not row["due"]:
        return None
    share = 100.0 * row["kept"] / row["due"]
    r = csat_from_counts(row["kept"], row["due"])  # the same adjusted-Wald interval
    return Estimate(share, r.low, r.high, row["due"])


def _interactions_in(start: datetime, end: datetime) -> QuerySet:
    return Interaction.objects.filter(opened_at__gte=start, opened_at__lt=end)


def _median_estimates(start: datetime, end: datetime, field_name: str, tzinfo) -> dict:
    medians = percentile_by_week(_interactions_in(start, end), "opened_at", field_name, 0.5,
                                 tzinfo=tzinfo)
    return {week: Estimate(value, value, value, 0) for week, value in medians.items()}


def dashboard_kpis(period: Period) -> list[Kpi]:
    """NPS, CSAT, CES, KV index, promise-kept rate and median first-response and resolution
    times for ``period``, with the previous period for comparison and a weekly series."""
    previous = period.previous()
    tz = period.tz

    def survey_totals(p: Period) -> dict[str, Estimate | None]:
        return _survey_estimates(_responses_in(p.start, p.end).aggregate(**SURVEY_AGGREGATES))

    current_survey, previous_survey = survey_totals(period), survey_totals(previous)
    weekly_survey_rows = (
        _responses_in(period.start, period.end)
        .annotate(week=TruncWeek("responded_at", tzinfo=tz))
        .values("week")
        .annotate(**SURVEY_AGGREGATES)
        .order_by("week")
    )
    weekly_survey = {
        timezone.localtime(row["week"], tz).date(): _survey_estimates(row)
        for row in weekly_survey_rows
    }
    kpis = [
        Kpi(key, current_survey[key], previous_survey[key],
            {week: est[key] for week, est in weekly_survey.items() if est[key] is not None})
        for key in ("nps", "csat", "ces", "kv")
    ]

    def promises_due(p: Period) -> QuerySet:
        return Promise.objects.filter(due_at__gte=p.start, due_at__lt=p.end)

    weekly_promises = (
        promises_due(period).annotate(week=TruncWeek("due_at", tzinfo=tz)).values("week")
        .annotate(**_promise_aggregates()).order_by("week")
    )
    kpis.append(Kpi(
        "promise_kept",
        _promise_estimate(promises_due(period).aggregate(**_promise_aggregates())),
        _promise_estimate(promises_due(previous).aggregate(**_promise_aggregates())),
        {timezone.localtime(row["week"], tz).date(): estimate
         for row in weekly_promises if (estimate := _promise_estimate(row)) is not None},
    ))

    for key, field_name in (("first_response", "first_response_seconds"),
                            ("resolution", "resolution_seconds")):
        current = _median_estimates(period.start, period.end, field_name, None).get(None)
        before = _median_estimates(previous.start, previous.end, field_name, None).get(None)
        weekly = _median_estimates(period.start, period.end, field_name, tz)
        kpis.append(Kpi(key, current, before, weekly))
    return kpis


def interaction_volume_by_week(period: Period) -> dict[date, int]:
    rows = (
        _interactions_in(period.start, period.end)
        .annotate(week=TruncWeek("opened_at", tzinfo=period.tz)).values("week")
        .annotate(n=Count("id")).order_by("week")
    )
    return {timezone.localtime(row["week"], period.tz).date(): row["n"] for row in rows}
