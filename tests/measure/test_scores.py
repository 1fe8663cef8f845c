"""NPS, CSAT, CES and the KV index: hand-computed reference values and properties."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kliento.measure import ces, csat, kv_index, nps

# Hypothesis keeps no example database: the test run must not write into the project.
PROPERTY = settings(database=None, deadline=None, max_examples=100)

Z95 = 1.959963984540054  # standard-normal 97.5th percentile


# --- NPS ---------------------------------------------------------------------------


def test_nps_adjusted_wald_worked_example_100_responses():
    # 50 promoters, 30 passives, 20 detractors.
    scores = [10] * 25 + [9] * 25 + [8] * 15 + [7] * 15 + [6] * 10 + [0] * 10
    r = nps(scores)
    assert (r.n, r.promoters, r.passives, r.detractors) == (100, 50, 30, 20)
    assert r.value == 30.0
    # Adjusted Wald, worked by hand: n_adj = 103, p_pro = 50.75/103, p_det = 20.75/103.
    p_pro, p_det = 50.75 / 103, 20.75 / 103
    centre = p_pro - p_det  # = 30/103 = 0.291262...
    variance = (p_pro + p_det - centre**2) / 103  # = 0.0059159...
    assert centre == pytest.approx(0.2912621359)
    assert variance == pytest.approx(0.0059159333, rel=1e-8)
    margin = Z95 * math.sqrt(variance)  # = 0.150751...
    assert r.low == pytest.approx(100 * (centre - margin), abs=1e-9)
    assert r.high == pytest.approx(100 * (centre + margin), abs=1e-9)
    assert r.low == pytest.approx(14.0511, abs=1e-4)
    assert r.high == pytest.approx(44.2013, abs=1e-4)
    assert r.confidence == 0.95


def test_nps_other_confidence_level_narrows_the_interval():
    scores = [10] * 50 + [8] * 30 + [3] * 20
    r90 = nps(scores, confidence=0.90)
    r95 = nps(scores)
    z90 = 1.6448536269514722
    p_pro, p_det = 50.75 / 103, 20.75 / 103
    se = math.sqrt((p_pro + p_det - (p_pro - p_det) ** 2) / 103)
    assert r90.low == pytest.approx(100 * (p_pro - p_det - z90 * se))
    assert r95.low < r90.low < r90.value < r90.high < r95.high


def test_nps_band_edges():
    r = nps([0, 6, 7, 8, 9, 10])
    assert (r.promoters, r.passives, r.detractors) == (2, 2, 2)
    assert r.value == 0.0


def test_nps_extremes_stay_within_scale_and_contain_value():
    r = nps([10])
    assert r.value == 100.0
    assert r.low <= r.value <= r.high == 100.0
    r = nps([0] * 500)
    assert r.value == -100.0 and r.low == -100.0 and r.high < -97.0


def test_nps_accepts_numpy_and_whole_floats():
    assert nps(np.array([10, 9, 3], dtype=np.int8)).value == nps([10.0, 9.0, 3.0]).value


# --- CSAT --------------------------------------------------------------------------


def test_csat_agresti_coull_by_hand():
    r = csat([5, 4, 4, 3, 5, 2, 5, 4, 1, 5])
    assert (r.value, r.satisfied, r.n, r.scale, r.top_box) == (70.0, 7, 10, 5, 2)
    n_adj = 10 + Z95**2
    p_adj = (7 + Z95**2 / 2) / n_adj  # 0.716740...
    margin = Z95 * math.sqrt(p_adj * (1 - p_adj) / n_adj)
    assert r.low == pytest.approx(100 * (p_adj - margin))
    assert r.high == pytest.approx(100 * (p_adj + margin))
    assert (round(r.low, 2), round(r.high, 2)) == (39.23, 89.67)


def test_csat_top_box_and_scale():
    scores = [7, 6, 5, 4, 3, 2, 1, 7]
    assert csat(scores, scale=7, top_box=2).satisfied == 3
    assert csat(scores, scale=7, top_box=3).satisfied == 4
    assert csat([5, 5, 4], top_box=1).value == pytest.approx(200 / 3)


def test_csat_clips_to_0_100():
    r = csat([5] * 3)
    assert r.value == 100.0 and r.high == 100.0 and 0.0 < r.low < 100.0
    r = csat([1] * 3)
    assert r.value == 0.0 and r.low == 0.0


# --- CES ---------------------------------------------------------------------------


def test_ces_t_interval_by_hand():
    r = ces([3, 4, 5, 4, 3, 5, 4])
    assert r.value == 4.0 and r.n == 7 and r.scale == 7
    sd = math.sqrt(4 / 6)
    t6 = 2.4469118511449692  # t(0.975, df = 6)
    assert r.low == pytest.approx(4 - t6 * sd / math.sqrt(7))
    assert r.high == pytest.approx(4 + t6 * sd / math.sqrt(7))
    assert (round(r.low, 4), round(r.high, 4)) == (3.2449, 4.7551)


def test_ces_single_response_interval_is_the_whole_scale():
    r = ces([2], scale=5)
    assert (r.value, r.low, r.high, r.n) == (2.0, 1.0, 5.0, 1)


def test_ces_identical_responses_zero_width_and_clipping():
    r = ces([6, 6, 6])
    assert r.low == r.value == r.high == 6.0
    r = ces([7, 7, 6])
    assert r.high == 7.0


# --- KV index ----------------------------------------------------------------------


def test_kv_index_by_hand():
    r = kv_index([8, 9, 6, 10], [8, 6, 8, 10])
    # ratios 1, 1.5, 0.75, 1
    assert r.value == 1.0625 and r.n == 4
    sd = math.sqrt(0.296875 / 3)
    t3 = 3.182446305284263
    assert r.low == pytest.approx(1.0625 - t3 * sd / 2)
    assert r.high == pytest.approx(1.0625 + t3 * sd / 2)
    assert (r.disappointed, r.satisfied, r.delighted) == (0.25, 0.5, 0.25)
    assert (r.disappointed_count, r.satisfied_count, r.delighted_count) == (1, 2, 1)
    assert r.tolerance == 0.0


def test_kv_tolerance_band_is_inclusive():
    # ratios 0.75, 1.5, 1.1, 1.0; with tolerance 0.25 the 0.75 sits on the edge: satisfied.
    r = kv_index([6, 9, 5.5, 4], [8, 6, 5, 4], tolerance=0.25)
    assert (r.disappointed_count, r.satisfied_count, r.delighted_count) == (0, 3, 1)
    r = kv_index([5.5, 4.4], [5, 4], tolerance=0.1)
    assert r.satisfied_count == 2  # 5.5 / 5 and 4.4 / 4 are 1.1, on the band edge
    # 2.4 / 3 is 0.7999999999999999 and 5.4 / 4.5 is 1.2000000000000002 in floating
    # point: both are still on the edges of the 0.2 band, not outside it.
    assert kv_index([2.4, 5.4], [3, 4.5], tolerance=0.2).satisfied_count == 2


def test_kv_single_response_interval_is_the_whole_range():
    r = kv_index([5], [10])
    assert (r.value, r.low, r.high) == (0.5, 0.1, 10.0)
    assert r.disappointed == 1.0


# --- properties --------------------------------------------------------------------

nps_scores = st.lists(st.integers(0, 10), min_size=1, max_size=300)
csat_scores = st.lists(st.integers(1, 5), min_size=1, max_size=300)
confidences = st.sampled_from([0.8, 0.9, 0.95, 0.99])


@PROPERTY
@given(nps_scores, confidences)
def test_nps_bounds_and_counts(scores, confidence):
    r = nps(scores, confidence=confidence)
    assert -100.0 <= r.low <= r.value <= r.high <= 100.0
    assert r.promoters + r.passives + r.detractors == r.n == len(scores)
    assert r.value == pytest.approx(100 * (r.promoters - r.detractors) / r.n)


@PROPERTY
@given(nps_scores.flatmap(lambda xs: st.tuples(st.just(xs), st.permutations(xs))))
def test_nps_permutation_invariant(pair):
    original, shuffled = pair
    assert nps(original) == nps(shuffled)


@PROPERTY
@given(nps_scores)
def test_nps_wider_at_higher_confidence(scores):
    narrow, wide = nps(scores, confidence=0.8), nps(scores, confidence=0.99)
    assert wide.low <= narrow.low and narrow.high <= wide.high


@PROPERTY
@given(csat_scores, confidences)
def test_csat_bounds(scores, confidence):
    r = csat(scores, confidence=confidence)
    assert 0.0 <= r.low <= r.value <= r.high <= 100.0


@PROPERTY
@given(csat_scores)
def test_csat_monotone_in_top_box_scores(scores):
    base = csat(scores).value
    more = csat([*scores, 5]).value
    assert more > base or base == more == 100.0
    less = csat([*scores, 1]).value
    assert less < base or base == less == 0.0


@PROPERTY
@given(csat_scores.flatmap(lambda xs: st.tuples(st.just(xs), st.permutations(xs))))
def test_csat_permutation_invariant(pair):
    assert csat(pair[0]) == csat(pair[1])


@PROPERTY
@given(
    st.integers(2, 11).flatmap(
        lambda k: st.tuples(st.just(k), st.lists(st.integers(1, k), min_size=1, max_size=200))
    )
)
def test_ces_bounds(case):
    scale, scores = case
    r = ces(scores, scale=scale)
    assert 1.0 <= r.low <= r.value <= r.high <= scale
    assert r.value == pytest.approx(np.mean(scores))


ratings = st.floats(1, 10, allow_nan=False)
paired = st.integers(1, 100).flatmap(
    lambda n: st.tuples(
        st.lists(ratings, min_size=n, max_size=n), st.lists(ratings, min_size=n, max_size=n)
    )
)


@PROPERTY
@given(paired, st.sampled_from([0.0, 0.05, 0.2]))
def test_kv_bounds_and_bands(pair, tolerance):
    experience, expectation = pair
    r = kv_index(experience, expectation, tolerance=tolerance)
    assert 0.1 <= r.low <= r.value <= r.high <= 10.0
    assert r.disappointed_count + r.satisfied_count + r.delighted_count == r.n
    assert r.disappointed + r.satisfied + r.delighted == pytest.approx(1.0)


@PROPERTY
@given(paired, st.randoms(use_true_random=False))
def test_kv_paired_permutation_invariant(pair, rnd):
    experience, expectation = pair
    order = list(range(len(experience)))
    rnd.shuffle(order)
    a = kv_index(experience, expectation)
    b = kv_index([experience[i] for i in order], [expectation[i] for i in order])
    assert b.value == pytest.approx(a.value)
    assert (b.low, b.high) == pytest.approx((a.low, a.high))
    assert b.satisfied_count == a.satisfied_count
