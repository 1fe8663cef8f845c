"""Reads for mystery-shopping audits: scores rolled up by location, team or agent, and which
behaviours of the standard are missed most.

The database groups, counts and sums; :mod:`kliento.measure` turns those sums into means and
shares with 95 % intervals (a handful of audits per agent is a small sample: the interval
says how small). Nothing loops over audits or checks in Python.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db.models import Avg, Count, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast

from kliento.audits.models import Audit, AuditCheck, AuditKind, ServiceStandard, StandardCriterion
from kliento.measure.summaries import csat_from_counts, mean_from_moments
from kliento.organisation.models import Agent, Location, Team


class Dimension(StrEnum):
    LOCATION = "location"
    TEAM = "team"
    AGENT = "agent"


@dataclass(frozen=True)
class Percent:
    """A value in percent with its 95 % interval, over ``n`` audits or checks."""

    value: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class CriterionRate:
    criterion: StandardCriterion
    checks: int
    met: int

    @property
    def met_rate(self) -> Percent:
        r = csat_from_counts(self.met, self.checks)  # adjusted-Wald interval of a share
        return Percent(r.value, r.low, r.high, self.checks)

    @property
    def missed(self) -> int:
        return self.checks - self.met

    @property
    def missed_percent(self) -> float:
        return 100.0 * self.missed / self.checks

    @property
    def missed_rate(self) -> Percent:
        met = self.met_rate
        return Percent(100.0 - met.value, 100.0 - met.high, 100.0 - met.low, met.n)


# With fewer audits than this on either side, a change is noise, not news.
COMPARABLE_AUDITS = 3


def score_change(current: Percent | None, previous: Percent | None) -> float | None:
    """Points gained since the previous period, when both periods have enough audits."""
    if current is None or previous is None or min(current.n, previous.n) < COMPARABLE_AUDITS:
        return None
    return current.value - previous.value


@dataclass
class ScoreRow:
    """One location, team or agent: how many audits, the mean score and, weakest first, how
    often each criterion was met."""

    key: int
    label: str
    audits: int
    score: Percent
    criteria: list[CriterionRate] = field(default_factory=list)
    previous: Percent | None = None  # the same row in the period compared with

    @property
    def change(self) -> float | None:
        return score_change(self.score, self.previous)

    @property
    def weakest(self) -> CriterionRate | None:
        missed = [rate for rate in self.criteria if rate.missed]
        return missed[0] if missed else None


def standards_in_use() -> QuerySet[ServiceStandard]:
    return ServiceStandard.objects.filter(is_active=True)


def standard_default() -> ServiceStandard | None:
    return ServiceStandard.objects.filter(is_default=True).first()


def criteria_for(standard: ServiceStandard, kind: str) -> QuerySet[StandardCriterion]:
    """The criteria an auditor answers on this kind of audit, in the standard's order."""
    return standard.criteria.filter(**{StandardCriterion.KIND_FIELDS[AuditKind(kind)]: True})


def _audits(start: date, end: date, standard: ServiceStandard | None) -> QuerySet[Audit]:
    audits = Audit.objects.filter(audited_on__range=(start, end))
    return audits if standard is None else audits.filter(standard=standard)


def _checks(start: date, end: date, standard: ServiceStandard | None) -> QuerySet[AuditCheck]:
    checks = AuditCheck.objects.filter(audit__audited_on__range=(start, end))
    return checks if standard is None else checks.filter(audit__standard=standard)


def _mean_score(n: int, total: float, total_sq: float) -> Percent:
    r = mean_from_moments(n, float(total), float(total_sq), 0, 100)
    return Percent(r.value, r.low, r.high, n)


_SCORE_SUMS = {
    "n": Count("id"),
    "total": Sum("score_percent"),
    "total_sq": Sum(F("score_percent") * F("score_percent")),
}
_MET_COUNTS = {"n": Count("id"), "met": Count("id", filter=Q(met=True))}


def audit_summary(start: date, end: date, standard: ServiceStandard | None = None
                  ) -> Percent | None:
    """The mean score of every audit in the period (local dates, both included)."""
    sums = _audits(start, end, standard).aggregate(**_SCORE_SUMS)
    return _mean_score(sums["n"], sums["total"], sums["total_sq"]) if sums["n"] else None


