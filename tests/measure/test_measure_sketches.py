"""The log histogram keeps its promise: percentiles within α of the exact interpolated ones on
skewed data, whatever the order in which pieces are merged."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kliento.measure.sketches import DEFAULT_RELATIVE_ACCURACY, LogHistogram, bin_of

ALPHA = DEFAULT_RELATIVE_ACCURACY
FRACTIONS = (0.0, 0.1, 0.5, 0.9, 0.99, 1.0)


def within_bound(estimate: float, exact: float, alpha: float = ALPHA) -> bool:
    return abs(estimate - exact) <= alpha * exact * (1 + 1e-9) + 1e-12


def test_percentiles_of_skewed_durations_stay_within_the_stated_error():
    rng = np.random.default_rng(21)
    # Waiting times: log-normal with a heavy tail, whole seconds, some zeros.
    values = np.floor(rng.lognormal(mean=6, sigma=1.5, size=50_000)).astype(int)
    sketch = LogHistogram.of(values.tolist())
    for fraction in FRACTIONS:
        exact = float(np.quantile(values, fraction))
        assert within_bound(sketch.quantile(fraction), exact), fraction


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e7, allow_nan=False), min_size=1,
                max_size=300),
       st.sampled_from((*FRACTIONS, 0.25, 0.75)))
def test_any_data_any_fraction_within_the_bound(values, fraction):
    exact = float(np.quantile(np.array(values), fraction))
    assert within_bound(LogHistogram.of(values).quantile(fraction), exact)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=10**6), max_size=80),
                min_size=1, max_size=8),
       st.randoms(use_true_random=False))
def test_merging_in_any_order_gives_the_same_histogram(pieces, shuffler):
    sketches = [LogHistogram.of(piece) for piece in pieces]
    forward = LogHistogram()
    for sketch in sketches:
        forward = forward.merge(sketch)
    shuffled = list(sketches)
    shuffler.shuffle(shuffled)
    # A tree of merges in another order.
    while len(shuffled) > 1:
        shuffled = [shuffled[i].merge(shuffled[i + 1]) if i + 1 < len(shuffled)
                    else shuffled[i] for i in range(0, len(shuffled), 2)]
    assert shuffled[0] == forward
    assert forward == LogHistogram.of([v for piece in pieces for v in piece])


def test_stored_form_round_trips():
    sketch = LogHistogram.of([0, 0, 1, 7, 7, 3600, 86_400])
    assert LogHistogram.from_dict(sketch.as_dict()) == sketch


def test_negative_values_and_bad_fractions_are_refused():
    with pytest.raises(ValueError):
        LogHistogram().add(-1)
    with pytest.raises(ValueError):
        LogHistogram.of([1]).quantile(1.5)
    with pytest.raises(ValueError):
        bin_of(0)


def test_histograms_of_different_accuracy_do_not_merge():
    with pytest.raises(ValueError):
        LogHistogram(relative_accuracy=0.01).merge(LogHistogram(relative_accuracy=0.02))


def test_an_empty_histogram_has_no_percentile():
    assert LogHistogram().quantile(0.5) is None


def test_one_value_is_every_percentile():
    value = random.Random(3).uniform(1, 1e5)
    sketch = LogHistogram.of([value])
    assert all(within_bound(sketch.quantile(f), value) for f in FRACTIONS)
