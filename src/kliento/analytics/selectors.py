"""Reads behind the dashboard: the KPI cards for a period, the previous period and each week,
finished weeks read from the rollups, the rest computed live."""

from dataclasses import dataclass, field
from datetime import date

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import (
    Breakdown,
    Estimate,
    KpiStats,
    MetricsQuery,
    MetricsRow,
    row_from_stats,
)
from kliento.analytics.rollups import rows_and_total_with_rollups
from kliento.measure.comparison import nps_change_significant, share_change_significant
from kliento.organisation.periods import Period

# Card key -> how to read it from a metrics row.
DASHBOARD_KPIS = (
    "nps", "csat", "ces", "kv", "service_grade", "promise_kept", "sla_attainment",
    "first_contact_resolution", "broken_promise_share", "first_response", "resolution",
)


@dataclass
class Kpi:
    key: str
    current: Estimate | None
    previous: Estimate | None
    weekly: dict[date, Estimate] = field(default_factory=dict)
    # Whether kliento.measure.compare finds the change real (None: no test for this KPI).
    significant: bool | None = None

    @property
    def change(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current.value - self.previous.value


def _estimate(row: MetricsRow | None, key: str) -> Estimate | None:
    if row is None:
        return None
    if key in ("first_response", "resolution"):
        median = getattr(row, f"{key}_p50")
        return None if median is None else Estimate(median, median, median, row.interactions)
    return getattr(row, key)


@dataclass(frozen=True)
class Focus:
    """Only one group of one breakdown: a channel, a team, a location, a language …"""

    breakdown: Breakdown
    group: str

    @classmethod
    def parse(cls, raw: str | None) -> "Focus | None":
        if not raw or ":" not in raw:
            return None
        breakdown, group = raw.split(":", 1)
        if breakdown not in Breakdown.__members__.values() or breakdown == Breakdown.NONE:
            return None
        return cls(Breakdown(breakdown), group)

    def __str__(self) -> str:
        return f"{self.breakdown}:{self.group}"


# Shares as (successes, trials) of the stats: tested like CSAT, two proportions.
SHARES = {
    "csat": ("csat_satisfied", "csat_n"),
    "sla_attainment": ("within_target", "answered"),
    "promise_kept": ("promises_kept", "promises_due"),
    "first_contact_resolution": ("first_contact_resolved", "resolved"),
    "broken_promise_share": ("complaints_after_broken_promise", "complaints"),
}


def change_is_significant(key: str, previous: KpiStats | None,
                          current: KpiStats | None) -> bool | None:
    """Whether the change from ``previous`` to ``current`` is more than chance, by the test
    :func:`kliento.measure.compare` makes on the scores the counts stand for, computed from
    the counts; ``None`` when there is no test for the KPI here (means and medians: their
    rollups keep no samples)."""
    if previous is None or current is None:
        return None
    if key == "nps":
        a, b = ((s.promoters, s.passives, s.detractors) for s in (previous, current))
        return bool(sum(a) and sum(b)) and nps_change_significant(a, b)
    if key in SHARES:
        successes, trials = SHARES[key]
        a, b = ((getattr(s, successes), getattr(s, trials)) for s in (previous, current))
        return bool(a[1] and b[1]) and share_change_significant(a, b)
    return None


def _weekly_and_total(period: Period, focus: Focus | None
                      ) -> tuple[list[MetricsRow], MetricsRow | None, KpiStats | None]:
    """Each week's row and the whole period's, from one pass: the period is the sum of its
    weeks (counts, sums and duration histograms add up; the stored weeks' sum is kept until
    the next fill). A focused view is the focused group's rows — a ``WHERE`` on the rollups
    and on the live scans alike."""
    rows, total = rows_and_total_with_rollups(MetricsQuery(
        period.first_monday, period.last_day, Grain.WEEK,
        focus.breakdown if focus else Breakdown.NONE, focus.group if focus else None))
    if total is None:
        return [], None, None
    return rows, row_from_stats(None, focus.group if focus else None, total), total


def dashboard_kpis(period: Period, focus: Focus | None = None
                   ) -> tuple[list[Kpi], dict[date, int]]:
    """The KPI cards, and the number of interactions per week."""
    weekly, current, current_stats = _weekly_and_total(period, focus)
    _weeks, previous, previous_stats = _weekly_and_total(period.previous(), focus)
    kpis = []
    for key in DASHBOARD_KPIS:
        series = {row.bucket: e for row in weekly if (e := _estimate(row, key)) is not None}
        kpis.append(Kpi(key, _estimate(current, key), _estimate(previous, key), series,
                        change_is_significant(key, previous_stats, current_stats)))
    return kpis, {row.bucket: row.interactions for row in weekly}
