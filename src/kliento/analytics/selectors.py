"""Reads behind the dashboard: the KPI cards for a period, the previous period and each week,
finished weeks read from the rollups, the rest computed live."""

from dataclasses import dataclass, field
from datetime import date

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import Breakdown, Estimate, MetricsQuery, MetricsRow
from kliento.analytics.rollups import run_metrics_with_rollups
from kliento.organisation.periods import Period

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


def _rows(period: Period, grain: Grain | None, focus: Focus | None) -> list[MetricsRow]:
    """A focused view is the focused group's rows of that breakdown — which the rollups
    already hold; the focus is a ``WHERE`` on the rollups and on the live scans alike."""
    return run_metrics_with_rollups(MetricsQuery(
        period.first_monday, period.last_day, grain,
        focus.breakdown if focus else Breakdown.NONE, focus.group if focus else None))


def _total(period: Period, focus: Focus | None) -> MetricsRow | None:
    rows = _rows(period, None, focus)
    return rows[0] if rows else None


def dashboard_kpis(period: Period, focus: Focus | None = None
                   ) -> tuple[list[Kpi], dict[date, int]]:
    """The KPI cards, and the number of interactions per week."""
    current, previous = _total(period, focus), _total(period.previous(), focus)
    weekly = _rows(period, Grain.WEEK, focus)
    kpis = []
    for key in DASHBOARD_KPIS:
        series = {row.bucket: e for row in weekly if (e := _estimate(row, key)) is not None}
        kpis.append(Kpi(key, _estimate(current, key), _estimate(previous, key), series))
    return kpis, {row.bucket: row.interactions for row in weekly}
