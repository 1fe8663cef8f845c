"""Single-sample survey scores: NPS, CSAT, CES and the KV index.

Each function takes raw per-response scores and returns a frozen result with the
estimate (``value``), its confidence interval (``low``, ``high``; 95 % by default) and
the number of responses ``n``. Bad input raises :class:`ValueError`.

>>> nps([10, 9, 8, 3]).value
25.0
>>> csat([5, 4, 2, 1]).value
50.0
"""

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .intervals import agresti_coull, contain, nps_adjusted, t_interval, z_critical
from .validation import as_scores, check_confidence, check_integer, check_real, check_same_length

__all__ = [
    "CSAT_DISSATISFIED_UP_TO",
    "CSAT_SATISFIED_FROM",
    "CSAT_SCALE",
    "CSAT_TOP_BOX",
    "DETRACTOR_UP_TO",
    "KV_RANGE",
    "PROMOTER_FROM",
    "CesResult",
    "CsatResult",
    "KvResult",
    "NpsResult",
    "ces",
    "ces_scores",
    "csat",
    "csat_from_counts",
    "kv_index",
    "kv_ratios",
    "nps",
    "nps_from_counts",
]

# The one definition of each band, used by the database queries, the rollups, recovery,
# the webhooks and the demo alike.
PROMOTER_FROM = 9
"""Promoters rate 9–10 on the 0–10 recommend scale (Reichheld 2003)."""
DETRACTOR_UP_TO = 6
"""Detractors rate 0–6; the 7s and 8s between them and the promoters are passives."""
CSAT_SCALE = 5
"""CSAT is asked on a 1–5 scale."""
CSAT_TOP_BOX = 2
"""Satisfied is the top two points of the CSAT scale: 4–5 on 1–5."""
CSAT_SATISFIED_FROM = CSAT_SCALE - CSAT_TOP_BOX + 1
"""The lowest satisfied CSAT answer (4 on 1–5)."""
CSAT_DISSATISFIED_UP_TO = 2
"""The bottom two points of the CSAT scale (1–2): a dissatisfied customer."""

KV_RANGE = (0.1, 10.0)
"""Smallest and largest possible experience/expectation ratio on 1–10 scales."""

# Band edges are compared with this slack so that e.g. 11/10 counts as exactly 1.1.
_BAND_EPS = 1e-12


@dataclass(frozen=True, slots=True)
class NpsResult:
    """Net Promoter Score with its adjusted-Wald confidence interval.

    Units: ``value``, ``low`` and ``high`` are NPS points on −100..100 (percentage of
    promoters minus percentage of detractors); ``n``, ``promoters``, ``passives`` and
    ``detractors`` are numbers of responses; ``confidence`` is a fraction (0.95).
    """

    value: float
    low: float
    high: float
    n: int
    promoters: int
    passives: int
    detractors: int
    confidence: float


@dataclass(frozen=True, slots=True)
class CsatResult:
    """Customer-satisfaction score: share of responses in the top box.

    Units: ``value``, ``low`` and ``high`` are percentages on 0..100; ``n`` and
    ``satisfied`` (responses in the top ``top_box`` points of the ``scale``) are
    numbers of responses; ``confidence`` is a fraction.
    """

    value: float
    low: float
    high: float
    n: int
    satisfied: int
    scale: int
    top_box: int
    confidence: float


@dataclass(frozen=True, slots=True)
class CesResult:
    """Customer Effort Score: the mean effort rating.

    Units: ``value``, ``low`` and ``high`` are points on the 1..``scale`` rating
    scale; ``n`` is a number of responses; ``confidence`` is a fraction.
    """

    value: float
    low: float
    high: float
    n: int
    scale: int
    confidence: float


@dataclass(frozen=True, slots=True)
class KvResult:
    """KV index (customer evaluation): mean ratio of experience to expectation.

    Units: ``value``, ``low`` and ``high`` are ratios (1 = expectations met exactly,
    below 1 = disappointed, above 1 = delighted), on 0.1..10 for 1–10 scales.
    ``disappointed``, ``satisfied`` and ``delighted`` are fractions (0..1) of the
    responses in each band and sum to 1; the ``*_count`` fields are the same as numbers
    of responses. ``tolerance`` is the half-width of the satisfied band around 1 (a
    ratio); ``confidence`` is a fraction.
    """

    value: float
    low: float
    high: float
    n: int
    disappointed: float
    satisfied: float
    delighted: float
    disappointed_count: int
    satisfied_count: int
    delighted_count: int
    tolerance: float
    confidence: float


