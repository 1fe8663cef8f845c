"""Correlation with a Fisher-z interval, against the formula worked by hand."""

import math

import pytest

from kliento.ranking import correlation


def test_fisher_interval_by_hand():
    x = [10, 20, 30, 40, 50, 60]
    y = [12, 18, 35, 30, 55, 52]
    c = correlation(x, y)
    # r from the sums: Σxy etc.; checked against the textbook formula.
    mx, my = sum(x) / 6, sum(y) / 6
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    r = sxy / math.sqrt(sxx * syy)
    z, margin = math.atanh(r), 1.959964 / math.sqrt(3)
    assert c.r == pytest.approx(r)
    assert (c.low, c.high) == pytest.approx((math.tanh(z - margin), math.tanh(z + margin)),
                                            abs=1e-5)
    assert c.n == 6


def test_pairs_with_a_missing_side_are_left_out():
    c = correlation([1, 2, None, 4, 5], [1, 2, 3, None, 6])
    assert c.n == 3 and c.low is None  # three pairs: an r, but no interval


def test_unequal_lengths_are_refused():
    with pytest.raises(ValueError, match="differ in length"):
        correlation([1, 2], [1])
