"""Every metric an agent is scored on, declared once: where it is counted, how, and which way
is better. The database sums each metric's sufficient statistics per group (agent, team or
the whole company) and month; Python turns those sums into estimates with intervals
(:mod:`kliento.measure`) and shrunken estimates (:mod:`kliento.ranking`), never loops over
rows.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast, TruncMonth

from kliento.audits.models import Audit
from kliento.interactions.models import Interaction
from kliento.measure.intervals import agresti_coull
from kliento.measure.scores import CSAT_SATISFIED_FROM, DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.measure.service_grade import DEFAULT_WEIGHTS
from kliento.measure.summaries import mean_from_moments, nps_from_counts
from kliento.people.models import Metric
from kliento.promises.models import Promise
from kliento.surveys.expressions import service_grade_expression
from kliento.surveys.models import SurveyResponse

REPEAT_WINDOW_SECONDS = 7 * 86400  # a contact again within 7 days: not resolved at first


@dataclass(frozen=True)
class Source:
    """A fact table and the paths to an agent, a team and the local date on it."""

    queryset: QuerySet
    agent: str
    team: str
    day: str


# Customers' answers only: an employee survey's eNPS is no customer's score.
RESPONSES = Source(SurveyResponse.objects.filter(survey__employee_survey__isnull=True),
                   "interaction__agent_id", "interaction__team_id", "responded_on")
INTERACTIONS = Source(Interaction.objects.all(), "agent_id", "team_id", "opened_on")
CLOSED_PROMISES = Source(Promise.objects.exclude(status=Promise.Status.OPEN), "owner_id",
                         "owner__team_id", "due_on")
AUDITS = Source(Audit.objects.all(), "agent_id", "team_id", "audited_on")


@dataclass(frozen=True)
class Definition:
    """One metric. ``kind``: "rate" (successes of trials, shown in percent), "mean" (of a
    per-observation value, in ``unit``) or "nps" (a mean of +100 / 0 / −100 per answer).
    ``aggregates`` give ``n`` and ``successes`` (rates), or ``n``, ``total`` and
    ``total_sq`` (means; NPS also ``promoters``, ``passives``, ``detractors``)."""

    metric: Metric
    source: Source
    kind: str
    unit: str
    aggregates: dict
    higher_is_better: bool = True
    lower: float = 0.0
    upper: float = 100.0
    what_counts: str = ""


_KV = Cast(F("experience"), FloatField()) / Cast(F("expectation"), FloatField())
_GRADED = Q(**{f"{factor}__isnull": False for factor in DEFAULT_WEIGHTS})
_GRADE = service_grade_expression()
_RESOLVED = Q(resolved_at__isnull=False)
_REPEAT = Q(next_contact_seconds__lte=REPEAT_WINDOW_SECONDS)
_PROMOTER, _DETRACTOR = Q(nps__gte=PROMOTER_FROM), Q(nps__lte=DETRACTOR_UP_TO)

DEFINITIONS: dict[str, Definition] = {d.metric.value: d for d in (
    Definition(Metric.NPS, RESPONSES, "nps", "points", {
        "n": Count("nps"), "promoters": Count("id", filter=_PROMOTER),
        "passives": Count("id", filter=Q(nps__gt=DETRACTOR_UP_TO, nps__lt=PROMOTER_FROM)),
        "detractors": Count("id", filter=_DETRACTOR)}, lower=-100.0, upper=100.0),
    Definition(Metric.CSAT, RESPONSES, "rate", "percent", {
        "n": Count("csat"), "successes": Count("id", filter=Q(csat__gte=CSAT_SATISFIED_FROM))}),
    Definition(Metric.KV, RESPONSES, "mean", "ratio", {
        "n": Count("id", filter=Q(experience__isnull=False, expectation__isnull=False)),
        "total": Sum(_KV), "total_sq": Sum(_KV * _KV)}, lower=0.1, upper=10.0),
    Definition(Metric.SERVICE_GRADE, RESPONSES, "mean", "grade", {
        "n": Count("id", filter=_GRADED), "total": Sum(_GRADE, filter=_GRADED),
        "total_sq": Sum(_GRADE * _GRADE, filter=_GRADED)}, lower=1.0, upper=10.0),
    Definition(Metric.PROMISE_KEPT, CLOSED_PROMISES, "rate", "percent", {
        "n": Count("id"), "successes": Count("id", filter=Q(status=Promise.Status.KEPT))}),
    Definition(Metric.FIRST_CONTACT_RESOLUTION, INTERACTIONS, "rate", "percent", {
        "n": Count("id", filter=_RESOLVED),
        "successes": Count("id", filter=_RESOLVED & ~_REPEAT)}),
    Definition(Metric.HANDLE_TIME, INTERACTIONS, "mean", "seconds", {
        "n": Count("resolution_seconds"),
        "total": Sum(Cast("resolution_seconds", FloatField())),
        "total_sq": Sum(Cast("resolution_seconds", FloatField())
                        * Cast("resolution_seconds", FloatField()))},
        higher_is_better=False, upper=1e12),
    Definition(Metric.UPSELL_OFFERED, INTERACTIONS, "rate", "percent", {
        "n": Count("id"), "successes": Count("id", filter=Q(upsell_offered=True))}),
    Definition(Metric.UPSELL_ACCEPTED, INTERACTIONS, "rate", "percent", {
        "n": Count("id", filter=Q(upsell_offered=True)),
        "successes": Count("id", filter=Q(upsell_accepted=True))}),
    Definition(Metric.AUDIT_SCORE, AUDITS, "mean", "percent", {
        "n": Count("id"), "total": Sum("score_percent"),
        "total_sq": Sum(F("score_percent") * F("score_percent"))}),
)}


def definition_of(metric: str) -> Definition:
    try:
        return DEFINITIONS[metric]
    except KeyError:
        raise ValueError(
            f"metric must be one of {', '.join(DEFINITIONS)}, not {metric!r}") from None


@dataclass(frozen=True)
class Stats:
    """A metric's sufficient statistics for one group (and month). For rates ``total`` is
    the number of successes; for NPS the counts of its three bands are kept too."""

    group: int | None
    month: date | None
    n: int
    total: float
    total_sq: float = 0.0
    promoters: int = 0
    passives: int = 0
    detractors: int = 0


@dataclass(frozen=True)
class Estimate:
    """A value with its 95 % interval in the metric's display unit (percent for rates)."""

    value: float
    low: float
    high: float
    n: int


