"""Bad input raises ValueError saying what is wrong and where — never a silent NaN."""

import re
from decimal import Decimal

import numpy as np
import pytest

from kliento.measure import (
    FACTORS,
    ces,
    compare,
    csat,
    kv_index,
    nps,
    relative_weights,
    service_grade,
    servqual_gaps,
)

NAN = float("nan")
INF = float("inf")


def raises(message):
    return pytest.raises(ValueError, match=re.escape(message))


def factors(**overrides):
    base = {f: [7, 8, 9] for f in FACTORS}
    return base | overrides


# --- scores: range, whole numbers, missing values -----------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: nps([9, 10, 7, 11]), "NPS score 11 at position 3 is outside 0–10"),
        (lambda: nps([-1]), "NPS score -1 at position 0 is outside 0–10"),
        (lambda: nps([9, 12, 13]), "NPS score 12 at position 1 is outside 0–10 (2 such values"),
        (
            lambda: nps([9, 7.5]),
            "NPS score 7.5 at position 1 is not a whole number; NPS scores are integers 0–10",
        ),
        (lambda: nps([9, NAN]), "NPS score at position 1 is NaN"),
        (lambda: nps([9, 8, INF]), "NPS score at position 2 is infinite"),
        (lambda: nps(np.array([1.0, np.nan, np.nan])), "position 1 is NaN (missing?) (2 such"),
        (lambda: csat([5, 6]), "CSAT score 6 at position 1 is outside 1–5"),
        (lambda: csat([0, 5]), "CSAT score 0 at position 0 is outside 1–5"),
        (lambda: csat([7, 8], scale=7), "CSAT score 8 at position 1 is outside 1–7"),
        (lambda: csat([4.5]), "CSAT score 4.5 at position 0 is not a whole number"),
        (lambda: ces([1, 8]), "CES score 8 at position 1 is outside 1–7"),
        (lambda: ces([0]), "CES score 0 at position 0 is outside 1–7"),
        (lambda: ces([3.2]), "CES score 3.2 at position 0 is not a whole number"),
        (lambda: ces([NAN, 1]), "CES score at position 0 is NaN"),
        (lambda: kv_index([5, 11], [5, 5]), "experience score 11 at position 1 is outside 1–10"),
        (lambda: kv_index([5, 5], [5, 0]), "expectation score 0 at position 1 is outside 1–10"),
        (lambda: kv_index([5, NAN], [5, 5]), "experience score at position 1 is NaN"),
    ],
)
def test_out_of_range_non_integer_and_missing_scores(call, message):
    with raises(message):
        call()


# --- empty, non-numeric and misshapen input ----------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: nps([]), "no NPS scores given: need at least one"),
        (lambda: nps(np.array([])), "no NPS scores given"),
        (lambda: csat(()), "no CSAT scores given"),
        (lambda: ces([]), "no CES scores given"),
        (lambda: kv_index([], []), "no experience scores given"),
        (lambda: nps(None), "NPS scores are missing (got None)"),
        (lambda: nps("9, 10"), "NPS scores must be a sequence of numbers, got the string"),
        (lambda: nps([9, "10"]), "NPS score at position 1 is not a number: '10'"),
        (lambda: nps(["a", "b"]), "NPS score at position 0 is not a number: 'a'"),
        (lambda: nps([9, None, 7]), "NPS score at position 1 is missing (None)"),
        (lambda: nps([Decimal(9), object()]), "NPS score at position 1 is not a number"),
        (lambda: nps([True, False]), "NPS scores must be numbers, got booleans"),
        (lambda: nps([1 + 2j]), "NPS scores must be real numbers, got complex numbers"),
        (lambda: nps(9), "expected a sequence of NPS scores, got the single number 9"),
        (lambda: nps({"a": 9}), "NPS scores must be a sequence of numbers, got a mapping"),
        (lambda: nps([[9, 10], [8]]), "NPS scores must be a flat sequence of numbers"),
        (
            lambda: nps([[9, 10], [8, 7]]),
            "NPS scores must be a flat sequence, got an array of shape (2, 2)",
        ),
        (lambda: nps(3.5), "expected a sequence of NPS scores"),
        (lambda: nps(object()), "NPS scores must be a sequence of numbers, got object"),
    ],
)
def test_empty_non_numeric_and_misshapen_input(call, message):
    with raises(message):
        call()


def test_decimals_and_generators_are_accepted():
    assert nps([Decimal(10), Decimal(9), Decimal(3)]).value == nps([10, 9, 3]).value
    assert nps(x for x in [10, 9, 3]).n == 3


