"""Turns the KPI selectors' results into what the dashboard template and charts show."""

from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from kliento.analytics.behind import RESPONSE_MEASURES, behind_url, may_drill
from kliento.analytics.finished import split_at_fill
from kliento.analytics.labels import focus_choices
from kliento.analytics.presentation import (
    BREAKDOWN_LABELS,
    FEW_ANSWERS,
    KPI_LOOKS,
    complaints_label,
    contacts_label,
    duration_as_measured,
    promises_label,
    responses_label,
)
from kliento.analytics.provisional import recent_days_as_of
from kliento.analytics.selectors import Focus, Kpi, dashboard_kpis
from kliento.journeys.presentation import kv_bands_kpi_card
from kliento.journeys.selectors import kv_band_counts
from kliento.organisation.periods import Period
from kliento.questions.presentation import faq_kpi_card
from kliento.recovery.presentation import case_kpi_cards
from kliento.ui.formatting import format_change, format_value
from kliento.ui.periods import local_today, running_index, so_far

BASIS_LABELS = {
    "promise_kept": promises_label,
    "sla_attainment": contacts_label,
    "first_contact_resolution": contacts_label,
    "broken_promise_share": complaints_label,
    "first_response": contacts_label,
    "resolution": contacts_label,
}


# A card's drill-down as a pattern: a chart point fills in its own week.
WEEK_PLACEHOLDERS = (date(1000, 1, 1), date(1000, 1, 7))


def drill_url(key: str, start: date, end: date, focus: Focus | None) -> str | None:
    """The rows behind a card for the period ``start``–``end`` and the focus: responses in
    the inbox, contacts, promises or complaints on the page behind figures."""
    return behind_url(key, start, end, *((str(focus.breakdown), focus.group) if focus
                                         else ()))


def _shown(unit: str, value: float) -> float:
    return duration_as_measured(value) if unit == "seconds" else value


def _card(kpi: Kpi, period: Period, focus: Focus | None = None, user=None) -> dict:
    look = KPI_LOOKS[kpi.key]
    weeks = period.week_starts
    series = [kpi.weekly.get(week) for week in weeks]
    card = {
        "few": kpi.current is not None and kpi.current.n < FEW_ANSWERS,
        "key": kpi.key,
        "chart_id": f"chart-{kpi.key}",
        "title": look.title,
        "explanation": look.explanation,
        "value": format_value(look.unit, _shown(look.unit, kpi.current.value))
        if kpi.current else None,
        "interval": None,
        "basis": None,
        "change": None,
        "trend": None,
        "drill_url": None,
        "drill_label": (_("Show the responses") if kpi.key in RESPONSE_MEASURES
                        else _("Show what it counts")),
        "chart": {
            "unit": look.unit,
            "values": [None if e is None else round(e.value, 3) for e in series],
            "low": [None if e is None else round(e.low, 3) for e in series],
            "high": [None if e is None else round(e.high, 3) for e in series],
            "n": [None if e is None else e.n for e in series],
            "band": look.unit not in ("seconds",),
        },
    }
    if user is not None and may_drill(user, kpi.key):
        card["drill_url"] = drill_url(kpi.key, period.first_monday, period.last_day, focus)
        pattern = drill_url(kpi.key, *WEEK_PLACEHOLDERS, focus)
        card["chart"]["drill"] = None if pattern is None else pattern.replace(
            WEEK_PLACEHOLDERS[0].isoformat(), "{start}").replace(
            WEEK_PLACEHOLDERS[1].isoformat(), "{end}")
    if kpi.current:
        card["basis"] = BASIS_LABELS.get(kpi.key, responses_label)(kpi.current.n)
    if kpi.current and look.unit != "seconds":
        card["interval"] = (format_value(look.unit, kpi.current.low),
                            format_value(look.unit, kpi.current.high))
    if kpi.change is not None:
        # The symbol says which way the number moved; the colour whether that is better or
        # worse — and only when kliento.measure.compare finds the change real.
        improving = (kpi.change > 0) == look.higher_is_better
        card["change"] = format_change(look.unit, kpi.change)
        card["direction"] = ("flat" if abs(kpi.change) < 1e-9
                             else ("up" if kpi.change > 0 else "down"))
        if kpi.significant and card["direction"] != "flat":
            card["judgement"] = "better" if improving else "worse"
        elif kpi.significant is False or card["direction"] == "flat":
            card["judgement"] = "no_real_change"
        else:
            card["judgement"] = "untested"
        card["trend"] = {"better": "up", "worse": "down"}.get(card["judgement"], "flat")
    return card


def week_in_progress(period: Period, today: date | None = None) -> int | None:
    """The index of the period's week that has not ended yet (drawn dashed), if any."""
    return running_index([week + timedelta(days=6) for week in period.week_starts], today)


def _as_of(moment) -> str | None:
    return None if moment is None else moment.strftime("%H:%M")


def dashboard_context(period: Period, focus: Focus | None = None, user=None) -> dict:
    kpis, volume = dashboard_kpis(period, focus)
    today = local_today()
    unfinished = week_in_progress(period, today)
    labels = [formats.date_format(week, "M j") for week in period.week_starts]
    if unfinished is not None:
        # Two lines (Chart.js draws a list as lines): on one line the long label ran into
        # its neighbour on the cards' narrow axes.
        labels[unfinished] = [labels[unfinished], so_far("").strip()]
    return {
        "period": period,
        # No date in the future: the period reads up to today while its last week runs.
        "shown_until": min(period.last_day, today),
        "week_in_progress": unfinished is not None,
        # The days before today as stored by the worker's last sweep (a clock time in the
        # organisation's zone), or None when every figure is live.
        "recent_days_as_of": _as_of(recent_days_as_of()),
        "chart_meta": {"unfinished": unfinished, "few": FEW_ANSWERS,
                       "weeks": [week.isoformat() for week in period.week_starts]},
        "few_answers": FEW_ANSWERS,
        "weeks": period.weeks,
        "cards": [_card(kpi, period, focus, user) for kpi in kpis],
        "chart_labels": labels,
        "volume": [volume.get(week, 0) for week in period.week_starts],
        "interactions_total": sum(volume.values()),
        "focus": str(focus) if focus else "",
        # Complaints and recovery are not broken down: shown for the whole organisation only
        # (the page says so when a focus hides them). The broken-promise share is a KPI card
        # above (one definition everywhere).
        "recovery_hidden_by_focus": focus is not None,
        # Frequently asked questions and the KV bands (disappointed · satisfied · delighted):
        # for the whole organisation only, like recovery.
        "question_cards": None if focus else [
            faq_kpi_card(period.first_monday, period.last_day, user),
            kv_bands_kpi_card(period.first_monday, period.last_day, user, split_at_fill(
                "kv_band_counts", period.first_monday, period.last_day, kv_band_counts,
                lambda a, b: tuple(x + y for x, y in zip(a, b, strict=True))))],
        "recovery_cards": None if focus else case_kpi_cards(period.first_monday,
                                                            period.last_day),
        "focus_choices": [(BREAKDOWN_LABELS[dimension], options)
                          for dimension, options in focus_choices()],
    }