def stats_for(metric: str, start: date, end: date, *, by: str | None = None,
              agents: list[int] | None = None, teams: list[int] | None = None,
              monthly: bool = False) -> list[Stats]:
    """One query: the metric's statistics per ``by`` ("agent", "team" or None for all) and,
    when ``monthly``, per calendar month, within ``start``..``end`` (both included).
    ``agents`` / ``teams`` keep only those groups (filtered in the ``WHERE``)."""
    d = definition_of(metric)
    source = d.source
    rows = source.queryset.filter(**{f"{source.day}__range": (start, end)})
    if agents is not None:
        rows = rows.filter(**{f"{source.agent}__in": agents})
    if teams is not None:
        rows = rows.filter(**{f"{source.team}__in": teams})
    keys = {}
    if by == "agent":
        keys["grp"] = F(source.agent)
        rows = rows.filter(**{f"{source.agent}__isnull": False})
    elif by == "team":
        keys["grp"] = F(source.team)
        rows = rows.filter(**{f"{source.team}__isnull": False})
    elif by is not None:
        raise ValueError(f"by must be 'agent', 'team' or None, not {by!r}")
    if monthly:
        keys["month"] = TruncMonth(source.day)
    grouped = rows.values(**keys) if keys else rows
    if keys:
        result = grouped.annotate(**d.aggregates).order_by(*keys)
    else:
        result = [rows.aggregate(**d.aggregates)]
    return [_stats(d, row) for row in result if row["n"]]


def _stats(d: Definition, row: dict) -> Stats:
    month = row.get("month")
    if month is not None and hasattr(month, "date"):
        month = month.date()
    common = {"group": row.get("grp"), "month": month, "n": row["n"]}
    if d.kind == "rate":
        return Stats(**common, total=float(row["successes"]))
    if d.kind == "nps":
        p, det = row["promoters"], row["detractors"]
        return Stats(**common, total=100.0 * (p - det), total_sq=10000.0 * (p + det),
                     promoters=p, passives=row["passives"], detractors=det)
    return Stats(**common, total=float(row["total"] or 0.0), total_sq=float(row["total_sq"] or 0.0))


def estimate(metric: str, s: Stats) -> Estimate:
    """The value of ``s`` with its interval: adjusted Wald for NPS, Agresti–Coull for rates,
    Student t for means (:mod:`kliento.measure`)."""
    d = definition_of(metric)
    if d.kind == "nps":
        r = nps_from_counts(s.promoters, s.passives, s.detractors)
        return Estimate(r.value, r.low, r.high, s.n)
    if d.kind == "rate":
        low, high = agresti_coull(int(s.total), s.n, 0.95)
        return Estimate(100.0 * s.total / s.n, 100.0 * low, 100.0 * high, s.n)
    r = mean_from_moments(s.n, s.total, s.total_sq, d.lower, d.upper)
    return Estimate(r.value, r.low, r.high, s.n)


def display_value(metric: str, s: Stats) -> float:
    """The raw value of ``s`` in the metric's display unit, without an interval."""
    d = definition_of(metric)
    return 100.0 * s.total / s.n if d.kind == "rate" else s.total / s.n
