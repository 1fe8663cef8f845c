"""compare(): did the score really change between two periods or groups?"""

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from kliento.measure import (
    CesResult,
    Comparison,
    CsatResult,
    KvResult,
    NpsResult,
    ces,
    compare,
    nps,
)
from kliento.measure.comparison import nps_change_significant, share_change_significant

PROPERTY = settings(database=None, deadline=None, max_examples=100)
Z95 = 1.959963984540054


def nps_sample(promoters, passives, detractors):
    return [10] * promoters + [8] * passives + [3] * detractors


def test_nps_difference_by_hand():
    before = nps_sample(30, 40, 30)  # NPS 0
    after = nps_sample(50, 30, 20)  # NPS 30
    c = compare(before, after, "nps")
    assert isinstance(c, Comparison) and c.metric == "nps"
    assert isinstance(c.a, NpsResult) and c.a == nps(before)
    assert c.b == nps(after)
    assert c.difference == 30.0
    # Adjusted: a = (30.75 − 30.75)/103 = 0, b = (50.75 − 20.75)/103.
    pa_pro = pa_det = 30.75 / 103
    pb_pro, pb_det = 50.75 / 103, 20.75 / 103
    var_a = (pa_pro + pa_det - (pa_pro - pa_det) ** 2) / 103
    var_b = (pb_pro + pb_det - (pb_pro - pb_det) ** 2) / 103
    se = math.sqrt(var_a + var_b)
    diff_adj = (pb_pro - pb_det) - (pa_pro - pa_det)
    assert c.low == pytest.approx(100 * (diff_adj - Z95 * se))
    assert c.high == pytest.approx(100 * (diff_adj + Z95 * se))
    assert c.p_value == pytest.approx(2 * stats.norm.sf(diff_adj / se))
    assert (round(c.low, 2), round(c.high, 2), round(c.p_value, 4)) == (7.91, 50.34, 0.0071)
    assert c.significant is True
    assert c.confidence == 0.95


def test_csat_difference_agresti_caffo_by_hand():
    a = [5] * 60 + [2] * 40  # 60 %
    b = [4] * 75 + [3] * 25  # 75 %
    c = compare(a, b, "csat")
    assert isinstance(c.a, CsatResult)
    assert c.difference == pytest.approx(15.0)
    pa, pb = 61 / 102, 76 / 102
    se = math.sqrt(pa * (1 - pa) / 102 + pb * (1 - pb) / 102)
    assert c.low == pytest.approx(100 * (pb - pa - Z95 * se))
    assert c.high == pytest.approx(100 * (pb - pa + Z95 * se))
    pooled = 135 / 200
    z = 0.15 / math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 100))
    assert c.p_value == pytest.approx(2 * stats.norm.sf(z))
    assert (round(c.low, 2), round(c.high, 2), round(c.p_value, 4)) == (1.98, 27.44, 0.0235)
    assert c.significant


def test_csat_scale_and_top_box_pass_through():
    c = compare([7, 6, 1, 1], [7, 7, 7, 1], "csat", scale=7, top_box=1)
    assert (c.a.satisfied, c.b.satisfied) == (1, 3)
    assert c.difference == 50.0


def test_ces_welch_by_hand():
    a = [3, 4, 5, 4, 3]
    b = [5, 6, 5, 7, 6]
    c = compare(a, b, "ces")
    assert isinstance(c.a, CesResult) and c.a == ces(a)
    va, vb = np.var(a, ddof=1) / 5, np.var(b, ddof=1) / 5
    df = (va + vb) ** 2 / (va**2 / 4 + vb**2 / 4)
    se = math.sqrt(va + vb)
    t = stats.t.ppf(0.975, df)
    assert c.difference == 2.0
    assert c.low == pytest.approx(2 - t * se)
    assert c.high == pytest.approx(2 + t * se)
    assert c.p_value == pytest.approx(2 * stats.t.sf(2 / se, df))
    assert c.significant


def test_kv_welch_on_ratios():
    a = ([5, 6, 7, 5, 6], [8, 8, 8, 8, 8])
    b = {"experience": [8, 9, 8, 7, 9], "expectation": [8, 8, 8, 8, 8]}
    c = compare(a, b, "kv")
    assert isinstance(c.b, KvResult)
    ra, rb = np.array(a[0]) / 8, np.array(b["experience"]) / 8
    expected = stats.ttest_ind(rb, ra, equal_var=False)
    assert c.difference == pytest.approx(rb.mean() - ra.mean())
    assert c.p_value == pytest.approx(expected.pvalue)
    ci = expected.confidence_interval(0.95)
    assert (c.low, c.high) == pytest.approx((ci.low, ci.high))
    assert c.significant
    # 5/8 = 0.625 and 6/8 = 0.75 are disappointed at tolerance 0.2, 7/8 is not.
    banded = compare(a, b, "kv", tolerance=0.2)
    assert banded.a.tolerance == 0.2 and banded.a.disappointed_count == 4
    assert banded.p_value == c.p_value


