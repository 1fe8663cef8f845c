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
  worst: Makridakis et al., "The M4 Competition", 2020);
* ``weekly_profile`` — for sparse channels (a chat with 15 contacts a week): the mean weekly
  total of the last three weeks, spread over the days by each weekday's share and over the
  day by a shape pooled over the whole history and every weekday (each weekday's own counts
  shrunk towards it), smoothed across the usual hours (the odd contact in the night, the
  outer :data:`FRINGE` of them, does not open the night). Per interval it never forecasts the
  zero that the medians of a sparse series are.

Models are compared by rolling-origin backtest (Tashman 2000, "Out-of-sample tests of
forecasting accuracy"): from each of up to four weekly origins before the end of the history,
forecast the next seven days from what was known then. The lowest mean *squared* error wins,
scored as RMSSE against the seasonal naive over the same backtest (1 = as good as "the same
interval a week earlier"): the staffing needs the expected number of contacts, and absolute
errors (WAPE, MASE) are smallest for the median — which on a sparse series is zero in almost
every interval, so they would choose a plan of no contacts (why the M5 competition scored
intermittent series by RMSSE: Makridakis, Spiliotis & Assimakopoulos 2022). The chosen
model's WAPE (``Σ|actual − forecast| / Σ actual``) per interval and per day, and its MASE
(Hyndman & Koehler 2006), are reported beside it. A series with fewer than
:data:`SPARSE_PER_INTERVAL` contacts per open interval is *sparse*: per interval any forecast
misses most contacts (a WAPE near or above 100 %), so its error is read on day totals.
Prediction intervals are negative-binomial: variance ``μ + φ·μ²``, with ``φ`` estimated from
the backtest errors.

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
import warnings
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
# Fewer contacts than this per open interval on average: too few to forecast interval by
# interval (a Poisson count with mean 0.3 is zero three times in four).
SPARSE_PER_INTERVAL = 1.0
# The pseudo-contacts of the pooled shape a weekday's own shape is shrunk towards.
SHAPE_PRIOR = 20.0
# A two-sided 80 % interval: what a planner reads as "usually between".
Z_80 = 1.2815515655446004


@dataclass(frozen=True, slots=True)
class ForecastResult:
    """Contacts per interval for ``offered.shape[0]`` days after the history.

    ``offered``, ``low`` and ``high`` are arrays (days × intervals of the day) of expected
    contacts and the 80 % prediction interval; ``model`` the chosen candidate;
    ``backtest_wape`` its backtest WAPE per interval (share, 0 = perfect),
    ``backtest_daily_wape`` its WAPE on day totals and ``backtest_mase`` its MASE (1 = as
    good as the seasonal naive in sample); ``scores`` every candidate's backtest RMSSE (the
    choosing score; 1 = the seasonal naive's), ``wapes`` their WAPE per interval; ``sparse``
    when the history has fewer than :data:`SPARSE_PER_INTERVAL` contacts per open interval.
    """

    offered: np.ndarray
    low: np.ndarray
    high: np.ndarray
    model: str
    backtest_wape: float
    backtest_mase: float
    scores: dict[str, float]
    wapes: dict[str, float]
    backtest_daily_wape: float
    sparse: bool
    weekly_contacts: float  # the history's mean contacts a week (observed days)


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


# The share of a sparse channel's contacts left out at each end of its usual hours: the odd
# chat at 01:00 should not put an agent on every night of the week.
FRINGE = 0.025


def _open_span(counts: np.ndarray, fringe: float = 0.0) -> np.ndarray:
    """The intervals from the first to the last that had a contact: the open hours; with
    ``fringe``, less the ends holding no more than that share of the contacts."""
    cumulative = np.cumsum(counts)
    span = np.zeros(counts.shape, dtype=bool)
    if cumulative.size and cumulative[-1] > 0:
        total = cumulative[-1]
        first = int(np.flatnonzero(cumulative > fringe * total)[0])
        last = int(np.flatnonzero(cumulative >= (1 - fringe) * total)[0])
        span[first : last + 1] = True
    return span


def _spread(counts: np.ndarray, span: np.ndarray) -> np.ndarray:
    """Counts smoothed by a [1, 2, 3, 2, 1]/9 kernel inside the open span, as shares."""
    kernel = np.array([1.0, 2.0, 3.0, 2.0, 1.0]) / 9
    smoothed = np.convolve(np.pad(counts, 2), kernel, mode="valid") * span
    total = smoothed.sum()
    return smoothed / total if total > 0 else span / max(span.sum(), 1)



def _by_column(statistic, rows: np.ndarray) -> np.ndarray:
    """``statistic`` (NumPy's nan-aware mean or median) of each interval over the remembered
    weeks, 0 where none has data: a weekday the history has not reached yet is all-NaN, which
    is no contacts to plan for, not a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nan_to_num(statistic(rows, axis=0))

def _weekly_profile(history: np.ndarray, horizon: int) -> np.ndarray:
    """The ``weekly_profile`` candidate (see the module's note): weekly total × weekday share ×
    intraday shape, both shares from the whole history."""
    days, slots = history.shape
    recent = history[max(0, days - WEEK * WEEKS_REMEMBERED) :]
    observed = ~np.isnan(recent).all(axis=1)
    level = WEEK * np.nansum(recent[observed]) / max(int(observed.sum()), 1)
    everything = history[~np.isnan(history).all(axis=1)]
    span = _open_span(np.nansum(everything, axis=0), FRINGE)
    pooled = _spread(np.nansum(everything, axis=0), span)
    weekday_rows = [_same_weekday_rows(history, days + step, days) for step in range(WEEK)]
    own = [np.nansum(rows, axis=0) for rows in weekday_rows]
    per_day = np.array([c.sum() / max(len(rows), 1) for c, rows in zip(own, weekday_rows,
                                                                         strict=True)])
    # A weekday that never had a contact is closed; the others get two pseudo-contacts so that
    # one quiet Tuesday does not empty the Tuesdays.
    share = np.where(per_day > 0, per_day + 2.0 / max(days // WEEK, 1), 0.0)
    share = share / share.sum() if share.sum() > 0 else share
    forecast = np.zeros((horizon, slots))
    for step in range(min(horizon, WEEK)):
        shape = _spread((own[step] + SHAPE_PRIOR * pooled) / (own[step].sum() + SHAPE_PRIOR),
                        span)
        forecast[step] = level * share[step] * shape
    for step in range(WEEK, horizon):
        forecast[step] = forecast[step - WEEK]
    return forecast


def _predict(model: str, history: np.ndarray, horizon: int) -> np.ndarray:
    """Forecast ``horizon`` days after ``history`` (days × intervals; NaN rows are unknown
    days) with one candidate. Days further than a week ahead reuse the forecast of a week before.
    """
    if model == "weekly_profile":
        return _weekly_profile(history, horizon)
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
            row = _by_column(np.nanmean, rows)
        elif model == "weekly_median":
            row = _by_column(np.nanmedian, rows)
        elif model in ("profile_level", "profile_trend", "combined", "profile_pooled"):
            clean = np.nan_to_num(rows)
            shape = _day_shape(clean)
            if model == "profile_pooled":
                shape = _pooled_shape(history, days + step, shape)
            row = shape * clean.sum(axis=1).mean() * level_ratio
            if model == "combined":
                row = (row + _by_column(np.nanmean, rows)) / 2
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
    "weekly_profile",
)


@dataclass(frozen=True, slots=True)
class _Backtest:
    scores: dict[str, float]  # RMSSE against the seasonal naive: the choosing score
    wapes: dict[str, float]  # per interval
    daily_wapes: dict[str, float]  # on day totals
    errors: dict[str, tuple]  # model → (actual, forecast) over the known intervals


def _backtest(history: np.ndarray, models) -> _Backtest:
    """Weekly rolling origins: up to four, each with at least one week of training before it."""
    days = history.shape[0]
    origins = [days - WEEK * k for k in range(1, 5) if days - WEEK * k >= WEEK]
    squared, wapes, daily_wapes, errors = {}, {}, {}, {}
    scored = tuple(models) + (() if "seasonal_naive" in models else ("seasonal_naive",))
    for model in scored:
        actual_all, forecast_all, actual_days, forecast_days = [], [], [], []
        for origin in origins:
            actual = history[origin : origin + WEEK]
            known = ~np.isnan(actual)
            forecast = _predict(model, history[:origin], WEEK)
            actual_all.append(actual[known])
            forecast_all.append(forecast[known])
            actual_days.append(np.where(known, actual, 0).sum(axis=1))
            forecast_days.append(np.where(known, forecast, 0).sum(axis=1))
        if origins:
            actual_cat, forecast_cat = np.concatenate(actual_all), np.concatenate(forecast_all)
            some = actual_cat.sum() > 0
            squared[model] = float(np.mean((actual_cat - forecast_cat) ** 2))
            wapes[model] = wape(actual_cat, forecast_cat) if some else math.inf
            daily_wapes[model] = (wape(np.concatenate(actual_days), np.concatenate(forecast_days))
                                  if some else math.inf)
            errors[model] = (actual_cat, forecast_cat)
    naive = squared.get("seasonal_naive", 0.0)
    scores = {model: math.sqrt(squared[model] / naive) if naive > 0 else
              (0.0 if squared[model] == 0 else math.inf) for model in models if model in squared}
    return _Backtest(scores, {m: wapes[m] for m in scores}, {m: daily_wapes[m] for m in scores},
                     errors)


def _is_sparse(history: np.ndarray) -> tuple[bool, float]:
    """Fewer than SPARSE_PER_INTERVAL contacts per open interval (within each weekday's span
    of intervals that ever had a contact), and the mean contacts a week."""
    observed = history[~np.isnan(history).all(axis=1)]
    if observed.size == 0:
        return True, 0.0
    weekly = WEEK * float(np.nansum(observed)) / observed.shape[0]
    open_intervals = sum(int(_open_span(np.nansum(observed[weekday::WEEK], axis=0)).sum())
                         for weekday in range(WEEK))
    return weekly < SPARSE_PER_INTERVAL * max(open_intervals, 1), weekly


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
    backtest = _backtest(training, models)
    scores, errors = backtest.scores, backtest.errors
    model = min(scores, key=scores.get) if scores else (
        "weekly_mean" if "weekly_mean" in models else models[0])
    offered = _predict(model, training, horizon_days)
    phi = _dispersion(*errors[model]) if model in errors else 0.0
    sparse, weekly_contacts = _is_sparse(training)
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
        backtest_wape=backtest.wapes.get(model, math.nan),
        backtest_mase=model_mase,
        scores=scores,
        wapes=backtest.wapes,
        backtest_daily_wape=backtest.daily_wapes.get(model, math.nan),
        sparse=sparse,
        weekly_contacts=weekly_contacts,
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
