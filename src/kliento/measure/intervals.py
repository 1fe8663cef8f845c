"""Interval and test maths shared by the measures.

All functions work on plain numbers and numpy arrays and return Python floats. They
assume their inputs were already checked (see :mod:`kliento.measure.validation`).

Methods and sources:

* Student's *t* interval for a mean: ``mean ± t(1 − α/2, n − 1) · s / √n``.
* Adjusted-Wald (Agresti–Coull) interval for one proportion: add ``z²/2`` successes and
  ``z²/2`` failures, then a Wald interval (Agresti & Coull 1998, "Approximate is better
  than 'exact' for interval estimation of binomial proportions", *The American
  Statistician* 52(2)).
* Adjusted-Wald interval for the Net Promoter Score: add ¾ to promoters, ¾ to
  detractors and 3 to *n*; the NPS as a difference of two multinomial proportions has
  variance ``(p_pro + p_det − (p_pro − p_det)²) / n_adj`` (Rocks 2016, "Interval
  estimation for the 'net promoter score'", *The American Statistician* 70(4); Sauro,
  MeasuringU, "Confidence interval for NPS" and "How to compare two Net Promoter
  Scores").
* Agresti–Caffo interval for a difference of two proportions: add one success and one
  failure to each group (Agresti & Caffo 2000, *The American Statistician* 54(4)),
  with the classic pooled two-proportion *z* test for the p-value.
* Welch's unequal-variance *t* test and interval (Welch 1947, "The generalization
  of 'Student's' problem when several different population variances are involved",
  *Biometrika* 34), with the Welch–Satterthwaite degrees of freedom.

>>> round(z_critical(0.95), 6)
1.959964
"""

import math

import numpy as np

# The distribution functions themselves (scipy.special), not scipy.stats: the same values,
# and a third of the memory in every process that imports the core (an import, a web worker).
from scipy import special

from .validation import FloatArray

__all__ = [
    "agresti_caffo",
    "agresti_coull",
    "contain",
    "nps_adjusted",
    "nps_difference",
    "t_critical",
    "t_interval",
    "two_proportion_p",
    "welch",
    "z_critical",
]


def z_critical(confidence: float) -> float:
    """Two-sided standard-normal critical value, e.g. 1.96 for 0.95.

    >>> round(z_critical(0.90), 4)
    1.6449
    """
    return float(special.ndtri(0.5 + confidence / 2.0))


def t_critical(confidence: float, df: float) -> float:
    """Two-sided Student-t critical value with ``df`` degrees of freedom.

    >>> round(t_critical(0.95, 9), 4)
    2.2622
    """
    return float(special.stdtrit(df, 0.5 + confidence / 2.0))


def contain(low: float, high: float, value: float) -> tuple[float, float]:
    """Widen ``[low, high]`` just enough to contain ``value``.

    Adjusted intervals are centred on a slightly shrunken estimate; for very small
    samples that centre can move the interval off the observed value. Reporting an
    interval that excludes the point estimate would be confusing, so it is widened.

    >>> contain(0.1, 0.9, 1.0)
    (0.1, 1.0)
    """
    return min(low, value), max(high, value)


def t_interval(
    values: FloatArray, confidence: float, lower: float, upper: float
) -> tuple[float, float, float]:
    """Mean with a Student-t interval clipped to the possible range ``[lower, upper]``.

    With a single value there is no spread to estimate, so the interval is the whole
    possible range ``[lower, upper]``: one response tells us nothing about precision.
    With zero spread (every value equal) the interval collapses to the mean, which is
    what the t method gives.

    >>> t_interval(np.array([2.0, 4.0, 6.0]), 0.95, 1.0, 7.0)
    (4.0, 1.0, 7.0)
    >>> [round(x, 3) for x in t_interval(np.array([3.0, 4.0, 5.0, 4.0]), 0.95, 1.0, 7.0)]
    [4.0, 2.701, 5.299]
    """
    n = values.shape[0]
    mean = float(np.mean(values))
    if n < 2:
        return mean, float(lower), float(upper)
    margin = t_critical(confidence, n - 1) * float(np.std(values, ddof=1)) / math.sqrt(n)
    low = min(max(float(lower), mean - margin), mean)
    high = max(min(float(upper), mean + margin), mean)
    return mean, low, high


def agresti_coull(successes: int, n: int, confidence: float) -> tuple[float, float]:
    """Adjusted-Wald (Agresti–Coull) interval for a proportion, on 0..1.

    >>> [round(x, 4) for x in agresti_coull(8, 10, 0.95)]
    [0.4794, 0.9541]
    """
    z = z_critical(confidence)
    n_adj = n + z * z
    p_adj = (successes + z * z / 2.0) / n_adj
    margin = z * math.sqrt(p_adj * (1.0 - p_adj) / n_adj)
    low = max(0.0, p_adj - margin)
    high = min(1.0, p_adj + margin)
    return contain(low, high, successes / n)


