"""The explore page's table: any KPI by period, grain and breakdown, as shown and as exported."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kliento.analytics.buckets import Grain
from kliento.analytics.labels import group_labels
from kliento.analytics.metrics import Breakdown, MetricsQuery, MetricsRow
from kliento.analytics.presentation import duration_as_measured
from kliento.analytics.rollups import run_metrics_with_rollups
from kliento.organisation.calendar import organisation_timezone
from kliento.ui.formatting import format_count, format_duration

GRAIN_CHOICES = [("week", _("Week")), ("month", _("Month")), ("day", _("Day")),
                 ("period", _("Whole period"))]
BREAKDOWN_CHOICES = [
    ("none", _("Everything")), ("channel", _("Channel")), ("touchpoint", _("Touchpoint")),
    ("journey_stage", _("Journey stage")), ("team", _("Team")), ("agent", _("Agent")),
    ("location", _("Location")), ("language", _("Language")),
]
MAX_DAY_RANGE = 400


# A date input takes ISO dates only: localised "11.09.2026" (ru, pl) shows as empty.
ISO_DATE_INPUT = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class ExploreForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(**ISO_DATE_INPUT))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(**ISO_DATE_INPUT))
    grain = forms.ChoiceField(label=_("By"), choices=GRAIN_CHOICES, initial="week")
    breakdown = forms.ChoiceField(label=_("Broken down by"), choices=BREAKDOWN_CHOICES,
                                  initial="channel")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The period ends before it starts."))
        if start and end and data.get("grain") == "day" and (end - start).days > MAX_DAY_RANGE:
            raise forms.ValidationError(
                _("Days can be shown for at most %(days)d days; choose weeks or months."),
                params={"days": MAX_DAY_RANGE})
        return data


def explore_defaults() -> dict:
    today = timezone.localdate(timezone=organisation_timezone())
    return {"start": today - timedelta(weeks=12), "end": today, "grain": "week",
            "breakdown": "channel"}


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str  # "count", "estimate", "seconds"
    digits: int = 0


COLUMNS = (
    Column("interactions", _("Contacts"), "count"),
    Column("survey_responses", _("Responses"), "count"),
    Column("nps", _("NPS"), "estimate"),
    Column("csat", _("CSAT %"), "estimate"),
    Column("ces", _("CES"), "estimate", 2),
    Column("kv", _("KV"), "estimate", 2),
    Column("service_grade", _("Grade"), "estimate", 1),
    Column("first_response_p50", _("First response p50"), "seconds"),
    Column("first_response_p90", _("First response p90"), "seconds"),
    Column("resolution_p50", _("Resolution p50"), "seconds"),
    Column("resolution_p90", _("Resolution p90"), "seconds"),
    Column("sla_attainment", _("Within target %"), "estimate"),
    Column("promise_kept", _("Promises kept %"), "estimate"),
    Column("first_contact_resolution", _("First-contact resolution %"), "estimate"),
    Column("repeat_contact_7d", _("Repeat within 7 days %"), "estimate"),
    Column("broken_promise_share", _("Complaints after a broken promise %"), "estimate"),
)


@dataclass
class ExploreTable:
    rows: list[MetricsRow]
    labels: dict

    def label(self, row: MetricsRow) -> str:
        if row.group is None:
            return str(_("Everything")) if not self.labels else str(_("(not set)"))
        return self.labels.get(row.group, row.group)


def explore_table(start: date, end: date, grain: str, breakdown: str) -> ExploreTable:
    rows = run_metrics_with_rollups(MetricsQuery(
        start, end, None if grain == "period" else Grain(grain), Breakdown(breakdown)))
    return ExploreTable(rows, group_labels(Breakdown(breakdown), {r.group for r in rows}))


def cell(row: MetricsRow, column: Column) -> dict:
    """What one table cell shows: the text, and the interval as a tooltip."""
    value = getattr(row, column.key)
    if value is None:
        return {"text": "—", "raw": None, "interval": None}
    if column.kind == "count":
        return {"text": format_count(value), "raw": value,
                "interval": None}
    if column.kind == "seconds":
        return {"text": format_duration(duration_as_measured(value)), "raw": round(value, 1),
                "interval": None}
    digits = column.digits
    return {"text": number_format(value.value, digits), "raw": round(value.value, 6),
            "interval": f"{number_format(value.low, digits)} … "
                        f"{number_format(value.high, digits)}",
            "low": round(value.low, 6), "high": round(value.high, 6), "n": value.n}