def _labels(dimension: Dimension, keys: list[int]) -> dict[int, str]:
    if dimension == Dimension.AGENT:
        return {agent.pk: str(agent)
                for agent in Agent.objects.filter(pk__in=keys).select_related("user")}
    model = Location if dimension == Dimension.LOCATION else Team
    return dict(model.objects.filter(pk__in=keys).values_list("pk", "name"))


def _with_rates(checks: QuerySet[AuditCheck], *groups: str) -> list[tuple[dict, CriterionRate]]:
    """Checks grouped by ``groups`` and criterion, most often missed first, as rates."""
    per_criterion = list(
        checks.values(*groups, "criterion").annotate(**_MET_COUNTS)
        .annotate(missed_share=Cast(F("n") - F("met"), FloatField()) / Cast(F("n"), FloatField()))
        .order_by("-missed_share", "-n", "criterion__position", "criterion_id"))
    criteria = StandardCriterion.objects.in_bulk({row["criterion"] for row in per_criterion})
    return [(row, CriterionRate(criteria[row["criterion"]], row["n"], row["met"]))
            for row in per_criterion]


def audit_scores_by(dimension: Dimension | str, start: date, end: date,
                    standard: ServiceStandard | None = None,
                    compare_with: tuple[date, date] | None = None) -> list[ScoreRow]:
    """Audits, mean score and per-criterion met rate per location, team or agent, for audits
    on local dates ``start``..``end``; lowest mean score first. Audits that name no
    location, team or agent of that dimension are left out. ``compare_with`` (start, end)
    fills each row's ``previous`` mean score."""
    dimension = Dimension(dimension)
    column = f"{dimension.value}_id"
    scored = (_audits(start, end, standard).filter(**{f"{column}__isnull": False})
              .values(column).annotate(**_SCORE_SUMS, mean=Avg("score_percent"))
              .order_by("mean", column))
    rows = {agg[column]: ScoreRow(key=agg[column], label="", audits=agg["n"],
                                  score=_mean_score(agg["n"], agg["total"], agg["total_sq"]))
            for agg in scored}
    if not rows:
        return []
    for key, label in _labels(dimension, list(rows)).items():
        rows[key].label = label
    checks = _checks(start, end, standard).filter(**{f"audit__{column}__isnull": False})
    for agg, rate in _with_rates(checks.annotate(group=F(f"audit__{column}")), "group"):
        rows[agg["group"]].criteria.append(rate)
    if compare_with is not None:
        earlier = (_audits(*compare_with, standard).filter(**{f"{column}__in": list(rows)})
                   .values(column).annotate(**_SCORE_SUMS).order_by())
        for agg in earlier:
            rows[agg[column]].previous = _mean_score(agg["n"], agg["total"], agg["total_sq"])
    return list(rows.values())


def criteria_missed(start: date, end: date, standard: ServiceStandard | None = None
                    ) -> list[CriterionRate]:
    """Every criterion answered in the period, the most often missed first."""
    return [rate for _row, rate in _with_rates(_checks(start, end, standard))]


def audit_counts_by_kind(start: date, end: date, standard: ServiceStandard | None = None
                         ) -> dict[str, int]:
    """Number of audits of each kind (visit, call, e-mail) in the period."""
    counts = dict(_audits(start, end, standard).values_list("kind").annotate(n=Count("id"))
                  .order_by())
    return {kind: counts.get(kind, 0) for kind in AuditKind.values}


def audits_recent(start: date, end: date, standard: ServiceStandard | None = None,
                  limit: int = 12) -> QuerySet[Audit]:
    return (_audits(start, end, standard)
            .select_related("location", "team", "agent__user", "auditor")
            .order_by("-audited_at")[:limit])


def audit_with_checks(pk: int) -> Audit:
    """One audit with everything its page shows (raises ``Audit.DoesNotExist``)."""
    return (Audit.objects.select_related("standard", "auditor", "location", "team",
                                         "agent__user")
            .annotate(check_count=Count("checks"),
                      met_count=Count("checks", filter=Q(checks__met=True)))
            .prefetch_related("checks__criterion").get(pk=pk))

