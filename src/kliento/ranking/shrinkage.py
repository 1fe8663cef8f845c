"""Empirical-Bayes shrinkage: each person's score pulled towards the group's by as much as
their sample is small.

Both estimators fit the prior to the group itself by the method of moments (Efron & Morris
1975; Casella 1985, "An introduction to empirical Bayes data analysis"):

* rates (CSAT, promise-kept, upsell acceptance …) — beta-binomial. Observed rates
  ``p_i = k_i / n_i`` vary by chance (binomial) and by real differences (the prior). The
  prior mean is the mean of the rates, ``m``; their sample variance ``s²`` (n − 1) minus the
  mean binomial variance ``m(1 − m) · mean(1 / n_i)`` estimates the prior's variance ``v``,
  and the beta prior with that mean and variance has ``α + β = κ = m(1 − m) / v − 1``. The
  posterior is ``Beta(α + k_i, β + n_i − k_i)``, its mean ``(k_i + α) / (n_i + κ)``.
* means (NPS per response, handle time, audit score …) — normal–normal. Each mean ``x̄_i``
  has sampling variance ``s_i² = σ_i² / n_i``; the prior ``N(μ, τ²)`` has ``μ`` the mean of
  the means and ``τ² = var(x̄) − mean(s_i²)``. The posterior is normal with mean
  ``μ + (1 − B_i)(x̄_i − μ)``, ``B_i = s_i² / (s_i² + τ²)``, and variance ``(1 − B_i) s_i²``.

When the scores vary no more than chance would make them (``v ≤ 0`` or ``τ² ≤ 0``) nobody is
told apart: every estimate is the group's (complete pooling), and the rank intervals that
follow say so.
"""

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

