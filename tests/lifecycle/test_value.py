"""Spend per stage and the ratio of two stages, against SciPy and by hand."""

import math

import numpy as np
import pytest
from scipy import stats

from kliento.lifecycle.value import mean_difference, mean_spend, spend_ratio


def test_mean_spend_interval_is_scipys_t_interval():
    spend = [120.0, 80.0, 310.5, 0.0, 99.9, 150.0]
    result = mean_spend(spend)
    low, high = stats.t.interval(0.95, len(spend) - 1, loc=np.mean(spend),
                                 scale=stats.sem(spend))
    assert (result.mean, result.n) == (pytest.approx(np.mean(spend)), 6)
    assert (result.low, result.high) == (pytest.approx(max(0, low)), pytest.approx(high))


def test_ratio_and_its_log_scale_interval_by_hand():
    full, high = [300.0, 100.0], [100.0, 100.0, 100.0, 100.0]
    result = spend_ratio(full, high)
    assert result.ratio == pytest.approx(2.0)
    assert result.low is None or result.low > 0  # high has no spread, full has
    se = math.sqrt(np.var(full, ddof=1) / (2 * 200.0 ** 2))
    assert result.low == pytest.approx(2.0 * math.exp(-1.959964 * se), rel=1e-5)


def test_a_group_that_spent_nothing_has_no_ratio_and_bad_spend_is_refused():
    assert spend_ratio([10.0, 20.0], [0.0, 0.0]) is None
    with pytest.raises(ValueError, match="none negative"):
        mean_spend([10.0, -1.0])


def test_mean_difference_is_scipys_welch_interval():
    a, b = [6.0, 7.0, 3.0, 9.0, 8.0], [9.0, 10.0, 8.0, 10.0]
    result = mean_difference((len(a), sum(a), sum(x * x for x in a)),
                             (len(b), sum(b), sum(x * x for x in b)))
    expected = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert (result.low, result.high) == (pytest.approx(expected.low),
                                         pytest.approx(expected.high))