def nps(scores: Any, confidence: float = 0.95) -> NpsResult:
    """Net Promoter Score of 0–10 "would you recommend" ratings, with an interval.

    Promoters score 9–10, passives 7–8, detractors 0–6; NPS = % promoters − %
    detractors, on −100..100 (Reichheld 2003). Scores must be whole numbers 0–10.

    The interval is the adjusted-Wald interval of Rocks (2016, *The American
    Statistician* 70(4)) as popularised by MeasuringU ("Confidence interval for NPS"):
    add ¾ to the promoters, ¾ to the detractors and 3 to *n*, then
    ``NPS_adj ± z · √((p_pro + p_det − NPS_adj²) / (n + 3))``. It is clipped to
    −100..100 and, for tiny samples only (e.g. a single promoter), widened to contain
    the observed NPS, since the adjusted centre is shrunk slightly towards 0.

    >>> r = nps([10, 9, 9, 8, 7, 6, 3, 10, 10, 5])
    >>> r.value, r.promoters, r.passives, r.detractors, r.n
    (20.0, 5, 2, 3, 10)
    >>> round(r.low, 1), round(r.high, 1)
    (-30.3, 61.1)
    """
    c = check_confidence(confidence)
    s = as_scores(scores, label="NPS score", lower=0, upper=10, integer=True)
    promoters = int(np.count_nonzero(s >= PROMOTER_FROM))
    detractors = int(np.count_nonzero(s <= DETRACTOR_UP_TO))
    return nps_from_counts(promoters, int(s.shape[0]) - promoters - detractors, detractors, c)


def csat(scores: Any, scale: int = CSAT_SCALE, top_box: int = CSAT_TOP_BOX,
         confidence: float = 0.95) -> CsatResult:
    """CSAT: percentage of ratings in the top ``top_box`` points of a 1..``scale`` scale.

    With the defaults a response is satisfied when it scores 4 or 5 on 1–5. Scores
    must be whole numbers from 1 to ``scale``.

    The interval is the adjusted-Wald (Agresti–Coull 1998) interval for a proportion:
    add ``z²/2`` satisfied and ``z²/2`` unsatisfied responses, then a Wald interval,
    clipped to 0..100 percent.

    >>> r = csat([5, 4, 4, 3, 5, 2, 5, 4, 1, 5])
    >>> r.value, r.satisfied, r.n
    (70.0, 7, 10)
    >>> round(r.low, 1), round(r.high, 1)
    (39.2, 89.7)
    >>> csat([7, 6, 5, 1], scale=7, top_box=2).value
    50.0
    """
    c = check_confidence(confidence)
    k = check_integer("scale", scale, 2)
    top = check_integer("top_box", top_box, 1, k - 1)
    s = as_scores(scores, label="CSAT score", lower=1, upper=k, integer=True)
    satisfied = int(np.count_nonzero(s > k - top))
    return csat_from_counts(satisfied, int(s.shape[0]), k, top, c)


def check_counts(**counts: int) -> None:
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
    check_counts(promoters=promoters, passives=passives, detractors=detractors)
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
    satisfied: int, n: int, scale: int = CSAT_SCALE, top_box: int = CSAT_TOP_BOX,
    confidence: float = 0.95
) -> CsatResult:
    """CSAT percentage with its adjusted-Wald (Agresti–Coull) interval from counts.

    >>> r = csat_from_counts(7, 10)
    >>> r.value, round(r.low, 1), round(r.high, 1)
    (70.0, 39.2, 89.7)
    """
    c = check_confidence(confidence)
    check_counts(satisfied=satisfied, n=n)
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


