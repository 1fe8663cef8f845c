"""The same scores computed from aggregates the database already summed.

Dashboards ask the database for counts and sums per bucket (week × channel, say) rather than
fetching millions of scores; these functions turn those sufficient statistics into the same
estimates and intervals as :mod:`kliento.measure.scores` gives for raw scores (whose ``nps``
and ``csat`` are built on the same count-based functions, re-exported here).
"""

import math
from dataclasses import dataclass

from .intervals import t_critical
from .scores import check_counts, csat_from_counts, nps_from_counts
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
    check_counts(n=n)
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
