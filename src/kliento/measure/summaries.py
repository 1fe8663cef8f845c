"""The same scores computed from aggregates the database already summed.

Dashboards ask the database for counts and sums per bucket (week × channel, say) rather than
fetching millions of scores; these functions turn those sufficient statistics into the same
estimates and intervals as :mod:`kliento.measure.scores` gives for raw scores.
"""

import math
from dataclasses import dataclass

from .intervals import agresti_coull, contain, nps_adjusted, t_critical, z_critical
from .scores import CsatResult, NpsResult
from .validation import check_confidence

__all__ = ["MeanResult", "csat_from_counts", "mean_from_moments", "nps_from_counts"]


@dataclass(frozen=True, slots=True)
class MeanResult:
    """A mean with a Student-t interval, in the units of the scores it summarises."""

    value: float
    low: float
    high: float
    n: int
    confidence: float


def _check_counts(**counts: int) -> None:
    for name, count in counts.items():
        if count is None or count < 0 or int(count) != count:
            raise ValueError(f"{name} must be a whole number of responses ≥ 0, got {count!r}")


def nps_from_counts(
    promoters: int, passives: int, detractors: int, confidence: float = 0.95
) -> NpsResult:
    """NPS with its adjusted-Wald interval (Rocks 2016) from the three group counts.

    >>> r = nps_from_counts(50, 30, 20)
    >>> r.value, round(r.low, 1), round(r.high, 1)
    (30.0, 14.1, 44.2)
    """
    c = check_confidence(confidence)
    _check_counts(promoters=promoters, passives=passives, detractors=detractors)
    n = promoters + passives + detractors
    if n == 0:
        raise ValueError("NPS needs at least one response; the counts are all zero")
    value = 100.0 * (promoters - detractors) / n
    centre, variance = nps_adjusted(promoters, detractors, n)
    margin = z_critical(c) * math.sqrt(variance)
    low, high = contain(
        100.0 * max(-1.0, centre - margin), 100.0 * min(1.0, centre + margin), value
    )
    return NpsResult(
        value=value,
        low=low,
        high=high,
        n=n,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        confidence=c,
    )


def csat_from_counts(
    satisfied: int, n: int, scale: int = 5, top_box: int = 2, confidence: float = 0.95
) -> CsatResult:
    """CSAT percentage with its adjusted-Wald (Agresti–Coull) interval from counts.

    >>> r = csat_from_counts(7, 10)
    >>> r.value, round(r.low, 1), round(r.high, 1)
    (70.0, 39.2, 89.7)
    """
    c = check_confidence(confidence)
    _check_counts(satisfied=satisfied, n=n)
    if n == 0:
        raise ValueError("CSAT needs at least one response; n is zero")
    if satisfied > n:
        raise ValueError(f"satisfied ({satisfied}) cannot exceed the number of responses ({n})")
    low, high = agresti_coull(satisfied, n, c)
    return CsatResult(
        value=100.0 * satisfied / n,
        low=100.0 * low,
        high=100.0 * high,
        n=n,
        satisfied=satisfied,
        scale=scale,
        top_box=top_box,
        confidence=c,
    )


def mean_from_moments(
    n: int,
    total: float,
    total_of_squares: float,
    lower: float,
    upper: float,
    confidence: float = 0.95,
) -> MeanResult:
    """Mean with a Student-t interval from n, Σx and Σx², clipped to ``[lower, upper]``.

    With one value there is no spread to estimate and the interval is the whole range.

    >>> r = mean_from_moments(4, 16.0, 66.0, 1, 7)
    >>> r.value, round(r.low, 3), round(r.high, 3)
    (4.0, 2.701, 5.299)
    """
    c = check_confidence(confidence)
    _check_counts(n=n)
    if n == 0:
        raise ValueError("a mean needs at least one value; n is zero")
    mean = total / n
    if not lower <= mean <= upper:
        raise ValueError(f"mean {mean} lies outside the scale {lower}..{upper}")
    if n < 2:
        return MeanResult(mean, float(lower), float(upper), n, c)
    # Guard against a tiny negative from floating-point cancellation.
    variance = max(0.0, (total_of_squares - n * mean * mean) / (n - 1))
    margin = t_critical(c, n - 1) * math.sqrt(variance / n)
    return MeanResult(mean, max(lower, mean - margin), min(upper, mean + margin), n, c)
