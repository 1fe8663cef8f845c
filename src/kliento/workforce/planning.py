"""The staffing plan of a channel for a week: contacts forecast per interval from the weeks
before, handle times measured per weekday and hour, the agents the service target requires
(a live channel by Erlang C, :func:`kliento.staffing.required_agents_plan`; a deferred one,
whose answer may wait longer than an interval, by its workload,
:func:`kliento.staffing.workload_plan`), and the roster beside them; with
what-if changes, and afterwards the same week measured against what happened."""

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np
from django.conf import settings

from kliento.interactions.models import Channel
from kliento.staffing import forecast_calendar, required_agents_plan, wape, workload_plan
from kliento.workforce.models import WRITTEN_CHANNELS
from kliento.workforce.selectors import (
    TargetInForce,
    closures_between,
    contacts_per_interval,
    handle_time_by_weekday_hour,
    rostered_per_interval,
    target_in_force,
)

HISTORY_WEEKS = 5
WEEK = 7
# "At lunch", for the one-more-agent what-if: when the demo's and most centres' lunch peak is.
LUNCH_MINUTES = (12 * 60, 14 * 60)
# How a channel's agents are planned: a live queue by Erlang C, a deferred one by workload.
QUEUE, WORKLOAD = "queue", "workload"


def planning_method(answer_within_s: int, interval_minutes: int) -> str:
    """A channel whose answer may wait longer than one interval is deferred: its contacts
    need not be answered in the interval they came in."""
    return WORKLOAD if answer_within_s > interval_minutes * 60 else QUEUE


@dataclass(frozen=True, slots=True)
class WhatIf:
    """Changes to try on a plan: handle time times ``aht_factor``; ``service_level`` and
    ``answer_within_s`` instead of the channel's target (written channels keep their own time:
    a 15-second e-mail answer is not a target anyone plans for); ``lunch_extra`` agents
    rostered at lunch every day."""

    aht_factor: float = 1.0
    service_level: float | None = None
    answer_within_s: int | None = None
    lunch_extra: int = 0

    @property
    def active(self) -> bool:
        return self != WhatIf()


@dataclass(frozen=True, slots=True)
class ChannelPlan:
    """One channel's week, as arrays of days × intervals of the day.

    ``forecast`` (contacts, with the 80 % interval ``low``…``high``), ``aht_s``, ``agents``
    (on the queue), ``required`` (heads to roster: ``agents`` with shrinkage), ``rostered``
    and ``gap`` (rostered − required: negative is short). ``method`` is :data:`QUEUE` (a live
    channel: whole agents per interval by Erlang C) or :data:`WORKLOAD` (a deferred channel
    whose answer may wait longer than an interval: its work carried within the answer window
    of ``window`` intervals, fractions of an agent); ``required_hours`` is the week's agent
    time with shrinkage applied to the total; ``uncovered_share`` (deferred only) the share of
    the work that comes with nobody rostered anywhere in its answer window. ``model`` and its
    backtest ``backtest_wape``/``backtest_mase`` (and, for a ``sparse`` channel, the WAPE on
    day totals ``backtest_daily_wape``) say how the forecast was made."""

    channel: Channel
    week_start: date
    interval_minutes: int
    target: TargetInForce
    what_if: WhatIf
    forecast: np.ndarray
    low: np.ndarray
    high: np.ndarray
    aht_s: np.ndarray
    agents: np.ndarray
    required: np.ndarray
    rostered: np.ndarray
    model: str
    backtest_wape: float
    backtest_mase: float
    history_days: int
    closed_days: list[date] = field(default_factory=list)
    # Too few contacts per interval to forecast them one by one (kliento.staffing:
    # SPARSE_PER_INTERVAL): the error is then read on day totals, ``backtest_daily_wape``.
    sparse: bool = False
    backtest_daily_wape: float = math.nan
    weekly_contacts: float = math.nan
    method: str = "queue"
    window: int = 1
    required_hours: float = 0.0
    uncovered_share: float = 0.0

    @property
    def deferred(self) -> bool:
        return self.method == WORKLOAD

    @property
    def gap(self) -> np.ndarray:
        return self.rostered - self.required

    @property
    def days(self) -> list[date]:
        return [self.week_start + timedelta(days=i) for i in range(WEEK)]

    @property
    def shown_slots(self) -> range:
        """The intervals of the day where anything happens (contacts, need or roster)."""
        busy = np.flatnonzero((self.forecast > 0.05).any(axis=0) | (self.required > 0).any(axis=0)
                              | (self.rostered > 0).any(axis=0))
        return range(int(busy[0]), int(busy[-1]) + 1) if busy.size else range(0)


