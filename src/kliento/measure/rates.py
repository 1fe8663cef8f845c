"""Did a count per unit of time change: the ratio of two Poisson rates with an exact interval.

Used for deflection — a topic's weekly contacts after its FAQ entry was published against
the weeks before. Conditional on the total ``n = a + b``, the count ``a`` of the first
period is binomial with ``p = λa·ta / (λa·ta + λb·tb)``; a Clopper–Pearson interval for
``p`` becomes an interval for the rate ratio ``λa / λb = p / (1 − p) · tb / ta`` (the
"exact conditional" method: Armitage, Berry & Matthews, *Statistical Methods in Medical
Research*, 4th ed., §5.3; Fay 2010, "Two-sided exact tests and matching confidence
intervals for discrete data", *The R Journal* 2(1), as R's ``poisson.test`` does).

>>> r = rate_ratio(20, 4, 40, 4)  # 5 a week after, 10 a week before
>>> round(r.ratio, 3), round(r.low, 3), round(r.high, 3)
(0.5, 0.277, 0.876)
"""

import math
from dataclasses import dataclass

from scipy import special

from .validation import check_confidence, check_integer, fmt, is_single_number

__all__ = ["RateRatio", "rate_ratio"]


@dataclass(frozen=True)
class RateRatio:
    """``ratio`` = rate a / rate b (per the unit the exposures are in), with its interval
    ``low``…``high`` (``high`` is ``inf`` when period b counted nothing); ``rate_a`` and
    ``rate_b`` are the counts per unit of exposure."""

    ratio: float
    low: float
    high: float
    rate_a: float
    rate_b: float
    count_a: int
    count_b: int
    exposure_a: float
    exposure_b: float
    confidence: float

    @property
    def reduction(self) -> float:
        """1 − ratio: the share of the earlier rate that went away (negative: it grew)."""
        return 1.0 - self.ratio


def _positive(name: str, value) -> float:
    if not is_single_number(value) or not math.isfinite(float(value)) or float(value) <= 0:
        shown = fmt(float(value)) if is_single_number(value) else repr(value)
        raise ValueError(f"{name} must be a positive number, got {shown}")
    return float(value)


def rate_ratio(count_a: int, exposure_a: float, count_b: int, exposure_b: float,
               confidence: float = 0.95) -> RateRatio:
    """The rate ratio (a over b) of two Poisson counts over their exposures (e.g. weeks).

    Raises :class:`ValueError` naming the argument that is not a count, not a positive
    exposure, or when neither period counted anything (no ratio can be estimated).

    >>> rate_ratio(0, 2, 6, 3).high > 0, rate_ratio(0, 2, 6, 3).ratio
    (True, 0.0)
    >>> rate_ratio(0, 1, 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: count_a and count_b are both 0: no rate ratio can be estimated
    """
    count_a = check_integer("count_a", count_a, 0)
    count_b = check_integer("count_b", count_b, 0)
    exposure_a = _positive("exposure_a", exposure_a)
    exposure_b = _positive("exposure_b", exposure_b)
    confidence = check_confidence(confidence)
    total = count_a + count_b
    if total == 0:
        raise ValueError("count_a and count_b are both 0: no rate ratio can be estimated")
    alpha = 1.0 - confidence
    # Clopper–Pearson bounds for p = count_a / total, from the beta quantiles.
    p_low = 0.0 if count_a == 0 else float(special.betaincinv(count_a, total - count_a + 1,
                                                              alpha / 2))
    p_high = 1.0 if count_b == 0 else float(special.betaincinv(count_a + 1, count_b,
                                                               1 - alpha / 2))
    scale = exposure_b / exposure_a

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1.0 else p / (1.0 - p) * scale

    rate_a, rate_b = count_a / exposure_a, count_b / exposure_b
    return RateRatio(
        ratio=math.inf if count_b == 0 else rate_a / rate_b,
        low=to_ratio(p_low), high=to_ratio(p_high), rate_a=rate_a, rate_b=rate_b,
        count_a=count_a, count_b=count_b, exposure_a=exposure_a, exposure_b=exposure_b,
        confidence=confidence)
