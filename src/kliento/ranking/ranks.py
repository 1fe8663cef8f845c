"""How sure is the order? Each person's rank with an interval, by simulation.

Draw every person's score from their posterior (:class:`~kliento.ranking.shrinkage.Shrunk`)
many times, rank each draw, and read each person's rank interval off the ranks they got
(Goldstein & Spiegelhalter 1996, "League tables and their limitations"). Ties within a draw
(complete pooling) are broken at random, so people who cannot be told apart share the whole
range of ranks rather than getting an arbitrary one. The seed is fixed: the same data give
the same page every time.
"""

from dataclasses import dataclass

import numpy as np

from .shrinkage import Shrunk

__all__ = ["RankIntervals", "rank_intervals"]

DEFAULT_SEED = 20261204


@dataclass(frozen=True, slots=True)
class RankIntervals:
    """Ranks, 1 = best. ``rank`` orders the posterior means (ties: input order); ``low`` and
    ``high`` bound the middle ``confidence`` share of simulated ranks; ``probability_best``
    is the share of draws (0..1) in which the person came first."""

    rank: tuple[int, ...]
    low: tuple[int, ...]
    high: tuple[int, ...]
    probability_best: tuple[float, ...]
    simulations: int
    confidence: float


def rank_intervals(shrunk: Shrunk, *, higher_is_better: bool = True, simulations: int = 4000,
                   confidence: float = 0.95, seed: int = DEFAULT_SEED) -> RankIntervals:
    """Rank each person of ``shrunk`` with an interval (see the module's docstring).

    Two people certain of their scores keep their ranks; two who cannot be told apart
    (complete pooling) each range over both ranks and come first about half the time.

    >>> from kliento.ranking import shrink_means, shrink_rates
    >>> r = rank_intervals(shrink_means([6, 8, 10], [10**6] * 3, 1))
    >>> r.rank, r.low, r.high
    ((3, 2, 1), (3, 2, 1), (3, 2, 1))
    >>> pooled = rank_intervals(shrink_rates([5, 5], [10, 10]))
    >>> pooled.low, pooled.high, [round(p, 1) for p in pooled.probability_best]
    ((1, 1), (2, 2), [0.5, 0.5])
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    if simulations < 100:
        raise ValueError(f"simulations must be at least 100, got {simulations}")
    rng = np.random.default_rng(seed)
    draws = shrunk.draws(rng, simulations)
    if higher_is_better:
        draws = -draws
    people = draws.shape[1]
    # lexsort's last key is the primary one: the score, then a random tie-breaker.
    order = np.lexsort((rng.random(draws.shape), draws), axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, people + 1)[None, :].repeat(simulations, 0),
                      axis=1)
    tail = (1.0 - confidence) / 2.0
    low = np.floor(np.quantile(ranks, tail, axis=0, method="lower"))
    high = np.ceil(np.quantile(ranks, 1.0 - tail, axis=0, method="higher"))
    estimate = np.asarray(shrunk.estimate, dtype=float)
    by_estimate = np.argsort(-estimate if higher_is_better else estimate, kind="stable")
    rank = np.empty(people, dtype=int)
    rank[by_estimate] = np.arange(1, people + 1)
    return RankIntervals(
        rank=tuple(int(v) for v in rank),
        low=tuple(int(v) for v in low),
        high=tuple(int(v) for v in high),
        probability_best=tuple(float(v) for v in (ranks == 1).mean(axis=0)),
        simulations=simulations,
        confidence=float(confidence),
    )
