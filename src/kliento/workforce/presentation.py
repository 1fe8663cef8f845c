"""The staffing pages' words and numbers: KPI cards, the gap heatmap and the chart's data."""

import math

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from kliento.ui.formatting import (
    format_count,
    format_duration,
    format_number,
    format_percent,
    format_signed,
)
from kliento.workforce.planning import ChannelPlan, WeekAccuracy


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours(value: float) -> str:
    return _("%(hours)s h") % {"hours": number_format(value, 1)}


def _score(value: float, digits: int = 2) -> str:
    return "—" if value is None or math.isnan(value) else number_format(value, digits)


def _share(value: float) -> str:
    return "—" if value is None or math.isnan(value) else format_percent(value * 100)


# The forecast models (kliento.staffing.forecasting.MODELS) in words, for the note.
MODEL_WORDS = {
    "seasonal_naive": gettext_lazy(
        "the same interval one week earlier"),
    "weekly_mean": gettext_lazy(
        "the mean of the same interval on the same weekday over the last three weeks"),
    "weekly_median": gettext_lazy(
        "the median of the same interval on the same weekday over the last three weeks"),
    "profile_level": gettext_lazy(
        "each weekday's recent volume spread over the day by its usual shape"),
    "profile_trend": gettext_lazy(
        "each weekday's recent volume, adjusted for last week's trend, spread over the "
        "day by its usual shape"),
    "profile_pooled": gettext_lazy(
        "each weekday's recent volume spread over the day by its usual shape, steadied "
        "with the shapes of weekdays that look like it"),
    "combined": gettext_lazy(
        "the mean of two forecasts: the same weekday's mean and the day's usual shape"),
    "weekly_profile": gettext_lazy(
        "the weekly total of the last three weeks, spread over the days and hours by "
        "when contacts usually come"),
}


def plan_method(plan: ChannelPlan) -> dict:
    """What the folded "How this is computed" note names: the forecast model chosen (in
    words) and its backtest scores (WAPE as a share, MASE as a ratio)."""
    return {"model": str(MODEL_WORDS.get(plan.model, plan.model)),
            "wape": _share(plan.backtest_wape), "mase": _score(plan.backtest_mase),
            "daily_wape": _share(plan.backtest_daily_wape), "deferred": plan.deferred,
            "window": format_duration(plan.window * plan.interval_minutes * 60),
            "shrinkage": format_percent(plan.target.shrinkage * 100)}


def method_sentence(plan: ChannelPlan) -> str:
    """The plain sentence above the plan saying how its agents were counted."""
    if plan.deferred:
        return _("Contacts here may wait up to %(within)s for an answer, so the plan counts "
                 "the work (contacts × handling time) and spreads it over the rostered hours "
                 "within that time, instead of an agent waiting in every half hour. Figures "
                 "below are in fractions of an agent.") % {
            "within": format_duration(plan.target.answer_within_s)}
    return _("Contacts here are answered live, so each interval needs enough agents for its "
             "own contacts to be answered within %(within)s.") % {
        "within": format_duration(plan.target.answer_within_s)}


def sparse_notice(plan: ChannelPlan) -> str:
    """For a channel with too few contacts to forecast interval by interval, the plain
    sentence above the plan that says so and how it was planned instead; "" otherwise."""
    if not plan.sparse:
        return ""
    values = {"minutes": plan.interval_minutes,
              "weekly": format_count(round(plan.weekly_contacts))}
    if plan.model == "weekly_profile" and plan.deferred:
        # The last sentence below is the queue's: a deferred channel's work waits instead.
        return _("Too few contacts to forecast each %(minutes)s-minute interval (about "
                 "%(weekly)s a week): planned from the weekly total, spread over the days and "
                 "hours by when contacts usually come.") % values
    if plan.model == "weekly_profile":
        return _("Too few contacts to forecast each %(minutes)s-minute interval (about "
                 "%(weekly)s a week): planned from the weekly total, spread over the days and "
                 "hours by when contacts usually come. Wherever a contact may come, at least "
                 "one agent is planned.") % values
    return _("Too few contacts to forecast each %(minutes)s-minute interval (about %(weekly)s "
             "a week): read the forecast by the day, not by the interval.") % values


