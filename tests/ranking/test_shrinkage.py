"""Shrinkage against values worked out by hand from the method-of-moments formulas."""

import math

import pytest
from scipy import stats

from kliento.ranking import shrink_means, shrink_rates


def test_beta_binomial_prior_and_posterior_by_hand():
    # Rates 0.1, 0.4, 0.7 of 10, 20 and 10 answers.
    # m = 0.4; s² = (0.09 + 0 + 0.09) / 2 = 0.09; binomial part 0.24 · (0.1 + 0.05 + 0.1) / 3
    # = 0.02; v = 0.07; κ = 0.24 / 0.07 − 1 = 17 / 7; α = 0.4 κ = 6.8 / 7, β = 10.2 / 7.
    r = shrink_rates([1, 8, 7], [10, 20, 10])
    kappa = 17 / 7
    alpha, beta = 0.4 * kappa, 0.6 * kappa
    assert r.prior_mean == pytest.approx(0.4)
    assert r.prior_strength == pytest.approx(kappa)
    assert r.estimate == pytest.approx(((1 + alpha) / (10 + kappa), (8 + alpha) / (20 + kappa),
                                        (7 + alpha) / (10 + kappa)))
    assert r.own_weight == pytest.approx((10 / (10 + kappa), 20 / (20 + kappa),
                                          10 / (10 + kappa)))
    # The interval is the posterior Beta(1 + α, 9 + β)'s middle 95 %.
    assert r.low[0] == pytest.approx(stats.beta.ppf(0.025, 1 + alpha, 9 + beta))
    assert r.high[0] == pytest.approx(stats.beta.ppf(0.975, 1 + alpha, 9 + beta))


def test_rates_that_differ_only_by_chance_are_pooled():
    # 5 of 10 and 6 of 10: s² = 0.005 is less than the binomial 0.2475 · 0.1.
    r = shrink_rates([5, 6], [10, 10])
    assert r.estimate == (0.55, 0.55)
    assert math.isinf(r.prior_strength)
    assert r.own_weight == (0.0, 0.0)


def test_normal_normal_by_hand_with_unequal_samples():
    # Means 2, 4, 9 of 1, 4, 16 observations, variance 16: s² = 16, 4, 1 (mean 7).
    # μ = 5; var(x̄) = (9 + 1 + 16) / 2 = 13; τ² = 6. B = 16/22, 4/10, 1/7.
    r = shrink_means([2, 4, 9], [1, 4, 16], 16)
    assert r.prior_mean == 5
    assert r.prior_strength == pytest.approx(math.sqrt(6))
    assert r.estimate == pytest.approx((5 - 3 * 6 / 22, 5 - 1 * 6 / 10, 5 + 4 * 6 / 7))
    assert r.posterior[1] == pytest.approx((math.sqrt(6 / 22 * 16), math.sqrt(6 / 10 * 4),
                                            math.sqrt(6 / 7 * 1)))
    assert r.high[2] - r.estimate[2] == pytest.approx(1.959964 * math.sqrt(6 / 7), rel=1e-5)


def test_three_lucky_answers_rank_below_three_hundred_slightly_worse():
    # Colleagues at 50–67 %: the perfect three are pulled towards them, 95 % of 300 is not.
    r = shrink_rates([3, 285, 200, 150, 180], [3, 300, 300, 300, 300])
    assert r.estimate[0] < r.estimate[1]
    assert 3 / 3 > 285 / 300  # the raw order was the other way round


@pytest.mark.parametrize(("successes", "trials", "message"), [
    ([1, 2], [10], "differ in length"),
    ([1], [0], "at least 1"),
    ([11], [10], "outside 0..10"),
    ([], [], "non-empty"),
])
def test_bad_rates_name_the_problem(successes, trials, message):
    with pytest.raises(ValueError, match=message):
        shrink_rates(successes, trials)


def test_bad_means_name_the_problem():
    with pytest.raises(ValueError, match="variances"):
        shrink_means([1, 2], [3, 3], -1)
    with pytest.raises(ValueError, match="confidence"):
        shrink_means([1, 2], [3, 3], 1, confidence=1.5)
