"""The 10-point service grade: a weighted mean of the five SERVQUAL factor scores.

Reliability — keeping the promise — weighs more than half of the grade; the default
gives it 0.6 and the other four factors 0.1 each, as the seed states it: keeping the promise
alone can earn a 6 (the customer buys again), all the other factors together only a 4. The
verdict reads the grade as 10 = delight (from 9.5 up), 6 or more = the customer will buy
again, below 6 = failed.

>>> round(service_grade({"tangibles": 8, "reliability": 9, "responsiveness": 7,
...                      "assurance": 8, "empathy": 9}).value, 9)
8.6
>>> grade_verdict(0.6 * 10 + 0.1 * 4 * 1)  # promise kept, everything else at the minimum
'will_buy_again'
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from .factors import FACTORS, SCORE_MAX, SCORE_MIN, factor_matrix
from .intervals import t_interval
from .validation import FloatArray, check_confidence, fmt, is_single_number

__all__ = [
    "DEFAULT_WEIGHTS",
    "DELIGHT_FROM",
    "MIN_RELIABILITY_WEIGHT",
    "REBUY_FROM",
    "ServiceGrade",
    "grade_verdict",
    "service_grade",
]

DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "tangibles": 0.1,
        "reliability": 0.6,
        "responsiveness": 0.1,
        "assurance": 0.1,
        "empathy": 0.1,
    }
)
"""Default factor weights: reliability 0.6, each other factor 0.1 (read-only)."""

MIN_RELIABILITY_WEIGHT = 0.5  # custom weights must give reliability more than this
DELIGHT_FROM = 9.5
REBUY_FROM = 6.0
# Grades are weighted sums of floats; 6 must not become "failed" as 5.999999999999999.
_VERDICT_EPS = 1e-9
_WEIGHT_SUM_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class ServiceGrade:
    """Weighted 10-point service grade with a confidence interval and verdict.

    Units: ``value``, ``low`` and ``high`` are grade points on 1..10; ``n`` is a number
    of responses; ``verdict`` is ``"delight"``, ``"will_buy_again"`` or ``"failed"``
    (read from ``value``); ``factor_means`` maps each factor to its mean score on
    1..10; ``weights`` maps each factor to its weight (fractions summing to 1);
    ``confidence`` is a fraction. Treat the two dicts as read-only.
    """

    value: float
    low: float
    high: float
    n: int
    verdict: str
    factor_means: dict[str, float]
    weights: dict[str, float]
    confidence: float


def grade_verdict(grade: float) -> str:
    """Verdict for a 10-point grade: delight (≥ 9.5), will_buy_again (≥ 6), else failed.

    >>> grade_verdict(9.5), grade_verdict(6), grade_verdict(5.99)
    ('delight', 'will_buy_again', 'failed')
    """
    if grade >= DELIGHT_FROM - _VERDICT_EPS:
        return "delight"
    if grade >= REBUY_FROM - _VERDICT_EPS:
        return "will_buy_again"
    return "failed"


def _weight_vector(weights: Any) -> FloatArray:
    if weights is None:
        return np.array([DEFAULT_WEIGHTS[f] for f in FACTORS], dtype=np.float64)
    if isinstance(weights, Mapping):
        unknown = [repr(k) for k in weights if k not in FACTORS]
        missing = [f for f in FACTORS if f not in weights]
        if unknown:
            raise ValueError(
                f"weights have unknown keys {', '.join(unknown)}; expected {', '.join(FACTORS)}"
            )
        if missing:
            raise ValueError(f"weights are missing {', '.join(missing)}")
        values = [weights[f] for f in FACTORS]
    elif isinstance(weights, str | bytes) or not hasattr(weights, "__len__"):
        raise ValueError(
            f"weights must be a mapping factor → weight or 5 numbers, got {weights!r:.40}"
        )
    else:
        values = list(weights)
        if len(values) != len(FACTORS):
            raise ValueError(
                f"weights must have one number per factor ({len(FACTORS)}), got {len(values)}"
            )
    for name, w in zip(FACTORS, values, strict=True):
        if not is_single_number(w) or not np.isfinite(float(w)):
            raise ValueError(f"weight of {name} must be a finite number, got {w!r}")
        if float(w) < 0:
            raise ValueError(f"weight of {name} must not be negative, got {fmt(float(w))}")
    vector = np.array([float(w) for w in values], dtype=np.float64)
    total = float(vector.sum())
    if abs(total - 1.0) > _WEIGHT_SUM_TOLERANCE:
        raise ValueError(f"weights must sum to 1, they sum to {total:.12g}")
    reliability = float(vector[FACTORS.index("reliability")])
    if reliability <= MIN_RELIABILITY_WEIGHT + _WEIGHT_SUM_TOLERANCE:
        raise ValueError(
            f"reliability must weigh more than {MIN_RELIABILITY_WEIGHT} of the grade "
            f"(keeping the promise is most of service), got {fmt(reliability)}"
        )
    return vector


def service_grade(factors: Any, weights: Any = None, confidence: float = 0.95) -> ServiceGrade:
    """Weighted 10-point service grade of the five SERVQUAL factors, with an interval.

    ``factors`` maps ``tangibles``, ``reliability``, ``responsiveness``, ``assurance``
    and ``empathy`` each to a score on 1–10 or to a sequence of per-response scores
    (paired: element *i* of every sequence is response *i*); an ``n × 5`` array in
    :data:`FACTORS` order is accepted too. ``weights`` (default
    :data:`DEFAULT_WEIGHTS`) is a mapping factor → weight or five numbers in
    :data:`FACTORS` order; they must sum to 1 (within 1e-9) and give reliability more
    than 0.5.

    Each response's grade is ``Σ weight_f · score_f``; ``value`` is their mean with a
    Student-t interval (``mean ± t(n − 1) · s / √n``) clipped to 1..10. With one
    response, or single factor scores, the interval is the whole scale 1..10: a single
    grade says nothing about its precision. The verdict thresholds are compared with a
    1e-9 slack against floating-point noise.

    >>> g = service_grade({"tangibles": [8, 6], "reliability": [9, 5],
    ...                    "responsiveness": [7, 6], "assurance": [8, 7], "empathy": [9, 6]})
    >>> round(g.value, 9), g.n, g.verdict
    (7.05, 2, 'will_buy_again')
    >>> g.factor_means["reliability"]
    7.0
    """
    c = check_confidence(confidence)
    w = _weight_vector(weights)
    matrix = factor_matrix(factors)
    # A weighted mean of scores on 1..10 is on 1..10; 0.1-weights can round it just outside.
    per_response = np.clip(matrix @ w, SCORE_MIN, SCORE_MAX)
    mean, low, high = t_interval(per_response, c, SCORE_MIN, SCORE_MAX)
    means = matrix.mean(axis=0)
    return ServiceGrade(
        value=mean,
        low=low,
        high=high,
        n=int(matrix.shape[0]),
        verdict=grade_verdict(mean),
        factor_means={f: float(m) for f, m in zip(FACTORS, means, strict=True)},
        weights={f: float(x) for f, x in zip(FACTORS, w, strict=True)},
        confidence=c,
    )
