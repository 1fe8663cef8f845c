"""What drives the grade: relative weights (Johnson 2000) of the five service factors and of
the touchpoints in customers' likelihood to recommend, and the share of complaints that
follow a broken promise. The database sums the scores and their products; NumPy turns
those few numbers into weights."""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count, F, Q, QuerySet, Sum

from kliento.analytics.finished import split_at_fill
from kliento.analytics.metrics import Estimate, MetricsQuery
from kliento.analytics.rollups import run_metrics_with_rollups
from kliento.interactions.models import Touchpoint
from kliento.measure.drivers import (
    RelativeWeights,
    correlations_from_moments,
    relative_weights_from_correlations,
)
from kliento.measure.factors import FACTORS
from kliento.surveys.selectors import customer_responses

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


def _moments_of(queryset: QuerySet, columns: list[str]) -> tuple[int, np.ndarray, np.ndarray]:
    """``n``, ``Σx_i`` and ``Σx_i·x_j`` of the columns, summed by the database in one pass."""
    aggregates = {"n": Count("id")} | {f"s{i}": Sum(column) for i, column in enumerate(columns)}
    for i, a in enumerate(columns):
        for j in range(i, len(columns)):
            aggregates[f"c{i}_{j}"] = Sum(F(a) * F(columns[j]))
    found = queryset.aggregate(**aggregates)
    m = len(columns)
    sums = np.array([float(found[f"s{i}"] or 0) for i in range(m)])
    cross = np.zeros((m, m))
    for i in range(m):
        for j in range(i, m):
            cross[i, j] = cross[j, i] = float(found[f"c{i}_{j}"] or 0)
    return found["n"], sums, cross


def _weights(n: int, sums: np.ndarray, cross: np.ndarray) -> RelativeWeights | None:
    """Johnson's weights from the moments; None when the answers cannot support them (a
    factor everyone scored alike, collinear factors, no relation to the score)."""
    try:
        return relative_weights_from_correlations(correlations_from_moments(n, sums, cross), n)
    except ValueError:
        return None


def _factor_moments(start: date, end: date) -> tuple[int, np.ndarray, np.ndarray]:
    answered = customer_responses().filter(
        responded_on__range=(start, end), nps__isnull=False,
        **{f"{factor}__isnull": False for factor in FACTORS})
    return _moments_of(answered, [*FACTORS, "nps"])


def _moments_added(a: tuple, b: tuple) -> tuple[int, np.ndarray, np.ndarray]:
    # Sums of whole scores: exact in floating point, whichever way they are split.
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def factor_drivers(start: date, end: date) -> DriverAnalysis | None:
    """Relative weight of each factor score in the 0–10 recommend score, from sums and sums
    of products the database computes (the answers never leave it); those of the weeks the
    rollups hold are kept until the next fill (:mod:`kliento.analytics.finished`)."""
    n, sums, cross = split_at_fill("factor_moments", start, end, _factor_moments,
                                   _moments_added)
    if n < MIN_RESPONSES:
        return None
    result = _weights(n, sums, cross)
    if result is None:
        return None
    drivers = [Driver(factor, factor, float(share), float(sums[i] / n), n)
               for i, (factor, share) in enumerate(zip(FACTORS, result.rescaled, strict=True))]
    return DriverAnalysis(sorted(drivers, key=lambda d: -d.share), float(result.r_squared), n)


def touchpoint_drivers(start: date, end: date) -> DriverAnalysis | None:
    """Relative weight of having met each touchpoint in the recommend score; the busiest
    touchpoint is the reference every other is compared with. One yes/no column per other
    touchpoint: the columns never overlap, so their moments come from one count, sum and sum
    of squares per touchpoint (a GROUP BY), not from the answers themselves; those of the
    weeks the rollups hold are kept until the next fill."""
    groups = split_at_fill("touchpoint_moments", start, end, _touchpoint_moments,
                           _touchpoint_moments_added)
    n = sum(group["n"] for group in groups)
    if n < MIN_RESPONSES or len(groups) < 3:
        return None
    reference = max(groups, key=lambda group: group["n"])  # the first busiest, as np.argmax
    others = [group for group in groups if group is not reference]
    k = len(others)
    sums = np.array([float(g["n"]) for g in others] + [float(sum(g["total"] for g in groups))])
    cross = np.zeros((k + 1, k + 1))
    for i, group in enumerate(others):
        cross[i, i] = group["n"]  # d·d = d; two touchpoints never meet in one answer
        cross[i, k] = cross[k, i] = float(group["total"])
    cross[k, k] = float(sum(g["squares"] for g in groups))
    result = _weights(n, sums, cross)
    if result is None:
        return None
    names = _touchpoint_names()
    drivers = [Driver(str(group["touchpoint_id"]), names.get(group["touchpoint_id"], "?"),
                      float(share), float(group["total"]) / group["n"], group["n"])
               for group, share in zip(others, result.rescaled, strict=True)]
    return DriverAnalysis(sorted(drivers, key=lambda d: -d.share), float(result.r_squared), n)


def _touchpoint_moments(start: date, end: date) -> list[dict]:
    return list(customer_responses().filter(
        responded_on__range=(start, end), nps__isnull=False, touchpoint__isnull=False,
    ).values("touchpoint_id").annotate(n=Count("id"), total=Sum("nps"),
                                       squares=Sum(F("nps") * F("nps")))
        .order_by("touchpoint_id"))


def _touchpoint_moments_added(a: list[dict], b: list[dict]) -> list[dict]:
    added = {group["touchpoint_id"]: dict(group) for group in a}
    for group in b:
        mine = added.setdefault(group["touchpoint_id"], {"touchpoint_id": group["touchpoint_id"],
                                                         "n": 0, "total": 0, "squares": 0})
        for name in ("n", "total", "squares"):
            mine[name] += group[name]
    return [added[key] for key in sorted(added)]


def _touchpoint_names() -> dict[int, str]:
    return dict(Touchpoint.objects.values_list("pk", "name"))


def broken_promise_share(start: date, end: date) -> Estimate | None:
    """The period's broken-promise share — the one definition of the KPI rows
    (:data:`kliento.analytics.metrics.FACTS`), finished weeks from the rollups."""
    rows = run_metrics_with_rollups(MetricsQuery(start, end, None))
    return rows[0].broken_promise_share if rows else None


def _count(condition: Q | None = None) -> Count:
    return Count("id", filter=condition)
