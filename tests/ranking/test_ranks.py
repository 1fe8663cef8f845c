"""Rank intervals against probabilities worked out by hand."""

import math

import pytest
from scipy import stats

from kliento.ranking import rank_intervals, shrink_means, shrink_rates


def _normal_pair(mean_a, mean_b, sd):
    # Two people, prior spread large enough that shrinkage leaves them at mean ± sd.
    r = shrink_means([mean_a, mean_b], [1, 1], sd ** 2)
    return r


def test_probability_of_coming_first_matches_the_normal_difference():
    r = _normal_pair(11.0, 9.0, 1.0)
    a_mean, b_mean = r.estimate
    a_sd, b_sd = r.posterior[1]
    # P(A > B) for independent normals: Φ((μa − μb) / √(σa² + σb²)).
    expected = stats.norm.cdf((a_mean - b_mean) / math.sqrt(a_sd ** 2 + b_sd ** 2))
    ranks = rank_intervals(r, simulations=20000)
    assert ranks.probability_best[0] == pytest.approx(expected, abs=0.01)
    assert ranks.probability_best[0] + ranks.probability_best[1] == pytest.approx(1.0)
    assert ranks.rank == (1, 2)


def test_lower_is_better_reverses_the_order():
    r = shrink_means([100, 300, 200], [10 ** 6] * 3, 1.0)
    ranks = rank_intervals(r, higher_is_better=False)
    assert ranks.rank == (1, 3, 2)
    assert (ranks.low, ranks.high) == ((1, 3, 2), (1, 3, 2))


def test_people_who_cannot_be_told_apart_share_every_rank():
    ranks = rank_intervals(shrink_rates([5, 5, 5], [10, 10, 10]), simulations=3000)
    assert ranks.low == (1, 1, 1)
    assert ranks.high == (3, 3, 3)
    for share in ranks.probability_best:
        assert share == pytest.approx(1 / 3, abs=0.03)


def test_the_same_seed_gives_the_same_page():
    r = shrink_rates([3, 285, 200, 150, 180], [3, 300, 300, 300, 300])
    assert rank_intervals(r) == rank_intervals(r)
    first = rank_intervals(r)
    assert first.rank == (2, 1, 3, 5, 4)
    # The 3-answer person might be anywhere from first to fourth; the 300 first or second.
    assert first.low[0] == 1 and first.high[0] >= 3
    assert first.high[1] <= 2


def test_too_few_simulations_is_refused():
    with pytest.raises(ValueError, match="simulations"):
        rank_intervals(shrink_rates([1, 2], [3, 3]), simulations=10)
