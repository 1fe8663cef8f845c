"""Turns the KPI selectors' results into what the dashboard template and charts show."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from kliento.analytics.labels import focus_choices
from kliento.analytics.presentation import (
    BREAKDOWN_LABELS,
    KPI_LOOKS,
    complaints_label,
    contacts_label,
    duration_as_measured,
    promises_label,
    responses_label,
)
from kliento.analytics.selectors import Focus, Kpi, dashboard_kpis
from kliento.journeys.presentation import kv_bands_kpi_card
from kliento.organisation.periods import Period
from kliento.questions.presentation import faq_kpi_card
from kliento.recovery.presentation import recovery_kpi_cards
from kliento.ui.formatting import format_change, format_value

BASIS_LABELS = {
    "promise_kept": promises_label,
    "sla_attainment": contacts_label,
    "first_contact_resolution": contacts_label,
    "broken_promise_share": complaints_label,
}


# Cards computed from survey responses open the responses inbox with the same filters.
RESPONSE_KPIS = ("nps", "csat", "ces", "kv", "service_grade")
# The dashboard's focus, as the inbox's filter of the same meaning (RESPONSE_GROUPS).
INBOX_FILTERS = {"channel": "channel", "touchpoint": "touchpoint", "team": "team",
                 "agent": "agent", "language": "language"}


def drill_url(key: str, period: Period, focus: Focus | None) -> str | None:
    """The responses behind a card: its period and focus as the inbox's filters; None when
    the card is not computed from responses or the inbox cannot filter by the focus."""
    if key not in RESPONSE_KPIS:
        return None
    filters = {"since": period.first_monday.isoformat(), "until": period.last_day.isoformat()}
    if focus is not None:
        if str(focus.breakdown) not in INBOX_FILTERS:
            return None
        filters[INBOX_FILTERS[str(focus.breakdown)]] = focus.group
    return f"{reverse('surveys:responses')}?{urlencode(filters)}"


def _shown(unit: str, value: float) -> float:
    return duration_as_measured(value) if unit == "seconds" else value


def _card(kpi: Kpi, period: Period, focus: Focus | None = None) -> dict:
    look = KPI_LOOKS[kpi.key]
    weeks = period.week_starts
    series = [kpi.weekly.get(week) for week in weeks]
    card = {
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
        "drill_url": drill_url(kpi.key, period, focus),
        "drill_label": _("Show the responses"),
        "chart": {
            "unit": look.unit,
            "values": [None if e is None else round(e.value, 3) for e in series],
            "low": [None if e is None else round(e.low, 3) for e in series],
            "high": [None if e is None else round(e.high, 3) for e in series],
            "band": look.unit not in ("seconds",),
        },
    }
    if kpi.current and look.unit != "seconds":
        card["interval"] = (format_value(look.unit, kpi.current.low),
                            format_value(look.unit, kpi.current.high))
        card["basis"] = BASIS_LABELS.get(kpi.key, responses_label)(kpi.current.n)
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


def dashboard_context(period: Period, focus: Focus | None = None) -> dict:
    kpis, volume = dashboard_kpis(period, focus)
    labels = [formats.date_format(week, "M j") for week in period.week_starts]
    return {
        "period": period,
        "weeks": period.weeks,
        "cards": [_card(kpi, period, focus) for kpi in kpis],
        "chart_labels": labels,
        "volume": [volume.get(week, 0) for week in period.week_starts],
        "interactions_total": sum(volume.values()),
        "focus": str(focus) if focus else "",
        # Complaints and recovery are not broken down: shown for the whole organisation only.
        # The broken-promise share is a KPI card above (one definition everywhere).
        # Frequently asked questions: for the whole organisation only, like recovery.
        "question_cards": None if focus else [
            faq_kpi_card(period.first_monday, period.last_day),
            # The KV bands (disappointed · satisfied · delighted), for the whole organisation.
            kv_bands_kpi_card(period.first_monday, period.last_day)],
        "recovery_cards": None if focus else [
            card for card in recovery_kpi_cards(period.first_monday, period.last_day)
            if card["key"] != "broken_promise_share"],
        "focus_choices": [(BREAKDOWN_LABELS[dimension], options)
                          for dimension, options in focus_choices()],
    }
