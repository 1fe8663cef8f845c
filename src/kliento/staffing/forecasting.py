"""Forecasting contacts per interval: a few honest candidate models, chosen by backtest.

The history is a grid of local days × intervals of the day (15, 30 or 60 minutes). Days that
were public holidays or closures are left out of the training (they would teach the model a
quiet Monday); forecast days that are closures get zero, and public holidays the profile of
the quietest weekday.

Candidates (all on the grid, numpy only):

* ``seasonal_naive`` — the same interval one week earlier;
* ``weekly_mean`` — the mean of the same interval on the same weekday over the last three weeks;
* ``weekly_median`` — their median (robust to one odd week);
* ``profile_level`` — each weekday's volume (the mean of its last three days) spread over the
  day by its intraday shape, the shape pooled over three weeks and smoothed over neighbouring
  intervals so that the noise of one interval does not become the plan;
* ``profile_trend`` — as ``profile_level``, with the level scaled by the last week against the
  three before (damped by half), for a level shift or a trend;
* ``combined`` — the mean of ``weekly_mean`` and ``profile_level`` (combinations are rarely
  worst: Makridakis et al., "The M4 Competition", 2020).

Models are compared by rolling-origin backtest (Tashman 2000, "Out-of-sample tests of
forecasting accuracy"): from each of up to four weekly origins before the end of the history,
forecast the next seven days from what was known then; the lowest WAPE
(``Σ|actual − forecast| / Σ actual``) wins, and its MASE (mean absolute error over that of the
in-sample seasonal naive, Hyndman & Koehler 2006) is reported beside it. Prediction intervals
are negative-binomial: variance ``μ + φ·μ²``, with ``φ`` estimated from the backtest errors.

>>> import numpy as np
>>> rng = np.random.default_rng(1)
>>> shape = np.r_[np.zeros(14), np.full(6, 8.0), np.full(4, 20.0), np.full(10, 12.0), np.zeros(14)]
>>> history = rng.poisson(np.tile(shape, (21, 1)))
>>> result = forecast_grid(history, first_weekday=0, horizon_days=7)
>>> result.offered.shape, result.model in MODELS
((7, 48), True)
>>> result.backtest_wape < 0.35
True
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

__all__ = [
    "MODELS",
    "ForecastResult",
    "forecast_calendar",
    "forecast_grid",
    "holiday_dates",
    "mase",
    "wape",
]

WEEK = 7
WEEKS_REMEMBERED = 3
# A two-sided 80 % interval: what a planner reads as "usually between".
Z_80 = 1.2815515655446004


@dataclass(frozen=True, slots=True)
class ForecastResult:
    """Contacts per interval for ``offered.shape[0]`` days after the history.

    ``offered``, ``low`` and ``high`` are arrays (days × intervals of the day) of expected
    contacts and the 80 % prediction interval; ``model`` the chosen candidate;
    ``backtest_wape`` its backtest WAPE (share, 0 = perfect) and ``backtest_mase`` its MASE
    (1 = as good as the seasonal naive in sample); ``scores`` every candidate's backtest WAPE.
    """

    offered: np.ndarray
    low: np.ndarray
    high: np.ndarray
    model: str
    backtest_wape: float
    backtest_mase: float
    scores: dict[str, float]


def wape(actual, forecast) -> float:
    """Weighted absolute percentage error: ``Σ|actual − forecast| / Σ actual``.

    >>> wape([10, 0, 30], [12, 1, 27])
    0.15
    """
    actual = np.asarray(actual, dtype=float)
    forecast = np.asarray(forecast, dtype=float)
    total = actual.sum()
    if total <= 0:
        raise ValueError("actual must contain some contacts to score a forecast against")
    return float(np.abs(actual - forecast).sum() / total)


def mase(actual, forecast, history, season: int) -> float:
    """Mean absolute scaled error: MAE of the forecast over the in-sample MAE of the seasonal
    naive with period ``season`` (Hyndman & Koehler 2006).

    >>> mase([10, 12], [11, 12], history=[8, 10, 9, 11], season=2)
    0.5
    """
    history = np.asarray(history, dtype=float).ravel()
    scale = np.nanmean(np.abs(history[season:] - history[:-season]))
    if not scale > 0:
        return math.nan
    error = np.abs(np.asarray(actual, dtype=float) - np.asarray(forecast, dtype=float))
    return float(np.nanmean(error) / scale)


def holiday_dates(country: str, years) -> set[date]:
    """The public holidays of ``country`` (ISO code: ``lt``, ``lv``, ``pl``, …) in ``years``,
    from the ``holidays`` package; days that are not days off (Mother's Day) are left out.

    >>> date(2026, 12, 24) in holiday_dates("lt", [2026])
    True
    """
    import holidays  # imported here: only the callers that need calendars pay for them

    try:
        calendar = holidays.country_holidays(country.upper(), years=list(years))
    except NotImplementedError:
        raise ValueError(f"country {country!r} has no holiday calendar") from None
    # Sundays in the calendar (Mother's and Father's Day in Lithuania) are Sundays anyway.
    return {day for day in calendar if day.weekday() != 6}


def _smooth_shape(shape: np.ndarray) -> np.ndarray:
    """A [1, 2, 1]/4 kernel along the day, which keeps each day's total and its closed hours."""
    padded = np.pad(shape, ((0, 0), (1, 1)))
    smoothed = (padded[:, :-2] + 2 * padded[:, 1:-1] + padded[:, 2:]) / 4
    smoothed[shape == 0] = 0  # a closed interval stays closed
    totals = smoothed.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, smoothed * shape.sum(axis=1, keepdims=True) / totals, 0)