class NotEnoughHistory(Exception):
    """The channel has less than a week of contacts before the week to plan."""


def week_start_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _holiday_country() -> str | None:
    return getattr(settings, "WORKFORCE_HOLIDAY_COUNTRY", "lt") or None


def staffing_plan(channel: Channel, week_start: date, *, interval_minutes: int = 30,
                  what_if: WhatIf = WhatIf()) -> ChannelPlan:
    """The plan for the seven days from ``week_start``, forecast from the
    :data:`HISTORY_WEEKS` weeks before it (days before the channel's first contact are left
    out). Raises :class:`NotEnoughHistory` with less than a week to learn from."""
    history_start = week_start - timedelta(weeks=HISTORY_WEEKS)
    history = contacts_per_interval(channel, history_start, HISTORY_WEEKS * WEEK,
                                    interval_minutes)
    active = np.flatnonzero(history.sum(axis=1) > 0)
    if active.size == 0 or history.shape[0] - active[0] < WEEK:
        raise NotEnoughHistory(channel.code)
    history = history[active[0]:]
    first_day = history_start + timedelta(days=int(active[0]))
    closures = closures_between(first_day, week_start + timedelta(days=WEEK - 1))
    result = forecast_calendar(history, first_day=first_day, horizon_days=WEEK,
                               country=_holiday_country(), closures=closures)
    aht_hourly = handle_time_by_weekday_hour(channel, history_start,
                                             week_start - timedelta(days=1))
    rostered = rostered_per_interval(channel, week_start, WEEK, interval_minutes)
    return _planned(channel, week_start, interval_minutes, what_if, result.offered,
                    result.low, result.high, aht_hourly, rostered,
                    target_in_force(channel), model=result.model,
                    backtest_wape=result.backtest_wape, backtest_mase=result.backtest_mase,
                    history_days=history.shape[0],
                    closed_days=[d for d in closures if d >= week_start],
                    sparse=result.sparse, backtest_daily_wape=result.backtest_daily_wape,
                    weekly_contacts=result.weekly_contacts)


def _weekday_rows(week_start: date) -> np.ndarray:
    return (week_start.weekday() + np.arange(WEEK)) % WEEK


def _planned(channel, week_start, interval_minutes, what_if, offered, low, high, aht_hourly,
             rostered, target, **about) -> ChannelPlan:
    slots = offered.shape[1]
    hours = (np.arange(slots) * interval_minutes) // 60
    aht = aht_hourly[_weekday_rows(week_start)][:, hours] * what_if.aht_factor
    service_level = what_if.service_level or target.service_level
    within = target.answer_within_s
    if what_if.answer_within_s and channel.code not in WRITTEN_CHANNELS:
        within = what_if.answer_within_s
    target = replace(target, service_level=service_level, answer_within_s=within)
    if what_if.lunch_extra:
        starts = np.arange(slots) * interval_minutes
        lunch = (starts >= LUNCH_MINUTES[0]) & (starts < LUNCH_MINUTES[1])
        rostered = rostered.copy()
        rostered[:, lunch] += what_if.lunch_extra
    interval_s = interval_minutes * 60
    method = planning_method(within, interval_minutes)
    if method == WORKLOAD:
        # Work goes where agents are rostered; with nobody rostered all week, anywhere.
        working = rostered.ravel() > 0
        load = workload_plan(offered.ravel(), interval_s, aht.ravel(), target_s=within,
                             max_occupancy=target.max_occupancy, shrinkage=target.shrinkage,
                             open_mask=working if working.any() else None)
        agents, required, window = load.agents, load.scheduled, load.window
        total = float(load.work_s.sum())
        uncovered = load.uncovered_s / total if working.any() and total else 0.0
        required_hours = float(load.scheduled.sum() * interval_s / 3600)
    else:
        queue = required_agents_plan(offered.ravel(), interval_s, aht.ravel(),
                                     target_s=within, target_sl=service_level,
                                     max_occupancy=target.max_occupancy,
                                     shrinkage=target.shrinkage)
        agents, required, window, uncovered = queue.agents, queue.scheduled, 1, 0.0
        # Shrinkage on the week's total; the heads per interval are rounded once.
        required_hours = float(queue.agents.sum() * interval_s / 3600
                               / (1.0 - target.shrinkage))
    return ChannelPlan(
        channel=channel, week_start=week_start, interval_minutes=interval_minutes,
        target=target, what_if=what_if, forecast=offered, low=low, high=high, aht_s=aht,
        agents=agents.reshape(offered.shape), required=required.reshape(offered.shape),
        rostered=rostered, method=method, window=window, required_hours=required_hours,
        uncovered_share=uncovered, **about)


