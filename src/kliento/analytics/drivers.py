"""What drives the grade: relative weights (Johnson 2000) of the five service factors and of
the touchpoints in customers' likelihood to recommend, plus the share of complaints that
follow a broken promise. The database filters and counts; NumPy gets the score columns."""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.db.models import Count, Exists, OuterRef, Q

from kliento.analytics.metrics import Estimate
from kliento.interactions.models import Interaction, Touchpoint
from kliento.measure import relative_weights
from kliento.measure.factors import FACTORS
from kliento.measure.summaries import csat_from_counts
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse

MIN_RESPONSES = 30
BROKEN_PROMISE_LOOKBACK = timedelta(days=14)


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


def broken_promise_complaint_share(start: date, end: date) -> Estimate | None:
    """Complaints whose customer had a promise broken or kept late, due in the 14 days
    before the complaint: the share of complaints that are broken promises."""
    earlier_broken = Promise.objects.filter(
        customer=OuterRef("customer"), status__in=["broken", "late"],
        due_at__lte=OuterRef("opened_at"),
        due_at__gte=OuterRef("opened_at") - BROKEN_PROMISE_LOOKBACK,
    )
    counts = Interaction.objects.filter(
        kind="complaint", opened_on__range=(start, end)
    ).annotate(after_broken=Exists(earlier_broken)).aggregate(
        n=_count(), broken=_count(Q(after_broken=True)))
    if not counts["n"]:
        return None
    r = csat_from_counts(counts["broken"], counts["n"])
    return Estimate(100.0 * counts["broken"] / counts["n"], r.low, r.high, counts["n"])


def _count(condition: Q | None = None) -> Count:
    return Count("id", filter=condition)