def _day_shape(rows: np.ndarray) -> np.ndarray:
    """The share of a day's contacts in each interval, pooled over ``rows`` and smoothed."""
    shape = _smooth_shape(rows.sum(axis=0, keepdims=True))[0]
    total = shape.sum()
    return shape / total if total > 0 else shape


# Two weekdays whose shapes overlap this much (1 = identical) share their shape.
SIMILAR_SHAPES = 0.85


def _pooled_shape(history: np.ndarray, day_index: int, own: np.ndarray) -> np.ndarray:
    """Half the weekday's own shape, half the mean shape of the weekdays that look like it
    (Monday to Thursday usually do): five weekdays of data instead of one steady the shape."""
    similar = [own]
    for offset in range(1, WEEK):
        rows = np.nan_to_num(_same_weekday_rows(history, day_index + offset, WEEKS_REMEMBERED))
        other = _day_shape(rows)
        if other.sum() > 0 and 1 - 0.5 * np.abs(own - other).sum() >= SIMILAR_SHAPES:
            similar.append(other)
    return 0.5 * own + 0.5 * np.mean(similar, axis=0)


def _same_weekday_rows(history: np.ndarray, day_index: int, weeks: int) -> np.ndarray:
    """Rows of the last ``weeks`` same weekdays before ``day_index`` that were observed."""
    candidates = (day_index - WEEK * k for k in range(1, weeks + 2))
    rows = [i for i in candidates if 0 <= i < history.shape[0]][:weeks]
    picked = history[rows] if rows else np.full((1, history.shape[1]), np.nan)
    observed = ~np.isnan(picked).all(axis=1)
    return picked[observed] if observed.any() else picked


def _predict(model: str, history: np.ndarray, horizon: int) -> np.ndarray:
    """Forecast ``horizon`` days after ``history`` (days × intervals; NaN rows are unknown
    days) with one candidate. Days further than a week ahead reuse the forecast of a week before.
    """
    days, slots = history.shape
    forecast = np.zeros((horizon, slots))
    level_ratio = 1.0
    if model == "profile_trend":
        last = np.nansum(history[days - WEEK :])
        before = [np.nansum(history[days - WEEK * k : days - WEEK * (k - 1)]) for k in (2, 3, 4)]
        before = [b for b, k in zip(before, (2, 3, 4), strict=True) if days - WEEK * k >= 0]
        if before and np.mean(before) > 0:
            level_ratio = math.sqrt(last / np.mean(before))
    for step in range(min(horizon, WEEK)):
        rows = _same_weekday_rows(history, days + step, WEEKS_REMEMBERED)
        if model == "seasonal_naive":
            row = np.nan_to_num(rows[0])
        elif model == "weekly_mean":
            row = np.nan_to_num(np.nanmean(rows, axis=0))
        elif model == "weekly_median":
            row = np.nan_to_num(np.nanmedian(rows, axis=0))
        elif model in ("profile_level", "profile_trend", "combined", "profile_pooled"):
            clean = np.nan_to_num(rows)
            shape = _day_shape(clean)
            if model == "profile_pooled":
                shape = _pooled_shape(history, days + step, shape)
            row = shape * clean.sum(axis=1).mean() * level_ratio
            if model == "combined":
                row = (row + np.nan_to_num(np.nanmean(rows, axis=0))) / 2
        else:
            raise ValueError(f"model must be one of {', '.join(MODELS)}, got {model!r}")
        forecast[step] = row
    for step in range(WEEK, horizon):
        forecast[step] = forecast[step - WEEK]
    return forecast


MODELS = (
    "seasonal_naive",
    "weekly_mean",
    "weekly_median",
    "profile_level",
    "profile_trend",
    "profile_pooled",
    "combined",
)


def _backtest(history: np.ndarray, models) -> tuple[dict[str, float], dict[str, tuple]]:
    """Weekly rolling origins: up to four, each with at least one week of training before it."""
    days = history.shape[0]
    origins = [days - WEEK * k for k in range(1, 5) if days - WEEK * k >= WEEK]
    scores, errors = {}, {}
    for model in models:
        actual_all, forecast_all = [], []
        for origin in origins:
            actual = history[origin : origin + WEEK]
            known = ~np.isnan(actual)
            forecast = _predict(model, history[:origin], WEEK)
            actual_all.append(actual[known])
            forecast_all.append(forecast[known])
        if origins:
            actual_cat, forecast_cat = np.concatenate(actual_all), np.concatenate(forecast_all)
            scores[model] = wape(actual_cat, forecast_cat) if actual_cat.sum() > 0 else math.inf
            errors[model] = (actual_cat, forecast_cat)
    return scores, errors


