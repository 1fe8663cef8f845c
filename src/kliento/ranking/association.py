"""Do two measures move together across groups? Pearson's correlation with a Fisher-z
interval, and the same with one measure lagged.

Used for employee loyalty (a team's eNPS) against customer loyalty (the same team's NPS)
across teams and quarters: ``r`` with its interval ``tanh(atanh(r) ± z / √(n − 3))``
(Fisher 1921). Pairs with a missing side are left out.
"""

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

__all__ = ["Correlation", "correlation"]


@dataclass(frozen=True, slots=True)
class Correlation:
    """Pearson's ``r`` (−1..1) over ``n`` pairs, with its ``confidence`` interval
    (``low``/``high``; ``None`` under 4 pairs, where Fisher's z has no spread to estimate)."""

    r: float | None
    low: float | None
    high: float | None
    n: int
    confidence: float


def correlation(x: Any, y: Any, confidence: float = 0.95) -> Correlation:
    """Correlation of paired values ``x[i]``, ``y[i]`` (``None`` / NaN pairs dropped).

    >>> c = correlation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
    >>> round(c.r, 3), round(c.low, 3), round(c.high, 3), c.n
    (0.775, -0.34, 0.984, 5)
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    a = np.asarray([np.nan if v is None else v for v in x], dtype=float)
    b = np.asarray([np.nan if v is None else v for v in y], dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"x ({a.shape[0]}) and y ({b.shape[0]}) differ in length")
    kept = ~(np.isnan(a) | np.isnan(b))
    a, b = a[kept], b[kept]
    n = int(a.shape[0])
    if n < 3 or np.std(a) == 0 or np.std(b) == 0:
        return Correlation(None, None, None, n, confidence)
    r = float(np.corrcoef(a, b)[0, 1])
    if n < 4:
        return Correlation(r, None, None, n, confidence)
    z = math.atanh(max(-0.999999, min(0.999999, r)))
    margin = float(stats.norm.ppf(1 - (1 - confidence) / 2)) / math.sqrt(n - 3)
    return Correlation(r, math.tanh(z - margin), math.tanh(z + margin), n, confidence)
