"""Johnson's relative weights, checked against the published ``rwa`` example on mtcars."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kliento.measure import relative_weights

# R's `mtcars` (Henderson & Velleman 1981, from Motor Trend 1974), the columns needed:
# miles per US gallon, cylinders, displacement (cu. in.), gross horsepower, forward gears.
# fmt: off
MPG = [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4,
       10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7,
       15.0, 21.4]
CYL = [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6,
       8, 4]
DISP = [160.0, 160.0, 108.0, 258.0, 360.0, 225.0, 360.0, 146.7, 140.8, 167.6, 167.6, 275.8,
        275.8, 275.8, 472.0, 460.0, 440.0, 78.7, 75.7, 71.1, 120.1, 318.0, 304.0, 350.0, 400.0,
        79.0, 120.3, 95.1, 351.0, 145.0, 301.0, 121.0]
HP = [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52,
      65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109]
GEAR = [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5,
        5, 4]
# fmt: on

PROPERTY = settings(database=None, deadline=None, max_examples=60)


def test_mtcars_fixture_is_the_standard_data():
    assert [len(c) for c in (MPG, CYL, DISP, HP, GEAR)] == [32] * 5
    assert sum(MPG) == pytest.approx(642.9)  # mean mpg 20.09062
    assert (sum(CYL), sum(HP), sum(GEAR)) == (198, 4694, 118)
    assert sum(DISP) == pytest.approx(7383.1)


def test_reproduces_the_rwa_package_example():
    # rwa::rwa(mtcars, outcome = "mpg", predictors = c("cyl", "disp", "hp", "gear"))
    w = relative_weights({"cyl": CYL, "disp": DISP, "hp": HP, "gear": GEAR}, MPG)
    assert w.names == ("cyl", "disp", "hp", "gear")
    assert w.n == 32
    assert round(w.r_squared, 7) == 0.7791896
    assert [round(x, 7) for x in w.raw] == [0.2284797, 0.2221469, 0.2321744, 0.0963886]
    assert [round(x, 2) for x in w.rescaled] == [29.32, 28.51, 29.80, 12.37]
    assert sum(w.raw) == pytest.approx(w.r_squared, abs=1e-12)
    assert sum(w.rescaled) == pytest.approx(100.0, abs=1e-9)


def test_array_input_with_names_matches_mapping_input():
    X = np.column_stack([CYL, DISP, HP, GEAR])
    by_array = relative_weights(X, MPG, names=["cyl", "disp", "hp", "gear"])
    by_mapping = relative_weights({"cyl": CYL, "disp": DISP, "hp": HP, "gear": GEAR}, MPG)
    assert by_array == by_mapping
    unnamed = relative_weights(X, np.array(MPG))
    assert unnamed.names is None and unnamed.raw == by_array.raw


def test_r_squared_matches_ordinary_least_squares():
    X = np.column_stack([CYL, DISP, HP, GEAR])
    design = np.column_stack([np.ones(32), X])
    coef, *_ = np.linalg.lstsq(design, MPG, rcond=None)
    residual = np.asarray(MPG) - design @ coef
    ols_r2 = 1 - residual @ residual / np.sum((np.asarray(MPG) - np.mean(MPG)) ** 2)
    assert relative_weights(X, MPG).r_squared == pytest.approx(ols_r2, abs=1e-12)


def test_single_predictor_weight_is_squared_correlation():
    w = relative_weights(np.asarray(HP), MPG)
    r = np.corrcoef(HP, MPG)[0, 1]
    assert w.raw[0] == pytest.approx(r**2)
    assert w.rescaled == (100.0,)


def test_uncorrelated_predictors_get_their_squared_correlations():
    # Orthogonal, centred predictors: relative weights reduce to squared correlations.
    x1 = np.array([1, -1, 1, -1, 1, -1, 1, -1], dtype=float)
    x2 = np.array([1, 1, -1, -1, 1, 1, -1, -1], dtype=float)
    y = 2 * x1 + x2 + np.array([0.3, -0.2, 0.1, 0.4, -0.3, 0.2, -0.1, -0.4])
    w = relative_weights(np.column_stack([x1, x2]), y)
    assert w.raw[0] == pytest.approx(np.corrcoef(x1, y)[0, 1] ** 2)
    assert w.raw[1] == pytest.approx(np.corrcoef(x2, y)[0, 1] ** 2)


@PROPERTY
@given(st.integers(0, 2**32 - 1), st.integers(1, 5), st.integers(0, 30))
def test_weights_add_up_to_r_squared(seed, k, extra):
    rng = np.random.default_rng(seed)
    n = k + 2 + extra
    X = rng.normal(size=(n, k)) @ rng.normal(size=(k, k))  # correlated predictors
    y = X @ rng.normal(size=k) + rng.normal(size=n)
    w = relative_weights(X, y)
    assert all(x >= -1e-12 for x in w.raw)
    assert sum(w.raw) == pytest.approx(w.r_squared, abs=1e-9)
    assert sum(w.rescaled) == pytest.approx(100.0)
    assert 0.0 < w.r_squared <= 1.0 + 1e-12
