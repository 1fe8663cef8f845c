"""The ratio of two Poisson rates against SciPy's exact binomial interval (an independent
reference: the conditional method is a Clopper–Pearson interval on count_a / total)."""

import math

import pytest
from scipy.stats import binomtest

from kliento.measure.rates import rate_ratio


@pytest.mark.parametrize(("a", "ta", "b", "tb"), [(12, 6, 40, 8), (3, 1, 30, 4), (7, 2.5, 7, 2.5)])
def test_the_interval_is_clopper_pearson_on_the_share_of_the_first_period(a, ta, b, tb):
    result = rate_ratio(a, ta, b, tb)
    interval = binomtest(a, a + b).proportion_ci(0.95, method="exact")

    assert result.ratio == pytest.approx((a / ta) / (b / tb))
    assert result.low == pytest.approx(interval.low / (1 - interval.low) * tb / ta, rel=1e-9)
    assert result.high == pytest.approx(interval.high / (1 - interval.high) * tb / ta, rel=1e-9)
    assert result.low < result.ratio < result.high
    assert (result.rate_a, result.rate_b) == (pytest.approx(a / ta), pytest.approx(b / tb))


def test_an_empty_period_gives_an_open_end():
    none_after = rate_ratio(0, 2, 6, 3)
    none_before = rate_ratio(4, 2, 0, 3)

    assert (none_after.ratio, none_after.low) == (0.0, 0.0) and none_after.high > 0
    assert math.isinf(none_before.ratio) and math.isinf(none_before.high)
    assert none_before.low > 0


@pytest.mark.parametrize(("arguments", "message"), [
    ((-1, 1, 2, 1), "count_a must be at least 0"),
    ((1, 0, 2, 1), "exposure_a must be a positive number, got 0"),
    ((1, 1, 2.5, 1), "count_b must be a whole number"),
    ((1, 1, 2, "x"), "exposure_b must be a positive number, got 'x'"),
    ((0, 1, 0, 1), "both 0"),
])
def test_bad_arguments_are_named(arguments, message):
    with pytest.raises(ValueError, match=message):
        rate_ratio(*arguments)