def nps_adjusted(promoters: int, detractors: int, n: int) -> tuple[float, float]:
    """Adjusted NPS (on −1..1) and its variance, after Rocks (2016).

    ``n_adj = n + 3``, ``p_pro = (promoters + ¾) / n_adj``,
    ``p_det = (detractors + ¾) / n_adj``, NPS = ``p_pro − p_det`` and
    variance ``(p_pro + p_det − (p_pro − p_det)²) / n_adj``.

    >>> [round(x, 6) for x in nps_adjusted(50, 20, 100)]
    [0.291262, 0.005916]
    """
    n_adj = n + 3.0
    p_pro = (promoters + 0.75) / n_adj
    p_det = (detractors + 0.75) / n_adj
    centre = p_pro - p_det
    variance = (p_pro + p_det - centre * centre) / n_adj
    return centre, variance


def nps_difference(
    a: tuple[int, int, int], b: tuple[int, int, int], confidence: float
) -> tuple[float, float, float]:
    """Interval and p-value for ``NPS_b − NPS_a`` (adjusted-Wald, z test), on −2..2.

    ``a`` and ``b`` are ``(promoters, detractors, n)``. Each NPS is adjusted as in
    :func:`nps_adjusted`; the standard error of the difference is
    ``√(var_a + var_b)`` and ``z = (NPS_b − NPS_a) / se`` (MeasuringU's method for
    comparing two Net Promoter Scores). Returns ``(low, high, p_value)`` where the
    interval is centred on the adjusted difference.

    >>> [round(x, 4) for x in nps_difference((30, 30, 100), (50, 20, 100), 0.95)]
    [0.0791, 0.5034, 0.0071]
    """
    centre_a, var_a = nps_adjusted(*a)
    centre_b, var_b = nps_adjusted(*b)
    diff = centre_b - centre_a
    se = math.sqrt(var_a + var_b)
    margin = z_critical(confidence) * se
    p_value = float(2.0 * special.ndtr(-abs(diff) / se))
    return diff - margin, diff + margin, p_value


def agresti_caffo(
    successes_a: int, n_a: int, successes_b: int, n_b: int, confidence: float
) -> tuple[float, float]:
    """Agresti–Caffo interval for ``p_b − p_a`` on −1..1 (add 1 success, 1 failure each).

    >>> [round(x, 4) for x in agresti_caffo(60, 100, 75, 100, 0.95)]
    [0.0198, 0.2744]
    """
    pa = (successes_a + 1.0) / (n_a + 2.0)
    pb = (successes_b + 1.0) / (n_b + 2.0)
    se = math.sqrt(pa * (1.0 - pa) / (n_a + 2.0) + pb * (1.0 - pb) / (n_b + 2.0))
    diff = pb - pa
    margin = z_critical(confidence) * se
    return max(-1.0, diff - margin), min(1.0, diff + margin)


def two_proportion_p(successes_a: int, n_a: int, successes_b: int, n_b: int) -> float:
    """Two-sided p-value of the pooled two-proportion z test.

    When both groups are all successes or all failures there is no observable
    difference and the p-value is 1.

    >>> round(two_proportion_p(60, 100, 75, 100), 4)
    0.0235
    """
    pooled = (successes_a + successes_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b))
    if se == 0.0:
        return 1.0
    z = (successes_b / n_b - successes_a / n_a) / se
    return float(2.0 * special.ndtr(-abs(z)))


def welch(a: FloatArray, b: FloatArray, confidence: float) -> tuple[float, float, float, float]:
    """Welch's t test for ``mean(b) − mean(a)``: ``(difference, low, high, p_value)``.

    ``se = √(s_a²/n_a + s_b²/n_b)``, Welch–Satterthwaite degrees of freedom
    ``se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))``, interval
    ``Δ ± t(df) · se`` and ``p = 2 · P(T_df > |Δ| / se)`` — the same numbers as
    :func:`scipy.stats.ttest_ind` with ``equal_var=False``, computed directly so that a
    sample without spread raises no precision warning. Both samples need at least two
    values. If neither sample varies at all the standard error is zero: the difference
    is then known exactly, with p = 1 when it is zero and p = 0 otherwise (the limit of
    the test), and a zero-width interval.

    >>> a = np.array([3.0, 4, 5, 4, 3]); b = np.array([5.0, 6, 5, 7, 6])
    >>> [round(x, 4) for x in welch(a, b, 0.95)]
    [2.0, 0.7798, 3.2202, 0.0054]
    """
    n_a, n_b = a.shape[0], b.shape[0]
    diff = float(np.mean(b) - np.mean(a))
    var_a = float(np.var(a, ddof=1)) / n_a
    var_b = float(np.var(b, ddof=1)) / n_b
    se2 = var_a + var_b
    if se2 == 0.0:
        return diff, diff, diff, (1.0 if diff == 0.0 else 0.0)
    df = se2 * se2 / (var_a * var_a / (n_a - 1) + var_b * var_b / (n_b - 1))
    se = math.sqrt(se2)
    margin = t_critical(confidence, df) * se
    p_value = float(2.0 * special.stdtr(df, -abs(diff) / se))
    low, high = contain(diff - margin, diff + margin, diff)
    return diff, low, high, p_value