def _card(key, title, explanation, value, basis="") -> dict:
    return {"key": key, "title": title, "explanation": explanation, "value": value,
            "basis": basis}


def plan_cards(plan: ChannelPlan) -> list[dict]:
    hours = plan.interval_minutes / 60
    short = int((plan.gap < 0).sum())
    target = plan.target
    return [
        _card("forecast", _("Contacts forecast"),
              _("Expected this week, from the weeks before it."),
              format_count(round(float(plan.forecast.sum()))),
              # In plain words; the model, WAPE and MASE are in the page's "How this is
              # computed" note (plan_method). A sparse channel's error per interval is
              # noise whatever the forecast: its error by day is what says something.
              (_("Forecast error on past weeks, by day: %(error)s") % {
                  "error": _share(plan.backtest_daily_wape)}) if plan.sparse else
              (_("Forecast error on past weeks: %(error)s") % {
                  "error": _share(plan.backtest_wape)})),
        _card("required", _("Agent-hours required"),
              _("To meet the service target, shrinkage included."),
              _hours(plan.required_hours),
              (_("All within %(within)s · shrinkage %(shrinkage)s · occupancy at most "
                 "%(occupancy)s") if plan.deferred else
               _("%(level)s within %(within)s · shrinkage %(shrinkage)s · occupancy at most "
                 "%(occupancy)s")) % {
                  "level": format_percent(target.service_level * 100),
                  "within": format_duration(target.answer_within_s),
                  "shrinkage": format_percent(target.shrinkage * 100),
                  "occupancy": format_percent(target.max_occupancy * 100)}),
        _card("rostered", _("Agent-hours rostered"), _("Agents on the roster for this channel."),
              _hours(float(plan.rostered.sum() * hours))),
        _deferred_cover_card(plan) if plan.deferred else
        _card("short", _("Intervals short"),
              _("Intervals with fewer agents rostered than required."),
              format_count(short),
              _("of %(count)s intervals with work") % {
                  "count": format_count(int(((plan.required > 0) | (plan.rostered > 0)).sum()))}),
    ]


def _deferred_cover_card(plan: ChannelPlan) -> dict:
    # Work can wait for the rostered hours, so counting half hours with fractions of an agent
    # missing says little: what matters is the work that comes with nobody rostered in time.
    return _card("short", _("Work with nobody rostered in time"),
                 _("Share of the week's work that comes when nobody is rostered on this "
                   "channel before its answer is due."),
                 _share(plan.uncovered_share),
                 _("Answer due within %(within)s") % {
                     "within": format_duration(plan.target.answer_within_s)})


def _gap_class(gap: float, required: float) -> str:
    if required == 0 and gap == 0:
        return "gap-idle"
    # A fraction of an agent short is short (a deferred channel's need is fractional).
    if gap < 0:
        return f"gap-short-{min(3, math.ceil(-gap))}"
    if gap > 0:
        return f"gap-over-{min(3, math.ceil(gap))}"
    return "gap-even"


def _gap_text(gap: float) -> str:
    if gap == int(gap):
        return format_signed(gap, 0)
    # Never "−0.0": a need under a tenth of an agent shows its hundredths, or "−<0.01".
    if abs(gap) < 0.005:
        return ("−" if gap < 0 else "+") + "<" + number_format(0.01, 2)
    return format_signed(gap, 1 if abs(gap) >= 0.095 else 2)


def _agents(value: float) -> str:
    return format_number(value, 0 if value == int(value) else 1)