@pytest.mark.parametrize("metric", ["nps", "csat", "ces"])
def test_clear_shift_is_significant_and_no_shift_is_not(metric):
    rng = np.random.default_rng(7)
    if metric == "nps":
        low_values = rng.choice([2, 5, 7, 8, 9, 10], size=200, p=[0.2, 0.2, 0.2, 0.2, 0.1, 0.1])
        high_values = rng.choice([2, 5, 7, 8, 9, 10], size=200, p=[0.05, 0.05, 0.1, 0.2, 0.3, 0.3])
    elif metric == "csat":
        low_values = rng.choice([1, 2, 3, 4, 5], size=200, p=[0.2, 0.2, 0.2, 0.2, 0.2])
        high_values = rng.choice([1, 2, 3, 4, 5], size=200, p=[0.05, 0.05, 0.1, 0.4, 0.4])
    else:
        low_values = rng.choice([1, 2, 3, 4], size=200)
        high_values = rng.choice([3, 4, 5, 6], size=200)
    shifted = compare(low_values, high_values, metric)
    assert shifted.p_value < 0.05 and shifted.significant
    assert shifted.low > 0
    same = compare(low_values, low_values.copy(), metric)
    assert same.difference == 0.0
    assert same.p_value > 0.5 and not same.significant
    assert same.low < 0 < same.high


def test_kv_identical_groups():
    group = ([5, 6, 7, 5, 6], [8, 7, 8, 6, 8])
    c = compare(group, group, "kv")
    assert c.difference == 0.0 and c.p_value == pytest.approx(1.0) and not c.significant


def test_welch_without_any_spread():
    same = compare([4, 4, 4], [4, 4, 4], "ces")
    assert (same.difference, same.low, same.high, same.p_value) == (0.0, 0.0, 0.0, 1.0)
    apart = compare([4, 4, 4], [6, 6], "ces")
    assert (apart.difference, apart.low, apart.high, apart.p_value) == (2.0, 2.0, 2.0, 0.0)
    assert apart.significant


def test_confidence_sets_the_significance_threshold():
    a, b = [3, 4, 5, 4, 3, 4], [4, 5, 5, 4, 4, 5]
    loose = compare(a, b, "ces", confidence=0.80)
    strict = compare(a, b, "ces", confidence=0.99)
    assert loose.p_value == strict.p_value
    assert 0.01 < loose.p_value < 0.20  # so the two verdicts differ
    assert loose.significant and not strict.significant
    assert strict.low < loose.low and loose.high < strict.high


def test_iterators_are_read_once_safely():
    c = compare(iter([3, 4, 5]), (x for x in [5, 6, 7]), "ces")
    assert c.a.n == 3 and c.b.n == 3 and c.difference == 2.0


nps_lists = st.lists(st.integers(0, 10), min_size=1, max_size=150)
csat_lists = st.lists(st.integers(1, 5), min_size=1, max_size=150)


@PROPERTY
@given(nps_lists, nps_lists)
def test_nps_comparison_is_antisymmetric_and_contains_difference(a, b):
    ab, ba = compare(a, b, "nps"), compare(b, a, "nps")
    assert ab.difference == pytest.approx(-ba.difference)
    assert ab.p_value == pytest.approx(ba.p_value)
    assert -200.0 <= ab.low <= ab.difference <= ab.high <= 200.0
    assert 0.0 <= ab.p_value <= 1.0


@PROPERTY
@given(csat_lists, csat_lists)
def test_csat_comparison_is_antisymmetric_and_contains_difference(a, b):
    ab, ba = compare(a, b, "csat"), compare(b, a, "csat")
    assert ab.difference == pytest.approx(-ba.difference)
    assert ab.p_value == pytest.approx(ba.p_value)
    assert (ab.low, ab.high) == pytest.approx((-ba.high, -ba.low))
    assert -100.0 <= ab.low <= ab.difference <= ab.high <= 100.0


@PROPERTY
@given(
    st.lists(st.integers(1, 7), min_size=2, max_size=80),
    st.lists(st.integers(1, 7), min_size=2, max_size=80),
)
def test_ces_comparison_has_no_nan(a, b):
    c = compare(a, b, "ces")
    assert not any(math.isnan(x) for x in (c.difference, c.low, c.high, c.p_value))
    assert c.low <= c.difference <= c.high
    assert c.significant == (c.p_value < 0.05)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # scipy's own warning on flat samples
@PROPERTY
@given(
    st.lists(st.integers(1, 7), min_size=2, max_size=60),
    st.lists(st.integers(1, 7), min_size=2, max_size=60),
)
def test_ces_comparison_matches_scipy_welch(a, b):
    if len(set(a)) == 1 and len(set(b)) == 1:
        return  # no spread at all: scipy gives NaN, compare() gives the exact limit
    c = compare(a, b, "ces", confidence=0.9)
    expected = stats.ttest_ind(b, a, equal_var=False)
    ci = expected.confidence_interval(0.9)
    assert c.p_value == pytest.approx(expected.pvalue, abs=1e-12)
    assert (c.low, c.high) == pytest.approx((ci.low, ci.high))


def test_significance_from_counts_is_compares_on_the_scores_they_stand_for():
    rng = random.Random(21)
    for _ in range(200):
        a, b = ([rng.randrange(0, 60) for _ in range(3)] for _ in range(2))
        if sum(a) and sum(b):
            scores = [[10] * p + [8] * q + [0] * d for p, q, d in (a, b)]
            assert nps_change_significant(tuple(a), tuple(b)) == compare(
                *scores, "nps").significant
        (k_a, k_b), (n_a, n_b) = ([rng.randrange(0, 80) for _ in range(2)] for _ in range(2))
        n_a, n_b = k_a + n_a + 1, k_b + n_b + 1
        scores = [[5] * k + [1] * (n - k) for k, n in ((k_a, n_a), (k_b, n_b))]
        assert share_change_significant((k_a, n_a), (k_b, n_b)) == compare(
            *scores, "csat").significant
