"""What drives the grade: relative weights (Johnson 2000) of the five service factors and of
the touchpoints in customers' likelihood to recommend, and the share of complaints that
follow a broken promise. The database filters and counts; NumPy gets the score columns."""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count, Q

from kliento.analytics.metrics import Estimate, MetricsQuery
from kliento.analytics.rollups import run_metrics_with_rollups
from kliento.interactions.models import Touchpoint
from kliento.measure import relative_weights
from kliento.measure.factors import FACTORS
from kliento.surveys.models import SurveyResponse

MIN_RESPONSES = 30


@dataclass(frozen=True)
class Driver:
    key: str
    label: str
    share: float  # percent of the explained variance (rescaled weights sum to 100)
    mean: float
    n: int


@dataclass(frozen=True)
class DriverAnalysis:
    drivers: list[Driver]
    r_squared: float
    n: int


def factor_drivers(start: date, end: date) -> DriverAnalysis | None:
    """Relative weight of each factor score in the 0–10 recommend score."""
    rows = np.array(
        SurveyResponse.objects.filter(
            responded_on__range=(start, end), nps__isnull=False,
            **{f"{factor}__isnull": False for factor in FACTORS},
        ).values_list(*FACTORS, "nps"),
        dtype=float,
    ).reshape(-1, len(FACTORS) + 1)
    if len(rows) < MIN_RESPONSES:
        return None
    result = relative_weights(rows[:, :-1], rows[:, -1])
    means = rows[:, :-1].mean(axis=0)
    drivers = [Driver(factor, factor, float(share), float(mean), len(rows))
               for factor, share, mean in zip(FACTORS, result.rescaled, means, strict=True)]
    return DriverAnalysis(sorted(drivers, key=lambda d: -d.share), float(result.r_squared),
                          len(rows))


def touchpoint_drivers(start: date, end: date) -> DriverAnalysis | None:
    """Relative weight of having met each touchpoint in the recommend score; the busiest
    touchpoint is the reference every other is compared with."""
    pairs = np.array(
        SurveyResponse.objects.filter(
            responded_on__range=(start, end), nps__isnull=False, touchpoint__isnull=False,
        ).values_list("touchpoint_id", "nps"),
        dtype=float,
    ).reshape(-1, 2)
    if len(pairs) < MIN_RESPONSES:
        return None
    ids, counts = np.unique(pairs[:, 0], return_counts=True)
    if len(ids) < 3:
        return None
    reference = ids[np.argmax(counts)]
    others = ids[ids != reference]
    design = (pairs[:, [0]] == others[None, :]).astype(float)
    result = relative_weights(design, pairs[:, 1])
    names = _touchpoint_names()
    drivers = []
    for touchpoint_id, share in zip(others, result.rescaled, strict=True):
        mask = pairs[:, 0] == touchpoint_id
        drivers.append(Driver(str(int(touchpoint_id)), names.get(int(touchpoint_id), "?"),
                              float(share), float(pairs[mask, 1].mean()), int(mask.sum())))
    return DriverAnalysis(sorted(drivers, key=lambda d: -d.share), float(result.r_squared),
                          len(pairs))


def _touchpoint_names() -> dict[int, str]:
    return dict(Touchpoint.objects.values_list("pk", "name"))


def broken_promise_share(start: date, end: date) -> Estimate | None:
    """The period's broken-promise share — the one definition of the KPI rows
    (:func:`kliento.analytics.metrics._complaint_stats`), finished weeks from the rollups."""
    rows = run_metrics_with_rollups(MetricsQuery(start, end, None))
    return rows[0].broken_promise_share if rows else None


def _count(condition: Q | None = None) -> Count:
    return Count("id", filter=condition)
