"""How each dashboard KPI is named, explained and judged — kept apart from the queries; the
numbers themselves are formatted by kliento.ui.formatting."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kliento.ui.formatting import format_count


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
                             _("Five factors on 1–10, keeping the promise weighing 0.6; 6+ "
                               "will buy again."), True, "grade"),
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
    "broken_promise_share": KpiLook(
        _("Complaints after a broken promise"),
        _("Complaints whose customer had a promise broken or kept late in the 14 days "
          "before."), False, "percent"),
    "first_response": KpiLook(_("First response (median)"),
                              _("Time from contact to the first answer."), False, "seconds"),
    "resolution": KpiLook(_("Resolution (median)"),
                          _("Time from contact to resolution."), False, "seconds"),
}


# Below this many answers (or contacts, promises, complaints) a figure is greyed and marked
# "few answers": its 95 % interval is then wider than about ±18 points of a share, too wide to
# act on, so it must not look as solid as one resting on thousands.
FEW_ANSWERS = 30


def duration_as_measured(seconds: float) -> float:
    """A percentile of durations rounded to what the rollups' histograms (1 % relative
    error) can vouch for: whole seconds below 100 s, tens of seconds below 10 min, whole
    minutes above — so a page never shows "35 min 21 s" for "about 35 minutes"."""
    step = 1 if seconds < 100 else (10 if seconds < 600 else 60)
    return round(seconds / step) * step


def responses_label(n: int) -> str:
    return ngettext("%(count)s response", "%(count)s responses", n) % {"count": format_count(n)}


def promises_label(n: int) -> str:
    return ngettext("%(count)s promise due", "%(count)s promises due", n) % {
        "count": format_count(n)}


def complaints_label(n: int) -> str:
    return ngettext("%(count)s complaint", "%(count)s complaints", n) % {
        "count": format_count(n)}


def contacts_label(n: int) -> str:
    return ngettext("%(count)s contact", "%(count)s contacts", n) % {"count": format_count(n)}


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


# The name of every figure a drill-down can start from (KPI cards and explore's columns).
KPI_TITLES = {key: look.title for key, look in KPI_LOOKS.items()} | {
    "interactions": _("Contacts"),
    "first_response_p50": _("First response (median)"),
    "first_response_p90": _("First response (9 in 10 within)"),
    "resolution_p50": _("Resolution (median)"),
    "resolution_p90": _("Resolution (9 in 10 within)"),
    "repeat_contact_7d": _("Repeat contact within 7 days"),
}
