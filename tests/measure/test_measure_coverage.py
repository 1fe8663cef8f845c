"""Simulation: the 95 % intervals cover the true value about 95 % of the time.

Each test draws 2000 samples from a known population with a fixed seed and counts how
often the interval contains the population value. With 2000 draws the count's standard
error is about 0.5 percentage points, so 93–97 % is a generous but telling band.
"""

import numpy as np
import pytest

from kliento.measure import ces, csat, kv_index, nps

SIMULATIONS = 2000


def coverage(samples, measure, truth):
    hits = 0
    for sample in samples:
        r = measure(sample)
        hits += r.low <= truth <= r.high
    return hits / len(samples)


@pytest.mark.parametrize("n", [40, 150])
def test_nps_interval_coverage(n):
    rng = np.random.default_rng(20240611 + n)
    scores = np.arange(11)
    # 20 % detractors (0–6), 30 % passives (7–8), 50 % promoters (9–10): NPS = 30.
    probs = np.array([0.02, 0.02, 0.02, 0.03, 0.03, 0.03, 0.05, 0.15, 0.15, 0.2, 0.3])
    assert probs.sum() == pytest.approx(1.0)
    samples = rng.choice(scores, size=(SIMULATIONS, n), p=probs)
    assert 0.93 <= coverage(samples, nps, 30.0) <= 0.97


@pytest.mark.parametrize(("n", "top_box_share"), [(60, 0.7), (200, 0.9)])
def test_csat_interval_coverage(n, top_box_share):
    rng = np.random.default_rng(7 + n)
    rest = (1 - top_box_share) / 3
    probs = [rest, rest, rest, top_box_share / 2, top_box_share / 2]
    samples = rng.choice(np.arange(1, 6), size=(SIMULATIONS, n), p=probs)
    assert 0.93 <= coverage(samples, csat, 100 * top_box_share) <= 0.97


def test_ces_interval_coverage():
    rng = np.random.default_rng(99)
    values = np.arange(1, 8)
    probs = np.array([0.05, 0.10, 0.15, 0.25, 0.25, 0.15, 0.05])
    truth = float(values @ probs)  # 4.2
    samples = rng.choice(values, size=(SIMULATIONS, 40), p=probs)
    assert 0.93 <= coverage(samples, ces, truth) <= 0.97


def test_kv_interval_coverage():
    rng = np.random.default_rng(5)
    n = 50
    expectation = rng.integers(5, 11, size=(SIMULATIONS, n))
    experience = np.clip(expectation + rng.integers(-2, 2, size=(SIMULATIONS, n)), 1, 10)
    # Population mean ratio, from a very large independent draw of the same process.
    big_expectation = rng.integers(5, 11, size=2_000_000)
    big_experience = np.clip(big_expectation + rng.integers(-2, 2, size=2_000_000), 1, 10)
    truth = float(np.mean(big_experience / big_expectation))
    hits = sum(
        kv_index(exp, expt).low <= truth <= kv_index(exp, expt).high
        for exp, expt in zip(experience, expectation, strict=True)
    )
    assert 0.93 <= hits / SIMULATIONS <= 0.97
