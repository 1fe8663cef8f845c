"""Fair leaderboards: agents ordered by shrunken estimates, ranked only with enough
observations, each rank with an interval (:mod:`kliento.ranking`).

The prior is fitted to every agent on the board who has any observation, so a newcomer with
three answers still tells us a little about the group; only those with at least the minimum
sample are ranked.
"""

from dataclasses import dataclass, replace
from datetime import date

from kliento.organisation.models import Agent
from kliento.people.scorecard import Stats, definition_of, display_value, stats_for
from kliento.ranking import rank_intervals, shrink_means, shrink_rates, shrunk_subset


@dataclass(frozen=True)
class Standing:
    """One agent on a board; values in the metric's display unit."""

    agent: Agent
    n: int
    raw: float
    estimate: float
    low: float
    high: float
    own_weight: float  # 0..1: how much of the estimate is the agent's own data
    rank: int | None = None  # None: below the minimum sample, not ranked
    rank_low: int | None = None
    rank_high: int | None = None
    probability_best: float | None = None


@dataclass(frozen=True)
class Board:
    metric: str
    start: date
    end: date
    minimum_sample: int
    ranked: list[Standing]
    unranked: list[Standing]
    group_value: float | None  # what everyone is pulled towards, display unit
    prior_strength: float | None  # κ in observations (rates) or τ in display units (means)
    higher_is_better: bool


def _shrink(metric: str, stats: list[Stats]):
    d = definition_of(metric)
    n = [s.n for s in stats]
    if d.kind == "rate":
        return shrink_rates([s.total for s in stats], n), 100.0
    means = [s.total / s.n for s in stats]
    # The pooled within-agent variance: three answers say little about their own spread.
    spare = sum(s.n for s in stats) - len(stats)
    within = sum(s.total_sq - s.total * s.total / s.n for s in stats)
    variance = max(0.0, within / spare) if spare > 0 else 0.0
    return shrink_means(means, n, variance), 1.0


def board_for(metric: str, start: date, end: date, agents: list[Agent],
              minimum_sample: int) -> Board:
    """The board of ``agents`` on ``metric`` over ``start``..``end`` (one aggregate query)."""
    d = definition_of(metric)
    by_id = {agent.pk: agent for agent in agents}
    stats = stats_for(metric, start, end, by="agent", agents=list(by_id)) if by_id else []
    if not stats:
        return Board(metric, start, end, minimum_sample, [], [], None, None, d.higher_is_better)
    shrunk, scale = _shrink(metric, stats)
    # A normal posterior's interval can pass the end of the scale: show it clipped.
    low_end, high_end = (0.0, 100.0) if d.kind == "rate" else (d.lower, d.upper)
    standings = [Standing(by_id[s.group], s.n, display_value(metric, s),
                          shrunk.estimate[i] * scale, max(low_end, shrunk.low[i] * scale),
                          min(high_end, shrunk.high[i] * scale), shrunk.own_weight[i])
                 for i, s in enumerate(stats)]
    eligible = [i for i, s in enumerate(stats) if s.n >= minimum_sample]
    ranked = []
    if eligible:
        ranks = rank_intervals(shrunk_subset(shrunk, eligible),
                               higher_is_better=d.higher_is_better)
        for j, i in enumerate(eligible):
            ranked.append(replace(standings[i], rank=ranks.rank[j], rank_low=ranks.low[j],
                                  rank_high=ranks.high[j],
                                  probability_best=ranks.probability_best[j]))
        ranked.sort(key=lambda standing: standing.rank)
    ranked_ids = set(eligible)
    unranked = sorted((standings[i] for i in range(len(stats)) if i not in ranked_ids),
                      key=lambda standing: -standing.n)
    strength = shrunk.prior_strength * (scale if d.kind != "rate" else 1.0)
    return Board(metric, start, end, minimum_sample, ranked, unranked,
                 shrunk.prior_mean * scale, strength, d.higher_is_better)
