"""How each dashboard KPI is named, formatted and judged — kept apart from the queries."""

from dataclasses import dataclass

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


def format_value(unit: str, value: float) -> str:
    if unit == "points":
        return f"{value:+.0f}"
    if unit == "percent":
        return f"{value:.0f} %"
    if unit == "ratio":
        return f"{value:.2f}"
    if unit == "scale7":
        return f"{value:.2f}"
    return format_duration(value)


def format_change(unit: str, change: float) -> str:
    if unit == "seconds":
        sign = "+" if change >= 0 else "−"
        return sign + format_duration(abs(change))
    if unit == "percent":
        return pgettext("percentage points", "%(change)+.1f pp") % {"change": change}
    if unit in ("ratio", "scale7"):
        return f"{change:+.2f}"
    return f"{change:+.1f}"


def responses_label(n: int) -> str:
    return ngettext("%(count)s response", "%(count)s responses", n) % {"count": f"{n:,}"}


def promises_label(n: int) -> str:
    return ngettext("%(count)s promise due", "%(count)s promises due", n) % {"count": f"{n:,}"}