def ces(scores: Any, scale: int = 7, confidence: float = 0.95) -> CesResult:
    """Customer Effort Score: mean of whole-number ratings on 1..``scale``.

    The effort question of Dixon, Freeman & Toman (2010, "Stop trying to delight your
    customers", *Harvard Business Review*), on the 1–7 scale of its later "CES 2.0"
    form by default. The mean is reported as is: which end means "easy" is the
    survey's wording, not this function's.

    The interval is a Student-t interval for the mean, ``mean ± t(n − 1) · s / √n``,
    clipped to 1..``scale``. With a single response there is no spread to estimate, so
    the interval is the whole scale (``low = 1``, ``high = scale``): one answer says
    nothing about precision. If every response is the same the t interval has zero
    width.

    >>> r = ces([5, 6, 7, 4, 6])
    >>> r.value, r.n
    (5.6, 5)
    >>> round(r.low, 2), round(r.high, 2)
    (4.18, 7.0)
    >>> ces([5]).low, ces([5]).high
    (1.0, 7.0)
    """
    c = check_confidence(confidence)
    k = check_integer("scale", scale, 2)
    s = ces_scores(scores, k)
    mean, low, high = t_interval(s, c, 1.0, float(k))
    return CesResult(value=mean, low=low, high=high, n=int(s.shape[0]), scale=k, confidence=c)


def ces_scores(scores: Any, scale: int = 7) -> np.ndarray:
    """Checked CES ratings as a float array: whole numbers from 1 to ``scale``.

    >>> ces_scores([1, 7]).tolist()
    [1.0, 7.0]
    """
    k = check_integer("scale", scale, 2)
    return as_scores(scores, label="CES score", lower=1, upper=k, integer=True)


def kv_ratios(experience: Any, expectation: Any) -> np.ndarray:
    """Per-response ratios experience / expectation, after checking both inputs.

    Both are sequences of ratings on 1–10 (real numbers allowed), paired per response.

    >>> kv_ratios([8, 5], [8, 10]).tolist()
    [1.0, 0.5]
    """
    exp = as_scores(experience, label="experience score", lower=1, upper=10)
    expt = as_scores(expectation, label="expectation score", lower=1, upper=10)
    check_same_length(exp, expt, "experience", "expectation")
    return exp / expt


def kv_index(
    experience: Any, expectation: Any, confidence: float = 0.95, tolerance: float = 0.0
) -> KvResult:
    """KV index: mean over responses of experience / expectation (1–10 each).

    KV = KP / KL: *kliento vertinimas* (the customer's evaluation) is *kliento
    patyrimas* (experience) over *kliento lūkesčiai* (expectations).
    Each response rates what it got (``experience``) and what it expected
    (``expectation``); the ratio is 1 when expectations were met exactly. A response is
    *disappointed* when its ratio is below ``1 − tolerance``, *delighted* when above
    ``1 + tolerance``, and *satisfied* otherwise (``tolerance=0``: only an exact 1).
    Band edges are compared with a 1e-12 slack against floating-point noise.

    The interval is a Student-t interval on the per-response ratios,
    ``mean ± t(n − 1) · s / √n``, clipped to the possible range 0.1..10; with a single
    response it is that whole range.

    >>> r = kv_index([8, 9, 6, 10], [8, 6, 8, 10])
    >>> r.value, r.n
    (1.0625, 4)
    >>> r.disappointed, r.satisfied, r.delighted
    (0.25, 0.5, 0.25)
    >>> r.disappointed_count, r.satisfied_count, r.delighted_count
    (1, 2, 1)
    """
    c = check_confidence(confidence)
    tol = check_real("tolerance", tolerance, 0.0, 1.0, include_maximum=False)
    ratios = kv_ratios(experience, expectation)
    n = int(ratios.shape[0])
    mean, low, high = t_interval(ratios, c, *KV_RANGE)
    disappointed = int(np.count_nonzero(ratios < 1.0 - tol - _BAND_EPS))
    delighted = int(np.count_nonzero(ratios > 1.0 + tol + _BAND_EPS))
    satisfied = n - disappointed - delighted
    return KvResult(
        value=mean,
        low=low,
        high=high,
        n=n,
        disappointed=disappointed / n,
        satisfied=satisfied / n,
        delighted=delighted / n,
        disappointed_count=disappointed,
        satisfied_count=satisfied,
        delighted_count=delighted,
        tolerance=tol,
        confidence=c,
    )