# --- parameters --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: nps([9], confidence=95),
            "confidence must be strictly between 0 and 1, got 95 (did you mean 0.95?)",
        ),
        (lambda: nps([9], confidence=0), "confidence must be strictly between 0 and 1, got 0"),
        (lambda: nps([9], confidence=1), "confidence must be strictly between 0 and 1, got 1"),
        (lambda: nps([9], confidence=NAN), "confidence must be strictly between 0 and 1"),
        (lambda: nps([9], confidence="0.95"), "confidence must be a number between 0 and 1"),
        (lambda: csat([5], confidence=True), "confidence must be a number between 0 and 1"),
        (lambda: csat([5], scale=1), "scale must be at least 2, got 1"),
        (lambda: csat([5], scale=5.0), "scale must be a whole number, got 5.0"),
        (lambda: csat([5], top_box=5), "top_box must be at most 4, got 5"),
        (lambda: csat([5], top_box=0), "top_box must be at least 1, got 0"),
        (lambda: ces([5], scale="7"), "scale must be a whole number, got '7'"),
        (
            lambda: kv_index([5], [5], tolerance=-0.1),
            "tolerance must be between 0 and 1 (exclusive), got -0.1",
        ),
        (lambda: kv_index([5], [5], tolerance=1), "tolerance must be between 0 and 1"),
        (lambda: kv_index([5], [5], tolerance=NAN), "tolerance must be between 0 and 1"),
        (lambda: kv_index([5], [5], tolerance=None), "tolerance must be a number, got None"),
    ],
)
def test_bad_parameters(call, message):
    with raises(message):
        call()


# --- paired input ------------------------------------------------------------------


def test_kv_mismatched_lengths():
    with raises("experience has 3 scores but expectation has 2; they must be paired"):
        kv_index([5, 6, 7], [5, 6])


# --- service grade and SERVQUAL ----------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: service_grade({"reliability": 8}),
            "factors are missing tangibles, responsiveness, assurance, empathy",
        ),
        (lambda: service_grade(factors(price=[1, 2, 3])), "factors have unknown keys 'price'"),
        (
            lambda: service_grade(factors(empathy=[7, 11, 9])),
            "empathy score 11 at position 1 is outside 1–10",
        ),
        (lambda: service_grade(factors(empathy=[7, NAN, 9])), "empathy score at position 1 is NaN"),
        (lambda: service_grade(factors(empathy=[])), "no empathy scores given"),
        (
            lambda: service_grade(factors(assurance=[7, 8])),
            "assurance has 2 scores but tangibles has 3; factor scores must be paired",
        ),
        (
            lambda: service_grade(factors(reliability=8)),
            "factors must be all single scores or all sequences",
        ),
        (
            lambda: service_grade({f: 8 for f in FACTORS} | {"reliability": 0}),
            "reliability score 0 is outside 1–10",
        ),
        (
            lambda: service_grade({f: 8 for f in FACTORS} | {"tangibles": NAN}),
            "tangibles score is nan",
        ),
        (
            lambda: service_grade({f: 8 for f in FACTORS} | {"tangibles": "8"}),
            "factors must be all single scores or all sequences",
        ),
        (
            lambda: service_grade(np.ones((3, 4))),
            "or an n×5 array in that column order, got an array of shape (3, 4)",
        ),
        (lambda: service_grade([8, 9, 7, 8, 9]), "got an array of shape (5,)"),
        (lambda: service_grade(np.ones((0, 5))), "no factor scores given"),
        (lambda: service_grade([[8, 9, 7, 8, 12]]), "empathy score 12 at position 0 is outside"),
        (lambda: service_grade(None), "factor scores are missing (got None)"),
    ],
)
def test_bad_factor_scores(call, message):
    with raises(message):
        call()


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({f: 0.2 for f in FACTORS}, "reliability must weigh more than 0.5 of the grade"),
        (
            {f: 0.125 for f in FACTORS} | {"reliability": 0.6},
            "weights must sum to 1, they sum to 1.1",
        ),
        ([0.1, 0.6, 0.1, 0.1, 0.2], "weights must sum to 1"),
        ({"reliability": 1.0}, "weights are missing tangibles"),
        ({f: 0.125 for f in FACTORS} | {"price": 0.0}, "weights have unknown keys 'price'"),
        ([0.5, 0.5], "weights must have one number per factor (5), got 2"),
        ([-0.25, 0.75, 0.25, 0.125, 0.125], "weight of tangibles must not be negative"),
        ([NAN, 0.5, 0.25, 0.125, 0.125], "weight of tangibles must be a finite number"),
        ("equal", "weights must be a mapping factor → weight or 5 numbers"),
    ],
)
def test_bad_weights(weights, message):
    with raises(message):
        service_grade({f: 8 for f in FACTORS}, weights=weights)


def test_servqual_names_the_side_at_fault():
    good = factors()
    with raises("perception empathy score 0 at position 2 is outside 1–10"):
        servqual_gaps(factors(empathy=[7, 8, 0]), good)
    with raises("expectation factors are missing empathy"):
        servqual_gaps(good, {f: [7, 8, 9] for f in FACTORS[:4]})
    with raises("perception has 3 responses but expectation has 2; they must be paired"):
        servqual_gaps(good, {f: [7, 8] for f in FACTORS})
    with raises("confidence must be strictly between 0 and 1"):
        servqual_gaps(good, good, confidence=2)