@dataclass(frozen=True, slots=True)
class DayAccuracy:
    """One day of a past week: contacts forecast and actual, and agent-hours required by the
    forecast, required by what actually came, and rostered."""

    day: date
    forecast: float
    actual: int
    wape: float
    required_hours_forecast: float
    required_hours_actual: float
    rostered_hours: float
    intervals_short: int


@dataclass(frozen=True, slots=True)
class WeekAccuracy:
    """A past week's plan against what happened: ``wape`` of the forecast per interval;
    ``staffed_share`` the share of intervals with contacts whose roster met the need of the
    contacts that actually came."""

    plan: ChannelPlan
    days: list[DayAccuracy]
    wape: float
    daily_wape: float  # on day totals: what a sparse channel's forecast can be judged by
    forecast_total: float
    actual_total: int
    staffed_share: float
    intervals_short: int


def _day_hours(plan: ChannelPlan, day: int) -> float:
    """A day's required agent-hours, shrinkage applied to the day's total as in the week's."""
    hours = plan.interval_minutes / 60
    if plan.deferred:
        return float(plan.required[day].sum() * hours)
    return float(plan.agents[day].sum() * hours / (1.0 - plan.target.shrinkage))


def plan_accuracy(channel: Channel, week_start: date, *,
                  interval_minutes: int = 30) -> WeekAccuracy:
    """The plan the week would have had (forecast from the weeks before it) against the
    contacts that came and the handle times measured in that same week."""
    plan = staffing_plan(channel, week_start, interval_minutes=interval_minutes)
    actual = contacts_per_interval(channel, week_start, WEEK, interval_minutes)
    aht_hourly = handle_time_by_weekday_hour(channel, week_start,
                                             week_start + timedelta(days=WEEK - 1))
    measured = _planned(channel, week_start, interval_minutes, WhatIf(), actual, actual,
                        actual, aht_hourly, plan.rostered, plan.target, model=plan.model,
                        backtest_wape=math.nan, backtest_mase=math.nan, history_days=0)
    hours = interval_minutes / 60
    short = (plan.rostered < measured.required - 1e-9) & (actual > 0)
    days = [
        DayAccuracy(day=day, forecast=float(plan.forecast[i].sum()), actual=int(actual[i].sum()),
                    wape=wape(actual[i], plan.forecast[i]) if actual[i].sum() else math.nan,
                    required_hours_forecast=_day_hours(plan, i),
                    required_hours_actual=_day_hours(measured, i),
                    rostered_hours=float(plan.rostered[i].sum() * hours),
                    intervals_short=int(short[i].sum()))
        for i, day in enumerate(plan.days)
    ]
    busy = int((actual > 0).sum())
    return WeekAccuracy(
        plan=plan, days=days,
        wape=wape(actual.ravel(), plan.forecast.ravel()) if actual.sum() else math.nan,
        daily_wape=wape(actual.sum(axis=1), plan.forecast.sum(axis=1)) if actual.sum()
        else math.nan,
        forecast_total=float(plan.forecast.sum()), actual_total=int(actual.sum()),
        staffed_share=1 - int(short.sum()) / busy if busy else math.nan,
        intervals_short=int(short.sum()))
