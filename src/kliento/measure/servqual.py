"""SERVQUAL gaps: perception minus expectation, per factor and overall.

Parasuraman, Zeithaml & Berry (1988): service quality is the gap between what
customers perceive and what they expected, per factor. A negative gap means the
service falls short of expectations.

>>> g = servqual_gaps({f: [7, 8] for f in FACTORS}, {f: [8, 8] for f in FACTORS})
>>> g["reliability"].value, g.overall.value
(-0.5, -0.5)
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .factors import FACTORS, SCORE_MAX, SCORE_MIN, factor_matrix
from .intervals import t_interval
from .validation import check_confidence

__all__ = ["Gap", "ServqualGaps", "servqual_gaps"]

_GAP_MAX = SCORE_MAX - SCORE_MIN


@dataclass(frozen=True, slots=True)
class Gap:
    """One perception − expectation gap with its paired-t interval.

    Units: ``value``, ``low`` and ``high`` are points on the 1–10 scale, so a gap lies
    in −9..9 (negative = perception below expectation); ``n`` is a number of
    responses; ``confidence`` is a fraction.
    """

    value: float
    low: float
    high: float
    n: int
    confidence: float


@dataclass(frozen=True, slots=True)
class ServqualGaps(Mapping[str, Gap]):
    """Gaps for the five factors plus the overall gap.

    Behaves as a read-only mapping factor → :class:`Gap` over the five
    :data:`~kliento.measure.factors.FACTORS` (``gaps["reliability"]``, ``gaps.items()``),
    and each factor is also an attribute. ``overall`` is the unweighted mean of the five
    gaps, computed per response, with its own interval; it is not one of the mapping's
    keys.
    """

    tangibles: Gap
    reliability: Gap
    responsiveness: Gap
    assurance: Gap
    empathy: Gap
    overall: Gap

    def __getitem__(self, factor: str) -> Gap:
        if factor not in FACTORS:
            raise KeyError(factor)
        return getattr(self, factor)

    def __iter__(self) -> Iterator[str]:
        return iter(FACTORS)

    def __len__(self) -> int:
        return len(FACTORS)


def servqual_gaps(perception: Any, expectation: Any, confidence: float = 0.95) -> ServqualGaps:
    """SERVQUAL perception − expectation gaps per factor, with paired t intervals.

    ``perception`` and ``expectation`` take the same forms as the ``factors`` of
    :func:`~kliento.measure.service_grade.service_grade` (a mapping factor → per-response
    scores on 1–10, or an ``n × 5`` array) and are paired: response *i* of one is
    response *i* of the other. Each gap is the mean of the per-response differences
    with a paired Student-t interval, ``mean(d) ± t(n − 1) · s_d / √n``, clipped to
    −9..9; the ``overall`` gap does the same on each response's mean difference across
    the five factors. With one response the interval is the whole range −9..9.

    >>> p = {f: [8, 6, 7] for f in FACTORS}; e = {f: [9, 8, 7] for f in FACTORS}
    >>> gaps = servqual_gaps(p, e)
    >>> gaps["empathy"].value, gaps["empathy"].n
    (-1.0, 3)
    >>> sorted(gaps) == sorted(FACTORS)
    True
    """
    c = check_confidence(confidence)
    perceived = factor_matrix(perception, label="perception")
    expected = factor_matrix(expectation, label="expectation")
    if perceived.shape[0] != expected.shape[0]:
        raise ValueError(
            f"perception has {perceived.shape[0]} responses but expectation has "
            f"{expected.shape[0]}; they must be paired per response"
        )
    diff = perceived - expected
    n = int(diff.shape[0])
    gaps = {
        name: Gap(*t_interval(diff[:, j], c, -_GAP_MAX, _GAP_MAX), n=n, confidence=c)
        for j, name in enumerate(FACTORS)
    }
    overall = Gap(*t_interval(diff.mean(axis=1), c, -_GAP_MAX, _GAP_MAX), n=n, confidence=c)
    return ServqualGaps(**gaps, overall=overall)