def gap_heatmap(plan: ChannelPlan) -> dict:
    """Weekday rows × shown intervals: each cell the gap (rostered − required) with a class for
    its colour and a title that explains it."""
    slots = plan.shown_slots
    rows = []
    for i, day in enumerate(plan.days):
        cells = []
        for s in slots:
            gap = float(plan.gap[i, s])
            cells.append({
                # Signed as the legend is ("−2", "0", "+2"): the true minus, not "-1".
                "gap": _gap_text(gap),
                "css": _gap_class(gap, float(plan.required[i, s])),
                "title": _("%(time)s: %(contacts)s contacts expected, %(required)s agents "
                           "required, %(rostered)s rostered") % {
                    "time": _clock(s * plan.interval_minutes),
                    "contacts": number_format(float(plan.forecast[i, s]), 1),
                    "required": _agents(float(plan.required[i, s])),
                    "rostered": _agents(float(plan.rostered[i, s]))},
            })
        rows.append({"day": date_format(day, "D j"), "closed": day in plan.closed_days,
                     "cells": cells})
    return {"times": [_clock(s * plan.interval_minutes) for s in slots], "rows": rows}


def plan_chart(plan: ChannelPlan) -> dict:
    """The week as one line per measure over the shown intervals of each day."""
    slots = plan.shown_slots
    labels, required, rostered, forecast = [], [], [], []
    for i, day in enumerate(plan.days):
        for s in slots:
            labels.append(f"{date_format(day, 'D')} {_clock(s * plan.interval_minutes)}")
            required.append(round(float(plan.required[i, s]), 2))
            rostered.append(float(plan.rostered[i, s]))
            forecast.append(round(float(plan.forecast[i, s]), 1))
    return {"labels": labels, "required": required, "rostered": rostered,
            "forecast": forecast,
            # "Required" alone is the surveys' mandatory question ("Privalomas" in lt).
            "words": {"required": pgettext("agents", "Required"), "rostered": _("Rostered"),
                      "forecast": _("Contacts forecast"), "agents": _("Agents"),
                      "contacts": _("Contacts")}}


def accuracy_cards(accuracy: WeekAccuracy) -> list[dict]:
    return [
        _card("wape", _("Forecast error"),
              _("How far the forecast missed, day by day, against the contacts that came.")
              if accuracy.plan.sparse else
              _("How far the forecast missed, interval by interval, against the contacts "
                "that came."),
              _share(accuracy.daily_wape) if accuracy.plan.sparse else _share(accuracy.wape),
              (_("By day, as this channel has too few contacts per interval; on the weeks "
                 "before it: %(error)s") % {"error": _share(accuracy.plan.backtest_daily_wape)})
              if accuracy.plan.sparse else
              _("On the weeks before it: %(error)s") % {
                  "error": _share(accuracy.plan.backtest_wape)}),
        _card("volume", _("Contacts: forecast / actual"), _("The whole week."),
              f"{format_count(round(accuracy.forecast_total))} / "
              f"{format_count(accuracy.actual_total)}"),
        _card("staffed", _("Intervals staffed to actual need"),
              _("Intervals with contacts whose roster met what the contacts that came required."),
              "—" if math.isnan(accuracy.staffed_share)
              else format_percent(accuracy.staffed_share * 100),
              _("%(count)s intervals short") % {"count": format_count(accuracy.intervals_short)}),
    ]


def accuracy_rows(accuracy: WeekAccuracy) -> list[dict]:
    # Rounded, not cut (number_format wrote 0.8 as "0"); a sparse channel's day of about
    # two contacts keeps its decimal.
    digits = 1 if accuracy.plan.sparse else 0
    return [{"day": date_format(d.day, "D j"), "forecast": format_number(d.forecast, digits),
             "actual": format_count(d.actual),
             # A sparse channel is judged by the day's total (see accuracy_cards).
             "wape": _share(abs(d.forecast - d.actual) / d.actual if d.actual else math.nan)
             if accuracy.plan.sparse else _share(d.wape),
             "required_forecast": _hours(d.required_hours_forecast),
             "required_actual": _hours(d.required_hours_actual),
             "rostered": _hours(d.rostered_hours), "short": d.intervals_short}
            for d in accuracy.days]
