"""Random assignment: reproducible from the seed, balanced to within one customer of each
arm's share (the stated tolerance), and a fair shuffle."""

import numpy as np
import pytest

from kliento.experiments.assignment import arm_counts, assign

IDS = list(range(1, 10_001))
SHARES = [40, 40, 20]


def test_the_same_seed_gives_the_same_assignment_whatever_the_order_of_the_ids():
    shuffled = list(np.random.default_rng(1).permutation(IDS))
    assert assign(IDS, SHARES, seed=2026) == assign(shuffled, SHARES, seed=2026)


def test_another_seed_gives_another_assignment():
    first, second = assign(IDS, SHARES, seed=1), assign(IDS, SHARES, seed=2)
    changed = sum(first[customer] != second[customer] for customer in IDS)
    # Two independent draws agree on 0.4² + 0.4² + 0.2² = 36 % of customers.
    assert 0.60 * len(IDS) < changed < 0.68 * len(IDS)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 99, 1001, 10_000])
def test_each_arm_is_within_one_customer_of_its_share(n):
    counts = arm_counts(n, SHARES)
    assert sum(counts) == n
    for count, share in zip(counts, SHARES, strict=True):
        assert abs(count - n * share / 100) < 1


def test_the_assignment_deals_exactly_those_counts():
    arms = assign(IDS, SHARES, seed=7)
    assert np.bincount(list(arms.values())).tolist() == [4000, 4000, 2000]


def test_the_shuffle_is_fair_low_and_high_ids_spread_alike():
    arms = assign(IDS, [50, 50], seed=11)
    low_half = sum(arms[customer] for customer in IDS[:5000])
    # Binomial(5000, ½) has a standard deviation of 35: four of them either side is generous.
    assert abs(low_half - 2500) < 4 * 35.4


def test_bad_shares_are_refused():
    with pytest.raises(ValueError, match="shares"):
        arm_counts(10, [])
    with pytest.raises(ValueError, match="shares"):
        arm_counts(10, [50, -10])