# --- relative weights --------------------------------------------------------------


X3 = [[1, 4], [2, 3], [3, 5], [4, 1], [5, 2], [6, 6]]
Y3 = [1, 3, 2, 5, 4, 6]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: relative_weights(X3, Y3[:5]), "X has 6 rows but y has 5 values"),
        (
            lambda: relative_weights([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1]], [1, 2, 3, 5, 4]),
            "predictor column 1 is constant",
        ),
        (
            lambda: relative_weights({"a": [1, 2, 3, 4], "b": [5, 5, 5, 5]}, [1, 2, 4, 3]),
            "predictor b is constant",
        ),
        (lambda: relative_weights(X3, [2] * 6), "y is constant"),
        (
            lambda: relative_weights([[1, 2], [2, 4], [3, 6], [4, 8], [5, 10.0]], [1, 3, 2, 5, 4]),
            "predictors are perfectly collinear",
        ),
        (
            lambda: relative_weights([[1, 2], [2, 1], [3, 3]], [1, 2, 3]),
            "need at least 4 observations for 2 predictors, got 3",
        ),
        (
            lambda: relative_weights([[1, 2], [NAN, 1], [3, 3], [4, 4]], [1, 2, 3, 4]),
            "predictor value at row 1, column 0 is NaN",
        ),
        (lambda: relative_weights(X3, [1, 2, NAN, 4, 5, 6]), "outcome value at position 2 is NaN"),
        (lambda: relative_weights(X3, Y3, names=["a"]), "names must give one name per column"),
        (lambda: relative_weights(X3, Y3, names=["a", "a"]), "names must be unique"),
        (
            lambda: relative_weights({"a": [1, 2, 3]}, [1, 2, 3], names=["a"]),
            "give names either as the keys of X or as names=, not both",
        ),
        (
            lambda: relative_weights({"a": [1, 2, 3, 4], "b": [1, 2, 3]}, [1, 2, 3, 4]),
            "predictor 'b' has 3 values but 'a' has 4",
        ),
        (lambda: relative_weights({}, [1, 2]), "no predictors given"),
        (lambda: relative_weights(np.ones((3, 2, 2)), [1, 2, 3]), "X must be an n×k array"),
        (lambda: relative_weights([[1, "x"], [2, 3]], [1, 2]), "predictor value"),
        (
            lambda: relative_weights([-2, -1, 0, 1, 2], [1, -1, 0, -1, 1]),
            "y is uncorrelated with every predictor (R² = 0)",
        ),
    ],
)
def test_bad_relative_weights_input(call, message):
    with raises(message):
        call()


# --- compare -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: compare([9], [10], "mean"),
            "unknown metric 'mean'; choose one of nps, csat, ces, kv",
        ),
        (
            lambda: compare([9], [10], "nps", scale=10),
            "scale applies only to metrics 'csat' and 'ces', not 'nps'",
        ),
        (
            lambda: compare([9], [10], "nps", top_box=1),
            "top_box applies only to metric 'csat', not 'nps'",
        ),
        (
            lambda: compare([5, 6], [5, 6], "ces", tolerance=0.1),
            "tolerance applies only to metric 'kv', not 'ces'",
        ),
        (lambda: compare([9], [10, 11], "nps"), "NPS score 11 at position 1 is outside 0–10"),
        (lambda: compare([], [10], "nps"), "no NPS scores given"),
        (
            lambda: compare([5], [4, 5], "ces"),
            "group a has 1 response; comparing ces by Welch's "
            "t test needs at least 2 in each group",
        ),
        (lambda: compare([5, 6], [4], "ces"), "group b has 1 response"),
        (
            lambda: compare([5, 6], [5, 8], "ces", scale=5),
            "CES score 6 at position 1 is outside 1–5",
        ),
        (
            lambda: compare([5, 6, 7], [5, 6], "kv"),
            "group a must be a pair (experience, expectation)",
        ),
        (
            lambda: compare([5, 6], [5, 6], "kv"),
            "expected a sequence of experience scores, got the single number 5",
        ),
        (
            lambda: compare(([5, 6], [5, 6]), {"experience": [5, 6]}, "kv"),
            "kv group b is missing expectation",
        ),
        (
            lambda: compare(([5, 6], [5, 6, 7]), ([5, 6], [5, 6]), "kv"),
            "experience has 2 scores but expectation has 3",
        ),
        (lambda: compare([9], [10], "nps", confidence=1.5), "confidence must be strictly between"),
    ],
)
def test_bad_compare_input(call, message):
    with raises(message):
        call()