def _dispersion(actual: np.ndarray, forecast: np.ndarray) -> float:
    """φ of a negative binomial ``var = μ + φμ²`` by moments over the backtest, never below 0."""
    busy = forecast > 0.5
    if busy.sum() < 10:
        return 0.0
    mu = forecast[busy]
    excess = ((actual[busy] - mu) ** 2 - mu) / mu**2
    return float(max(np.mean(excess), 0.0))


def forecast_grid(
    history,
    *,
    first_weekday: int,
    horizon_days: int,
    excluded_days=(),
    closed_days=(),
    holiday_days=(),
    models=MODELS,
) -> ForecastResult:
    """Forecast ``horizon_days`` of contacts per interval from ``history``, an array of
    days × intervals of the day (counts ≥ 0; NaN for intervals not observed).

    ``first_weekday`` is the weekday of the first history row (Monday = 0). Rows listed in
    ``excluded_days`` (indices into the history: holidays, closures, outages) do not train the
    models; ``closed_days`` and ``holiday_days`` are indices into the forecast (0 = the first
    day after the history): a closed day gets zero, a holiday the quietest weekday's profile.

    >>> forecast_grid([[1, 2]], first_weekday=0, horizon_days=0)
    Traceback (most recent call last):
    ...
    ValueError: horizon_days must be a whole number from 1 to 366, got 0
    """
    history = np.array(history, dtype=float)
    if history.ndim != 2 or history.shape[0] < 1 or history.shape[1] < 1:
        raise ValueError("history must be a non-empty grid of days × intervals")
    if (history[~np.isnan(history)] < 0).any():
        raise ValueError("history must not contain negative counts")
    if not isinstance(horizon_days, int) or not 1 <= horizon_days <= 366:
        raise ValueError(f"horizon_days must be a whole number from 1 to 366, got {horizon_days!r}")
    if not isinstance(first_weekday, int) or not 0 <= first_weekday <= 6:
        raise ValueError(f"first_weekday must be 0 (Monday) … 6, got {first_weekday!r}")
    models = tuple(models)
    if not models or any(m not in MODELS for m in models):
        raise ValueError(f"models must be among {', '.join(MODELS)}, got {models!r}")
    if history.shape[0] < WEEK:
        raise ValueError(
            f"history must cover at least {WEEK} days to learn the week, got {history.shape[0]}"
        )
    training = history.copy()
    for day in excluded_days:
        training[day] = np.nan
    scores, errors = _backtest(training, models)
    model = min(scores, key=scores.get) if scores else "weekly_mean"
    offered = _predict(model, training, horizon_days)
    phi = _dispersion(*errors[model]) if model in errors else 0.0
    if holiday_days:
        days = training.shape[0]
        weekday_totals = {
            (first_weekday + days + step) % WEEK: offered[step].sum()
            for step in range(min(horizon_days, WEEK))
        }
        quietest = min(weekday_totals, key=weekday_totals.get)
        quiet_row = offered[(quietest - first_weekday - days) % WEEK]
        for day in holiday_days:
            offered[day] = quiet_row
    for day in closed_days:
        offered[day] = 0
    spread = Z_80 * np.sqrt(offered + phi * offered**2)
    low = np.maximum(offered - spread, 0)
    high = offered + spread
    model_mase = (
        mase(*errors[model], history=training, season=WEEK * training.shape[1])
        if model in errors
        else math.nan
    )
    return ForecastResult(
        offered=offered,
        low=low,
        high=high,
        model=model,
        backtest_wape=scores.get(model, math.nan),
        backtest_mase=model_mase,
        scores=scores,
    )


def forecast_calendar(
    grid,
    *,
    first_day: date,
    horizon_days: int,
    country: str | None = None,
    closures=(),
    models=MODELS,
) -> ForecastResult:
    """:func:`forecast_grid` with dates: ``first_day`` is the local date of the grid's first
    row; ``country``'s public holidays and the ``closures`` (dates the manager entered) are
    kept out of the training, and closures in the forecast get zero.

    >>> grid = [[0, 5, 9, 3]] * 14
    >>> r = forecast_calendar(grid, first_day=date(2026, 12, 14), horizon_days=14, country="lt")
    >>> r.offered[10].tolist()  # 24 December 2026, Christmas Eve: the quietest weekday's profile
    [0.0, 5.0, 9.0, 3.0]
    """
    grid = np.asarray(grid, dtype=float)
    days = grid.shape[0]
    dates = [first_day + timedelta(days=i) for i in range(days + horizon_days)]
    closed = set(closures)
    public = holiday_dates(country, {d.year for d in dates}) if country else set()
    excluded = [i for i in range(days) if dates[i] in public or dates[i] in closed]
    future = dates[days:]
    return forecast_grid(
        grid,
        first_weekday=first_day.weekday(),
        horizon_days=horizon_days,
        excluded_days=excluded,
        closed_days=[i for i, d in enumerate(future) if d in closed],
        holiday_days=[i for i, d in enumerate(future) if d in public and d not in closed],
        models=models,
    )
