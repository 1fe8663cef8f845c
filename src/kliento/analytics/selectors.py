"""Reads behind the dashboard: the KPI cards for a period, the previous period and each week,
finished weeks read from the rollups, the rest computed live."""

from dataclasses import dataclass, field
from datetime import date

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import Estimate, MetricsQuery, MetricsRow
from kliento.analytics.periods import Period
from kliento.analytics.rollups import run_metrics_with_rollups

# Card key -> how to read it from a metrics row.
DASHBOARD_KPIS = (
    "nps", "csat", "ces", "kv", "service_grade", "promise_kept", "sla_attainment",
    "first_contact_resolution", "first_response", "resolution",
)


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


def _estimate(row: MetricsRow | None, key: str) -> Estimate | None:
    if row is None:
        return None
    if key in ("first_response", "resolution"):
        median = getattr(row, f"{key}_p50")
        return None if median is None else Estimate(median, median, median, row.interactions)
    return getattr(row, key)


def _total(period: Period) -> MetricsRow | None:
    rows = run_metrics_with_rollups(MetricsQuery(period.first_monday, period.last_day, grain=None))
    return rows[0] if rows else None


def dashboard_kpis(period: Period) -> tuple[list[Kpi], dict[date, int]]:
    """The KPI cards, and the number of interactions per week."""
    current, previous = _total(period), _total(period.previous())
    weekly = run_metrics_with_rollups(
        MetricsQuery(period.first_monday, period.last_day, Grain.WEEK))
    kpis = []
    for key in DASHBOARD_KPIS:
        series = {row.bucket: e for row in weekly if (e := _estimate(row, key)) is not None}
        kpis.append(Kpi(key, _estimate(current, key), _estimate(previous, key), series))
    return kpis, {row.bucket: row.interactions for row in weekly}
