"""Did the score really change? Differences between two periods or groups.

:func:`compare` estimates ``b − a`` (``a`` is the earlier period or the reference
group) with a confidence interval and a two-sided p-value, using for each metric the
method suited to it:

* ``"nps"`` — adjusted-Wald difference of two NPS with a z test (Rocks 2016;
  MeasuringU, "How to compare two Net Promoter Scores");
* ``"csat"`` — Agresti–Caffo interval for a difference of two proportions (Agresti &
  Caffo 2000) and the pooled two-proportion z test;
* ``"ces"`` and ``"kv"`` — Welch's unequal-variance t test (Welch 1947) on the ratings
  or the per-response ratios.

>>> compare([9, 10, 9, 6, 7] * 20, [9, 10, 9, 6, 7] * 20).p_value
1.0
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import intervals
from .scores import (
    CSAT_SCALE,
    CSAT_TOP_BOX,
    CesResult,
    CsatResult,
    KvResult,
    NpsResult,
    ces,
    ces_scores,
    csat,
    kv_index,
    kv_ratios,
    nps,
)
from .validation import check_confidence

__all__ = ["METRICS", "Comparison", "compare", "nps_change_significant", "share_change_significant"]

METRICS: tuple[str, ...] = ("nps", "csat", "ces", "kv")


@dataclass(frozen=True, slots=True)
class Comparison:
    """The change ``b − a`` in one metric, with interval and p-value.

    Units: ``difference``, ``low`` and ``high`` are in the metric's own units — NPS
    points (−200..200), CSAT percentage points (−100..100), CES scale points, or KV
    ratio units. ``a`` and ``b`` are the single-sample results
    (:class:`~kliento.measure.scores.NpsResult` etc.) of each side; ``p_value`` is a
    two-sided probability; ``significant`` is ``p_value < 1 − confidence``;
    ``confidence`` is a fraction.

    ``difference`` is always ``b.value − a.value``. For NPS and CSAT the interval comes
    from adjusted proportions, centred slightly towards 0; for very small samples it
    is widened to contain the observed difference. ``significant`` follows the
    p-value, whose test can disagree with the interval at the margin.
    """

    metric: str
    a: NpsResult | CsatResult | CesResult | KvResult
    b: NpsResult | CsatResult | CesResult | KvResult
    difference: float
    low: float
    high: float
    p_value: float
    significant: bool
    confidence: float


def _reusable(values: Any) -> Any:
    """Read a one-shot iterator into a list, since each side is read twice."""
    if (
        not hasattr(values, "__len__")
        and isinstance(values, Iterable)
        and not isinstance(values, str | bytes | Mapping)
    ):
        return list(values)
    return values


def _kv_pair(side: Any, which: str) -> tuple[Any, Any]:
    if isinstance(side, Mapping):
        missing = [k for k in ("experience", "expectation") if k not in side]
        if missing:
            raise ValueError(f"kv group {which} is missing {' and '.join(missing)}")
        return _reusable(side["experience"]), _reusable(side["expectation"])
    side = _reusable(side)
    if isinstance(side, str | bytes) or not hasattr(side, "__len__") or len(side) != 2:
        raise ValueError(
            f"for metric 'kv', group {which} must be a pair (experience, expectation) or a "
            "mapping with keys 'experience' and 'expectation'"
        )
    return _reusable(side[0]), _reusable(side[1])


def _need_two(result: CesResult | KvResult, which: str, metric: str) -> None:
    if result.n < 2:
        raise ValueError(
            f"group {which} has {result.n} response; comparing {metric} by Welch's t test "
            "needs at least 2 in each group"
        )


def compare(
    a: Any,
    b: Any,
    metric: str = "nps",
    *,
    confidence: float = 0.95,
    scale: int | None = None,
    top_box: int | None = None,
    tolerance: float | None = None,
) -> Comparison:
    """Difference ``b − a`` of one metric between two groups, with interval and p-value.

    ``a`` and ``b`` are the raw scores of each group, as the single-sample function of
    the metric takes them (:func:`~kliento.measure.scores.nps`,
    :func:`~kliento.measure.scores.csat`, :func:`~kliento.measure.scores.ces`); for
    ``metric="kv"`` each is a pair ``(experience, expectation)`` or a mapping with those
    keys. ``scale`` (default 5 for CSAT, 7 for CES) applies to CSAT and CES,
    ``top_box`` (default 2) to CSAT and ``tolerance`` (default 0) to KV, as in their
    functions; giving one to a metric it does not apply to is an error.

    * NPS: each NPS is adjusted (¾ promoter, ¾ detractor, n + 3) with variance
      ``(p_pro + p_det − (p_pro − p_det)²) / n_adj``; ``se = √(var_a + var_b)``,
      interval ``Δ_adj ± z · se`` and ``p = 2 · (1 − Φ(|Δ_adj| / se))``.
    * CSAT: Agresti–Caffo interval (one success and one failure added to each group);
      p-value from the pooled two-proportion z test.
    * CES, KV: Welch's t test and interval (as :func:`scipy.stats.ttest_ind` with
      ``equal_var=False``); needs at least two responses per group.

    >>> before = [10] * 40 + [8] * 30 + [4] * 30
    >>> after = [10] * 60 + [8] * 25 + [4] * 15
    >>> c = compare(before, after, "nps")
    >>> c.difference, c.significant
    (35.0, True)
    >>> round(c.low, 1), round(c.high, 1), round(c.p_value, 4)
    (12.5, 55.5, 0.0019)
    """
    c = check_confidence(confidence)
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    if scale is not None and metric not in ("csat", "ces"):
        raise ValueError(f"scale applies only to metrics 'csat' and 'ces', not {metric!r}")
    if top_box is not None and metric != "csat":
        raise ValueError(f"top_box applies only to metric 'csat', not {metric!r}")
    if tolerance is not None and metric != "kv":
        raise ValueError(f"tolerance applies only to metric 'kv', not {metric!r}")

    if metric != "kv":
        a, b = _reusable(a), _reusable(b)
    if metric == "nps":
        ra, rb = nps(a, c), nps(b, c)
        low, high, p_value = intervals.nps_difference(
            (ra.promoters, ra.detractors, ra.n), (rb.promoters, rb.detractors, rb.n), c
        )
        low, high = max(-2.0, low) * 100.0, min(2.0, high) * 100.0
    elif metric == "csat":
        k = CSAT_SCALE if scale is None else scale
        top = CSAT_TOP_BOX if top_box is None else top_box
        ra = csat(a, scale=k, top_box=top, confidence=c)
        rb = csat(b, scale=k, top_box=top, confidence=c)
        low, high = intervals.agresti_caffo(ra.satisfied, ra.n, rb.satisfied, rb.n, c)
        low, high = low * 100.0, high * 100.0
        p_value = intervals.two_proportion_p(ra.satisfied, ra.n, rb.satisfied, rb.n)
    elif metric == "ces":
        k = 7 if scale is None else scale
        sample_a, sample_b = ces_scores(a, k), ces_scores(b, k)
        ra, rb = ces(sample_a, k, c), ces(sample_b, k, c)
        _need_two(ra, "a", metric)
        _need_two(rb, "b", metric)
        _, low, high, p_value = intervals.welch(sample_a, sample_b, c)
    else:
        tol = 0.0 if tolerance is None else tolerance
        exp_a, expt_a = _kv_pair(a, "a")
        exp_b, expt_b = _kv_pair(b, "b")
        ra = kv_index(exp_a, expt_a, confidence=c, tolerance=tol)
        rb = kv_index(exp_b, expt_b, confidence=c, tolerance=tol)
        _need_two(ra, "a", metric)
        _need_two(rb, "b", metric)
        _, low, high, p_value = intervals.welch(
            kv_ratios(exp_a, expt_a), kv_ratios(exp_b, expt_b), c
        )

    difference = rb.value - ra.value
    low, high = intervals.contain(low, high, difference)
    return Comparison(
        metric=metric,
        a=ra,
        b=rb,
        difference=float(difference),
        low=float(low),
        high=float(high),
        p_value=float(p_value),
        significant=bool(p_value < 1.0 - c),
        confidence=c,
    )


def nps_change_significant(
    a: tuple[int, int, int], b: tuple[int, int, int], confidence: float = 0.95
) -> bool:
    """Whether NPS changed from ``a`` to ``b``, each ``(promoters, passives, detractors)``:
    the test :func:`compare` makes with ``"nps"`` on scores of those counts, from the counts
    alone (a period of a million answers needs no million-item list).

    >>> nps_change_significant((40, 30, 30), (60, 25, 15))
    True
    >>> compare([10] * 40 + [8] * 30 + [0] * 30, [10] * 60 + [8] * 25 + [0] * 15).significant
    True
    """
    c = check_confidence(confidence)
    _, _, p_value = intervals.nps_difference((a[0], a[2], sum(a)), (b[0], b[2], sum(b)), c)
    return bool(p_value < 1.0 - c)


def share_change_significant(
    a: tuple[int, int], b: tuple[int, int], confidence: float = 0.95
) -> bool:
    """Whether a share changed from ``a`` to ``b``, each ``(successes, n)``: the pooled
    two-proportion z test :func:`compare` makes with ``"csat"`` on top-box scores, from the
    counts alone.

    >>> share_change_significant((60, 100), (75, 100))
    True
    """
    c = check_confidence(confidence)
    return bool(intervals.two_proportion_p(a[0], a[1], b[0], b[1]) < 1.0 - c)