__all__ = ["Shrunk", "shrink_means", "shrink_rates", "shrunk_subset"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Shrunk:
    """Shrunken estimates of one metric for a group of people, in the input's units (a rate
    is a fraction 0..1; a mean keeps its scale).

    ``estimate``, ``low``, ``high`` — posterior mean and equal-tailed credible interval per
    person; ``own_weight`` — the share of each estimate that is the person's own data
    (``n / (n + κ)`` for rates, ``1 − B`` for means), 0..1; ``prior_mean`` — the group's
    value everyone is pulled towards; ``prior_strength`` — κ (rates, in responses) or τ
    (means, in the scale's units), ``inf`` / 0 under complete pooling. ``family`` and
    ``posterior`` (two arrays: α and β, or mean and standard deviation) let
    :func:`~kliento.ranking.ranks.rank_intervals` draw from the posterior.
    """

    estimate: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    own_weight: tuple[float, ...]
    prior_mean: float
    prior_strength: float
    family: str
    posterior: tuple[tuple[float, ...], tuple[float, ...]]
    confidence: float

    def draws(self, rng: np.random.Generator, simulations: int) -> FloatArray:
        """``simulations`` × people draws from each person's posterior."""
        first, second = (np.asarray(p, dtype=float) for p in self.posterior)
        size = (simulations, first.shape[0])
        if self.family == "beta":
            pooled = ~np.isfinite(first)
            a, b = np.where(pooled, 1.0, first), np.where(pooled, 1.0, second)
            sample = rng.beta(a, b, size=size)
            return np.where(pooled, self.prior_mean, sample)
        return rng.normal(first, second, size=size)


def _check_confidence(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    return float(confidence)


def _as_counts(values: Any, name: str) -> FloatArray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty list of numbers")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} holds a value that is not a finite number")
    return array


def shrink_rates(successes: Any, trials: Any, confidence: float = 0.95) -> Shrunk:
    """Beta-binomial shrinkage of ``successes[i] / trials[i]``, the prior fitted by the
    method of moments (see the module's docstring). Everyone needs at least one trial.

    Three people: 2 of 10, 8 of 10, 5 of 10. By hand: m = 0.5, s² = 0.09,
    binomial part 0.25 · 0.1 = 0.025, v = 0.065, κ = 0.25 / 0.065 − 1 = 2.846,
    α = β = 1.423; the first is pulled from 0.2 to (2 + 1.423) / 12.846 = 0.266.

    >>> r = shrink_rates([2, 8, 5], [10, 10, 10])
    >>> round(r.prior_strength, 3), [round(v, 3) for v in r.estimate]
    (2.846, [0.266, 0.734, 0.5])
    >>> [round(w, 3) for w in r.own_weight]
    [0.778, 0.778, 0.778]
    """
    c = _check_confidence(confidence)
    k, n = _as_counts(successes, "successes"), _as_counts(trials, "trials")
    if k.shape != n.shape:
        raise ValueError(f"successes ({k.shape[0]}) and trials ({n.shape[0]}) differ in length")
    if np.any(n < 1):
        raise ValueError(f"trials must be at least 1 each; person {int(np.argmin(n))} has "
                         f"{n.min():g}")
    if np.any((k < 0) | (k > n)):
        bad = int(np.argmax((k < 0) | (k > n)))
        raise ValueError(f"successes of person {bad} ({k[bad]:g}) lie outside 0..{n[bad]:g}")
    rates = k / n
    m = float(rates.mean())
    spread = float(rates.var(ddof=1)) if rates.shape[0] > 1 else 0.0
    v = spread - m * (1.0 - m) * float(np.mean(1.0 / n))
    if v <= 0.0 or m in (0.0, 1.0):
        # Complete pooling: the rates differ no more than chance would make them.
        size = rates.shape[0]
        pooled = tuple([m] * size)
        return Shrunk(pooled, pooled, pooled, tuple([0.0] * size), m, math.inf, "beta",
                      (tuple([math.inf] * size), tuple([math.inf] * size)), c)
    kappa = m * (1.0 - m) / v - 1.0
    alpha, beta = m * kappa, (1.0 - m) * kappa
    a, b = k + alpha, n - k + beta
    tail = (1.0 - c) / 2.0
    return Shrunk(
        estimate=tuple(float(x) for x in a / (a + b)),
        low=tuple(float(x) for x in stats.beta.ppf(tail, a, b)),
        high=tuple(float(x) for x in stats.beta.ppf(1.0 - tail, a, b)),
        own_weight=tuple(float(x) for x in n / (n + kappa)),
        prior_mean=m, prior_strength=float(kappa), family="beta",
        posterior=(tuple(float(x) for x in a), tuple(float(x) for x in b)), confidence=c,
    )


def shrink_means(means: Any, counts: Any, variances: Any, confidence: float = 0.95) -> Shrunk:
    """Normal–normal shrinkage of ``means[i]`` over ``counts[i]`` observations whose variance
    (of one observation) is ``variances[i]`` — a number for all, or one per person; pass the
    pooled within-person variance when samples are small, since three answers say little
    about their own spread.

    Three people with means 6, 8, 10 of 4 observations each, variance 4 (so s² = 1). By
    hand: μ = 8, var(x̄) = 4, τ² = 4 − 1 = 3, B = 1 / 4, so 6 → 8 − 0.75 · 2 = 6.5 with
    posterior variance 0.75 · 1 = 0.75.

    >>> r = shrink_means([6, 8, 10], [4, 4, 4], 4)
    >>> r.estimate, r.prior_mean, round(r.prior_strength ** 2, 6)
    ((6.5, 8.0, 9.5), 8.0, 3.0)
    >>> round(r.posterior[1][0] ** 2, 6)
    0.75
    """
    c = _check_confidence(confidence)
    x, n = _as_counts(means, "means"), _as_counts(counts, "counts")
    if x.shape != n.shape:
        raise ValueError(f"means ({x.shape[0]}) and counts ({n.shape[0]}) differ in length")
    if np.any(n < 1):
        raise ValueError(f"counts must be at least 1 each; person {int(np.argmin(n))} has "
                         f"{n.min():g}")
    variance = np.broadcast_to(np.asarray(variances, dtype=float), x.shape)
    if not np.all(np.isfinite(variance)) or np.any(variance < 0):
        raise ValueError("variances must be finite numbers ≥ 0")
    sampling = variance / n
    mu = float(x.mean())
    spread = float(x.var(ddof=1)) if x.shape[0] > 1 else 0.0
    tau_squared = max(0.0, spread - float(sampling.mean()))
    with np.errstate(divide="ignore", invalid="ignore"):
        own = np.where(sampling + tau_squared > 0, tau_squared / (sampling + tau_squared), 1.0)
    estimate = mu + own * (x - mu)
    sd = np.sqrt(own * sampling)
    z = float(stats.norm.ppf(1.0 - (1.0 - c) / 2.0))
    return Shrunk(
        estimate=tuple(float(v) for v in estimate),
        low=tuple(float(v) for v in estimate - z * sd),
        high=tuple(float(v) for v in estimate + z * sd),
        own_weight=tuple(float(v) for v in own),
        prior_mean=mu, prior_strength=math.sqrt(tau_squared), family="normal",
        posterior=(tuple(float(v) for v in estimate), tuple(float(v) for v in sd)),
        confidence=c,
    )


def shrunk_subset(shrunk: Shrunk, indices: list[int]) -> Shrunk:
    """The people at ``indices`` only, with the prior fitted to everyone: rank those with
    enough answers, while the others still inform what "the group" is.

    >>> r = shrink_means([6, 8, 10], [4, 4, 4], 4)
    >>> shrunk_subset(r, [2, 0]).estimate
    (9.5, 6.5)
    """
    def pick(values: tuple) -> tuple:
        return tuple(values[i] for i in indices)

    return Shrunk(pick(shrunk.estimate), pick(shrunk.low), pick(shrunk.high),
                  pick(shrunk.own_weight), shrunk.prior_mean, shrunk.prior_strength,
                  shrunk.family, (pick(shrunk.posterior[0]), pick(shrunk.posterior[1])),
                  shrunk.confidence)
