"""The weighted 10-point service grade and the SERVQUAL gaps."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kliento.measure import (
    DEFAULT_WEIGHTS,
    FACTORS,
    Gap,
    grade_verdict,
    service_grade,
    servqual_gaps,
)

PROPERTY = settings(database=None, deadline=None, max_examples=100)


def scores(tangibles, reliability, responsiveness, assurance, empathy):
    return {
        "tangibles": tangibles,
        "reliability": reliability,
        "responsiveness": responsiveness,
        "assurance": assurance,
        "empathy": empathy,
    }


def test_factors_and_default_weights():
    assert FACTORS == ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
    assert dict(DEFAULT_WEIGHTS) == {
        "tangibles": 0.1,
        "reliability": 0.6,
        "responsiveness": 0.1,
        "assurance": 0.1,
        "empathy": 0.1,
    }
    with pytest.raises(TypeError):
        DEFAULT_WEIGHTS["reliability"] = 1.0  # type: ignore[index]


def test_single_scores_grade_by_hand():
    g = service_grade(scores(8, 9, 7, 8, 9))
    # 0.6 · 9 + 0.1 · (8 + 7 + 8 + 9) = 5.4 + 3.2 = 8.6
    assert g.value == pytest.approx(8.6)
    assert g.n == 1
    assert (g.low, g.high) == (1.0, 10.0)  # one grade says nothing about precision
    assert g.verdict == "will_buy_again"
    assert g.factor_means == {
        "tangibles": 8.0,
        "reliability": 9.0,
        "responsiveness": 7.0,
        "assurance": 8.0,
        "empathy": 9.0,
    }
    assert g.weights == dict(DEFAULT_WEIGHTS)


def test_per_response_grades_with_t_interval():
    g = service_grade(scores([8, 6, 9], [9, 5, 10], [7, 6, 9], [8, 7, 10], [9, 6, 10]))
    # per-response grades: 5.4 + 0.1 · 32 = 8.6, 3 + 0.1 · 25 = 5.5, 6 + 0.1 · 38 = 9.8
    grades = np.array([8.6, 5.5, 9.8])
    assert g.value == pytest.approx(grades.mean())
    t2 = 4.302652729749464  # t(0.975, df = 2)
    margin = t2 * grades.std(ddof=1) / math.sqrt(3)
    assert g.low == pytest.approx(max(1.0, grades.mean() - margin))
    assert g.high == pytest.approx(min(10.0, grades.mean() + margin))
    assert g.n == 3
    assert g.factor_means["reliability"] == 8.0


def test_array_input_matches_mapping_input():
    rows = [[8, 9, 7, 8, 9], [6, 5, 6, 7, 6], [9, 10, 9, 10, 10]]
    from_array = service_grade(np.array(rows))
    from_mapping = service_grade({f: [row[j] for row in rows] for j, f in enumerate(FACTORS)})
    assert from_array == from_mapping
    assert service_grade(rows) == from_mapping


def test_custom_weights():
    weights = {
        "tangibles": 0.1,
        "reliability": 0.6,
        "responsiveness": 0.1,
        "assurance": 0.1,
        "empathy": 0.1,
    }
    g = service_grade(scores(5, 10, 5, 5, 5), weights=weights)
    assert g.value == pytest.approx(8.0)
    assert service_grade(scores(5, 10, 5, 5, 5), weights=[0.1, 0.6, 0.1, 0.1, 0.1]) == g
    # Reliability may carry the whole grade.
    only = {f: 0.0 for f in FACTORS} | {"reliability": 1.0}
    assert service_grade(scores(1, 7, 1, 1, 1), weights=only).value == 7.0


@pytest.mark.parametrize(
    ("grade", "verdict"),
    [
        (10, "delight"),
        (9.5, "delight"),
        (9.49, "will_buy_again"),
        (6, "will_buy_again"),
        (5.99, "failed"),
        (1, "failed"),
        (6 - 1e-12, "will_buy_again"),
    ],
)
def test_verdict_thresholds(grade, verdict):
    assert grade_verdict(grade) == verdict


def test_verdicts_from_grades():
    assert service_grade(scores(10, 10, 10, 10, 10)).verdict == "delight"
    assert service_grade(scores(9.5, 9.5, 9.5, 9.5, 9.5)).verdict == "delight"
    assert service_grade(scores(10, 9, 10, 10, 10)).verdict == "will_buy_again"  # 9.4
    assert service_grade(scores(9, 10, 9, 9, 9)).verdict == "delight"  # 9.6
    assert service_grade(scores(6, 6, 6, 6, 6)).verdict == "will_buy_again"
    assert service_grade(scores(10, 5, 10, 10, 10)).verdict == "will_buy_again"  # 7.0
    assert service_grade(scores(9, 2, 9, 9, 9)).verdict == "failed"  # 4.8: promise broken
    # 0.1 · 4 · 5.5 + 0.6 · 6.333… is 6 up to floating-point noise: not "failed".
    weights = [0.1, 0.6, 0.1, 0.1, 0.1]
    assert service_grade(scores(5.5, 19 / 3, 5.5, 5.5, 5.5), weights=weights).verdict == (
        "will_buy_again"
    )


factor_rows = st.lists(
    st.lists(st.floats(1, 10, allow_nan=False), min_size=5, max_size=5),
    min_size=1,
    max_size=60,
)


@PROPERTY
@given(factor_rows)
def test_grade_within_bounds(rows):
    g = service_grade(rows)
    per_response = np.asarray(rows) @ np.array([DEFAULT_WEIGHTS[f] for f in FACTORS])
    assert 1.0 <= g.low <= g.value <= g.high <= 10.0
    assert per_response.min() - 1e-9 <= g.value <= per_response.max() + 1e-9
    assert g.verdict == grade_verdict(g.value)


# --- SERVQUAL gaps -----------------------------------------------------------------


def test_servqual_gaps_by_hand():
    perception = scores([8, 6, 7], [7, 6, 5], [9, 9, 9], [8, 8, 8], [6, 7, 8])
    expectation = scores([9, 8, 7], [9, 9, 9], [9, 9, 9], [7, 7, 7], [6, 7, 8])
    gaps = servqual_gaps(perception, expectation)
    t2 = 4.302652729749464
    # tangibles: differences -1, -2, 0 → mean -1, s = 1
    assert gaps["tangibles"].value == -1.0
    assert gaps.tangibles.low == pytest.approx(-1 - t2 / math.sqrt(3))
    assert gaps.tangibles.high == pytest.approx(-1 + t2 / math.sqrt(3))
    # reliability: -2, -3, -4 → mean -3, s = 1
    assert gaps["reliability"].value == -3.0
    assert gaps["reliability"].low == pytest.approx(-3 - t2 / math.sqrt(3))
    # responsiveness: no gap and no spread
    assert gaps["responsiveness"] == Gap(value=0.0, low=0.0, high=0.0, n=3, confidence=0.95)
    assert gaps["assurance"].value == 1.0
    assert gaps["empathy"].value == 0.0
    # overall: per-response means of the five differences: -0.4, -0.8, -0.6
    overall = np.array([-0.4, -0.8, -0.6])
    assert gaps.overall.value == pytest.approx(-0.6)
    margin = t2 * overall.std(ddof=1) / math.sqrt(3)
    assert gaps.overall.low == pytest.approx(-0.6 - margin)
    assert gaps.overall.n == 3


def test_servqual_gaps_is_a_mapping_of_the_five_factors():
    gaps = servqual_gaps(scores(8, 8, 8, 8, 8), scores(9, 9, 9, 9, 9))
    assert list(gaps) == list(FACTORS)
    assert len(gaps) == 5
    assert "overall" not in gaps
    assert dict(gaps)["empathy"].value == -1.0
    assert gaps.overall.value == -1.0
    assert (gaps.overall.low, gaps.overall.high) == (-9.0, 9.0)  # one response
    with pytest.raises(KeyError):
        gaps["price"]


@PROPERTY
@given(factor_rows)
def test_no_gap_when_perception_meets_expectation(rows):
    gaps = servqual_gaps(rows, rows)
    for gap in [*gaps.values(), gaps.overall]:
        assert gap.value == 0.0
        assert -9.0 <= gap.low <= 0.0 <= gap.high <= 9.0


def test_a_kept_promise_alone_earns_a_rebuy_and_everything_else_alone_does_not():
    """Seed 002: keeping the promise can earn a 6 on its own; the four other factors together
    earn at most a 4 (the old 0.5 / 0.125 weights failed a kept promise)."""
    assert service_grade(scores(1, 10, 1, 1, 1)).verdict == "will_buy_again"  # 6.4
    assert service_grade(scores(10, 1, 10, 10, 10)).verdict == "failed"  # 4.6


def test_custom_weights_must_give_reliability_more_than_half():
    with pytest.raises(ValueError, match=r"more than 0\.5"):
        service_grade(scores(5, 5, 5, 5, 5), weights=[0.125, 0.5, 0.125, 0.125, 0.125])
