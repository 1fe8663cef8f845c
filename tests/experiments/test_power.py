"""Sample-size guidance against the textbook formula for Cohen's h."""

import math

import pytest
from scipy.stats import norm

from kliento.experiments.power import customers_per_arm, detectable_rise


def by_hand(p1: float, p2: float) -> float:
    h = 2 * math.asin(math.sqrt(p2)) - 2 * math.asin(math.sqrt(p1))
    return 2 * ((norm.ppf(0.975) + norm.ppf(0.8)) / h) ** 2


@pytest.mark.parametrize(("base", "target"), [(0.10, 0.13), (0.20, 0.25), (0.05, 0.06)])
def test_customers_per_arm_matches_the_formula(base, target):
    # The formula leaves out the far tail of the two-sided test: a few customers fewer.
    assert 0 <= customers_per_arm(base, target) - by_hand(base, target) < 6


def test_the_detectable_rise_inverts_the_sample_size():
    n = customers_per_arm(0.10, 0.13)
    assert detectable_rise(0.10, n) == pytest.approx(3.0, abs=0.01)


def test_nonsense_rates_are_refused():
    with pytest.raises(ValueError, match="base_rate"):
        customers_per_arm(0, 0.1)
    with pytest.raises(ValueError, match="differ"):
        customers_per_arm(0.1, 0.1)
