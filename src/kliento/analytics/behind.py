"""The rows behind a figure: the contacts, promises or complaints a KPI card, a chart point or
an explore cell counted, with the same period, focus and definition (the conditions come from
:mod:`kliento.analytics.metrics`, so the list cannot disagree with the number above it).

Figures computed from survey responses open the responses inbox instead, which already lists
and filters them (:func:`responses_url`)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from urllib.parse import urlencode

from django import forms
from django.db.models import BooleanField as BooleanOutput
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kliento.access.policy import visible
from kliento.analytics.metrics import (
    FIRST_CONTACT_RESOLVED,
    INTERACTION_GROUPS,
    PROMISE_GROUPS,
    PROMISE_KEPT,
    REPEATED,
    WITHIN_TARGET,
    Breakdown,
    MetricsQuery,
    after_broken_promise,
    complaints_in,
    focused,
    promises_due,
)
from kliento.interactions.models import Interaction

# Figures from survey responses, and the inbox's filter for each breakdown it can filter by.
RESPONSE_MEASURES = ("nps", "csat", "ces", "kv", "service_grade", "survey_responses")
INBOX_FILTERS = {"channel": "channel", "touchpoint": "touchpoint", "team": "team",
                 "agent": "agent", "language": "language"}


class Fact(StrEnum):
    CONTACTS = "contacts"
    PROMISES = "promises"
    COMPLAINTS = "complaints"


@dataclass(frozen=True)
class Behind:
    """What a measure counts: which fact, which of them (``among``), which of those count as a
    success for a share (``success``), and the words for both."""

    fact: Fact
    among: Q | None
    success: Q | None
    success_label: str | None


ANSWERED = Q(first_response_seconds__isnull=False)
MEASURES: dict[str, Behind] = {
    "interactions": Behind(Fact.CONTACTS, None, None, None),
    "sla_attainment": Behind(Fact.CONTACTS, ANSWERED, WITHIN_TARGET,
                             _("answered within the channel's target")),
    "first_contact_resolution": Behind(Fact.CONTACTS, Q(resolved_at__isnull=False),
                                       FIRST_CONTACT_RESOLVED,
                                       _("resolved with no repeat contact")),
    "repeat_contact_7d": Behind(Fact.CONTACTS, None, REPEATED,
                                _("followed by another contact within 7 days")),
    "first_response": Behind(Fact.CONTACTS, ANSWERED, None, None),
    "first_response_p50": Behind(Fact.CONTACTS, ANSWERED, None, None),
    "first_response_p90": Behind(Fact.CONTACTS, ANSWERED, None, None),
    "resolution": Behind(Fact.CONTACTS, Q(resolution_seconds__isnull=False), None, None),
    "resolution_p50": Behind(Fact.CONTACTS, Q(resolution_seconds__isnull=False), None, None),
    "resolution_p90": Behind(Fact.CONTACTS, Q(resolution_seconds__isnull=False), None, None),
    "promise_kept": Behind(Fact.PROMISES, None, PROMISE_KEPT, _("kept")),
    "broken_promise_share": Behind(Fact.COMPLAINTS, None, None,
                                   _("after a broken promise")),
}
PERMISSIONS = {Fact.CONTACTS: "interactions.view_interaction",
               Fact.COMPLAINTS: "interactions.view_interaction",
               Fact.PROMISES: "promises.view_promise"}
BREAKDOWN_CHOICES = [(b.value, b.value) for b in Breakdown]


class BehindForm(forms.Form):
    measure = forms.ChoiceField(choices=[(key, key) for key in MEASURES])
    start = forms.DateField()
    end = forms.DateField()
    breakdown = forms.ChoiceField(choices=BREAKDOWN_CHOICES, required=False)
    group = forms.CharField(required=False, max_length=64)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The period ends before it starts."))
        if data.get("group") and data.get("breakdown") in (None, "", Breakdown.NONE):
            self.add_error("breakdown", _("A group needs the breakdown it belongs to."))
        return data

    def query(self) -> MetricsQuery:
        data = self.cleaned_data
        breakdown = Breakdown(data.get("breakdown") or Breakdown.NONE)
        return MetricsQuery(data["start"], data["end"], None, breakdown,
                            data.get("group") or None)


def drill_query(measure: str, start: date, end: date, breakdown: str = "none",
                group: str | None = None) -> dict:
    params = {"measure": measure, "start": start.isoformat(), "end": end.isoformat()}
    if group is not None and breakdown != Breakdown.NONE:
        params |= {"breakdown": breakdown, "group": group}
    return params


@lru_cache(maxsize=64)
def _path_of(name: str, _language: str | None, _prefix: str, _urlconf) -> str:
    return reverse(name)


def _path(name: str) -> str:
    """``reverse(name)`` once per language, script prefix and URLconf: a table links every
    cell, and reversing a URL each time cost more than the rest of the row."""
    return _path_of(name, get_language(), get_script_prefix(), get_urlconf())


def responses_url(start: date, end: date, breakdown: str = "none",
                  group: str | None = None) -> str | None:
    """The responses inbox with the same period and focus; None when it cannot filter by
    the breakdown."""
    filters = {"since": start.isoformat(), "until": end.isoformat()}
    if group is not None and breakdown != Breakdown.NONE:
        if breakdown not in INBOX_FILTERS:
            return None
        filters[INBOX_FILTERS[breakdown]] = group
    return f"{_path('surveys:responses')}?{urlencode(filters)}"


def behind_url(measure: str, start: date, end: date, breakdown: str = "none",
               group: str | None = None) -> str | None:
    """Where the rows behind ``measure`` are listed, or None when no page lists them."""
    if measure in RESPONSE_MEASURES:
        return responses_url(start, end, breakdown, group)
    if measure not in MEASURES:
        return None
    return (f"{_path('analytics:behind')}?"
            f"{urlencode(drill_query(measure, start, end, breakdown, group))}")


def may_drill(user, measure: str) -> bool:
    if measure in RESPONSE_MEASURES:
        return user.has_perm("surveys.view_surveyresponse")
    behind = MEASURES.get(measure)
    return behind is not None and user.has_perm(PERMISSIONS[behind.fact])


@dataclass
class BehindRows:
    measure: str
    fact: Fact
    rows: QuerySet
    total: int  # every row the figure counted, reachable or not
    successes: int | None
    reachable: int  # the rows this person may see
    success_label: str | None


def behind_rows(user, measure: str, query: MetricsQuery) -> BehindRows:
    """The rows ``measure`` counted over ``query`` (newest first), narrowed to what ``user``
    may see; the totals are those of the figure itself, so the page can say when part of
    them is out of reach."""
    behind = MEASURES[measure]
    if behind.fact == Fact.PROMISES:
        rows = focused(promises_due(query), query, PROMISE_GROUPS).select_related(
            "customer", "owner__user").order_by("-due_at")
    elif behind.fact == Fact.COMPLAINTS:
        rows = focused(complaints_in(query), query, INTERACTION_GROUPS)
        behind = Behind(Fact.COMPLAINTS, None, Q(after_broken_promise()),
                        behind.success_label)
    else:
        rows = focused(Interaction.objects.filter(opened_on__range=(query.start, query.end)),
                       query, INTERACTION_GROUPS)
    if behind.fact != Fact.PROMISES:
        rows = rows.select_related("customer", "channel", "agent__user", "team").order_by(
            "-opened_at")
    if behind.among is not None:
        rows = rows.filter(behind.among)
    if behind.success is not None:
        rows = rows.annotate(success=Case(When(behind.success, then=Value(True)),
                                          default=Value(False), output_field=BooleanOutput()))
    totals = rows.order_by().aggregate(
        total=Count("id"), **({"successes": Count("id", filter=behind.success)}
                              if behind.success is not None else {}))
    reachable = visible(user, PERMISSIONS[behind.fact], rows)
    return BehindRows(measure, behind.fact, reachable, totals["total"],
                      totals.get("successes"), reachable.count(), behind.success_label)
