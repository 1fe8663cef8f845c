"""How each dashboard KPI is named, formatted and judged — kept apart from the queries."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext


@dataclass(frozen=True)
class KpiLook:
    title: str
    explanation: str
    higher_is_better: bool
    unit: str  # "points", "percent", "ratio", "scale7", "seconds"


KPI_LOOKS = {
    "nps": KpiLook(_("Net Promoter Score"),
                   _("Promoters (9–10) minus detractors (0–6), on −100 to 100."), True, "points"),
    "csat": KpiLook(_("Customer satisfaction"),
                    _("Share of 4 and 5 on a 1–5 scale."), True, "percent"),
    "ces": KpiLook(_("Customer effort"),
                   _("Mean effort on a 1–7 scale; lower is easier."), False, "scale7"),
    "kv": KpiLook(_("Customer evaluation (KV)"),
                  _("Experience ÷ expectation; above 1 delights, below 1 disappoints."),
                  True, "ratio"),
    "service_grade": KpiLook(_("Service grade"),
                             _("Five factors on 1–10, reliability weighing half; 6+ will buy "
                               "again."), True, "grade"),
    "sla_attainment": KpiLook(_("Answered within target"),
                              _("First responses within the channel's service-level target."),
                              True, "percent"),
    "first_contact_resolution": KpiLook(
        _("First-contact resolution"),
        _("Resolved, with no repeat contact from the customer within 7 days."), True,
        "percent"),
    "promise_kept": KpiLook(_("Promises kept"),
                            _("Kept on time and as specified, of all promises due."),
                            True, "percent"),
    "first_response": KpiLook(_("First response (median)"),
                              _("Time from contact to the first answer."), False, "seconds"),
    "resolution": KpiLook(_("Resolution (median)"),
                          _("Time from contact to resolution."), False, "seconds"),
}


def format_duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return pgettext("duration", "%(s)d s") % {"s": seconds}
    minutes = seconds // 60
    if minutes < 60:
        return pgettext("duration", "%(m)d min %(s)d s") % {"m": minutes, "s": seconds % 60}
    hours = minutes // 60
    if hours < 48:
        return pgettext("duration", "%(h)d h %(m)d min") % {"h": hours, "m": minutes % 60}
    return pgettext("duration", "%(d)d d %(h)d h") % {"d": hours // 24, "h": hours % 24}


def _signed(value: float, digits: int) -> str:
    rounded = round(value, digits)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "")
    return sign + number_format(abs(rounded), digits)


def format_value(unit: str, value: float) -> str:
    """A KPI value as people read it in the active language (decimal comma in lt, lv, ru, pl)."""
    if unit == "points":
        return _signed(value, 0)
    if unit == "percent":
        return f"{number_format(value, 0)} %"
    if unit in ("ratio", "scale7"):
        return number_format(value, 2)
    if unit == "grade":
        return number_format(value, 1)
    return format_duration(value)


def format_change(unit: str, change: float) -> str:
    if unit == "seconds":
        return ("+" if change >= 0 else "−") + format_duration(abs(change))
    if unit == "percent":
        return pgettext("percentage points", "%(change)s pp") % {"change": _signed(change, 1)}
    if unit in ("ratio", "scale7"):
        return _signed(change, 2)
    return _signed(change, 1)  # NPS points, grade points


def responses_label(n: int) -> str:
    return ngettext("%(count)s response", "%(count)s responses", n) % {
        "count": number_format(n, force_grouping=True)
    }


def promises_label(n: int) -> str:
    return ngettext("%(count)s promise due", "%(count)s promises due", n) % {
        "count": number_format(n, force_grouping=True)
    }


def contacts_label(n: int) -> str:
    return ngettext("%(count)s contact", "%(count)s contacts", n) % {
        "count": number_format(n, force_grouping=True)
    }


FACTOR_LABELS = {
    "tangibles": _("Tangibles: premises, look, materials"),
    "reliability": _("Reliability: keeping the promise"),
    "responsiveness": _("Responsiveness: prompt help"),
    "assurance": _("Assurance: competence and courtesy"),
    "empathy": _("Empathy: access and understanding"),
}


BREAKDOWN_LABELS = {
    "channel": _("Channel"),
    "journey_stage": _("Journey stage"),
    "touchpoint": _("Touchpoint"),
    "location": _("Location"),
    "team": _("Team"),
    "language": _("Language"),
    "agent": _("Agent"),
}
