"""What a group of customers is worth: mean spend per customer with a Student-t interval, and
the ratio of two groups' means with an interval (the seeds' "fully connected customers are
worth about twice the highly satisfied")."""

import math
from dataclasses import dataclass

import numpy as np

from kliento.measure.intervals import t_critical, z_critical


@dataclass(frozen=True, slots=True)
class MeanSpend:
    """Mean spend per customer (currency units), its interval and the number of customers."""

    mean: float
    low: float
    high: float
    n: int


@dataclass(frozen=True, slots=True)
class SpendRatio:
    """``mean_a / mean_b`` with an interval; ``None`` bounds when a group is too small."""

    ratio: float
    low: float | None
    high: float | None


def mean_spend(spend, confidence: float = 0.95) -> MeanSpend:
    """Mean of ``spend`` (one number per customer, zero for a customer who bought nothing)
    with a Student-t interval, clipped at zero.

    >>> r = mean_spend([100.0, 200.0, 300.0])
    >>> r.mean, round(r.low, 2), round(r.high, 2), r.n
    (200.0, 0.0, 448.41, 3)
    """
    values = np.asarray(spend, dtype=float)
    if values.ndim != 1 or not len(values):
        raise ValueError("spend must be a non-empty list of amounts, one per customer")
    if (values < 0).any() or not np.isfinite(values).all():
        raise ValueError("spend must be finite amounts, none negative")
    n, mean = len(values), float(values.mean())
    if n < 2:
        return MeanSpend(mean, mean, mean, n)
    margin = t_critical(confidence, n - 1) * float(values.std(ddof=1)) / math.sqrt(n)
    return MeanSpend(mean, max(0.0, mean - margin), mean + margin, n)


def spend_ratio(spend_a, spend_b, confidence: float = 0.95) -> SpendRatio | None:
    """Ratio of mean spend of group a to group b, with a delta-method interval on the log
    scale: var(log r) ≈ s_a²/(n_a·m_a²) + s_b²/(n_b·m_b²) (large samples; each group needs two
    customers and a positive mean). ``None`` when group b's mean is zero.

    >>> r = spend_ratio([200.0, 220.0, 180.0, 200.0], [100.0, 110.0, 90.0, 100.0])
    >>> round(r.ratio, 3), round(r.low, 3), round(r.high, 3)
    (2.0, 1.786, 2.24)
    """
    a, b = np.asarray(spend_a, dtype=float), np.asarray(spend_b, dtype=float)
    if not len(a) or not len(b):
        raise ValueError("both groups need at least one customer")
    mean_a, mean_b = float(a.mean()), float(b.mean())
    if mean_b == 0:
        return None
    ratio = mean_a / mean_b
    if len(a) < 2 or len(b) < 2 or mean_a == 0:
        return SpendRatio(ratio, None, None)
    variance = (a.var(ddof=1) / (len(a) * mean_a ** 2) + b.var(ddof=1) / (len(b) * mean_b ** 2))
    margin = z_critical(confidence) * math.sqrt(float(variance))
    return SpendRatio(ratio, ratio * math.exp(-margin), ratio * math.exp(margin))


@dataclass(frozen=True, slots=True)
class MeanDifference:
    """``mean_a − mean_b`` with a Welch interval (``low``, ``high``)."""

    mean_a: float
    mean_b: float
    low: float
    high: float


def mean_difference(a: tuple[float, float, float], b: tuple[float, float, float],
                    confidence: float = 0.95) -> MeanDifference:
    """Welch interval for the difference of two means, each group given by its moments
    ``(n, Σx, Σx²)`` — what a database's COUNT, SUM and SUM of squares return — with the
    Welch–Satterthwaite degrees of freedom. Each group needs two values.

    >>> r = mean_difference((3, 6.0, 14.0), (3, 15.0, 77.0))
    >>> r.mean_a, r.mean_b, round(r.low, 3), round(r.high, 3)
    (2.0, 5.0, -5.267, -0.733)
    """
    (n_a, sum_a, squares_a), (n_b, sum_b, squares_b) = a, b
    if n_a < 2 or n_b < 2:
        raise ValueError("each group needs at least two values for a Welch interval")
    mean_a, mean_b = sum_a / n_a, sum_b / n_b
    var_a = max(0.0, (squares_a - n_a * mean_a ** 2) / (n_a - 1))
    var_b = max(0.0, (squares_b - n_b * mean_b ** 2) / (n_b - 1))
    se_a, se_b = var_a / n_a, var_b / n_b
    se = math.sqrt(se_a + se_b)
    if se == 0:
        return MeanDifference(mean_a, mean_b, mean_a - mean_b, mean_a - mean_b)
    df = (se_a + se_b) ** 2 / (se_a ** 2 / (n_a - 1) + se_b ** 2 / (n_b - 1))
    margin = t_critical(confidence, df) * se
    return MeanDifference(mean_a, mean_b, mean_a - mean_b - margin, mean_a - mean_b + margin)
