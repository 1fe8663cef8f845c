"""The explore page's table: any KPI by period, grain and breakdown, as shown and as exported."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kliento.analytics.behind import behind_url, may_drill
from kliento.analytics.buckets import Grain
from kliento.analytics.labels import group_labels
from kliento.analytics.metrics import (
    Breakdown,
    Estimate,
    MetricsQuery,
    MetricsRow,
    share_estimate,
)
from kliento.analytics.presentation import FEW_ANSWERS, duration_as_measured
from kliento.analytics.rollups import next_bucket, run_metrics_with_rollups
from kliento.organisation.calendar import organisation_timezone
from kliento.organisation.selectors import min_group_size
from kliento.ui.formatting import format_count, format_duration, format_number
from kliento.ui.periods import local_today, running_index

GRAIN_CHOICES = [("week", _("Week")), ("month", _("Month")), ("day", _("Day")),
                 ("period", _("Whole period"))]
BREAKDOWN_CHOICES = [
    ("none", _("Everything")), ("channel", _("Channel")), ("touchpoint", _("Touchpoint")),
    ("journey_stage", _("Journey stage")), ("team", _("Team")), ("agent", _("Agent")),
    ("location", _("Location")), ("language", _("Language")),
]
MAX_DAY_RANGE = 400


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
MEASURE_COLUMNS = tuple(column for column in COLUMNS if column.kind != "count")
DEFAULT_MEASURE = "nps"
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}


# A date input takes ISO dates only: localised "11.09.2026" (ru, pl) shows as empty.
ISO_DATE_INPUT = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class ExploreForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(**ISO_DATE_INPUT))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(**ISO_DATE_INPUT))
    grain = forms.ChoiceField(label=_("By"), choices=GRAIN_CHOICES, initial="week")
    breakdown = forms.ChoiceField(label=_("Broken down by"), choices=BREAKDOWN_CHOICES,
                                  initial="channel")
    # The table shows one measure with its interval and basis, and charts it; the exports
    # carry every measure. Optional, so older links without it still open.
    measure = forms.ChoiceField(label=_("Measure"), required=False, initial=DEFAULT_MEASURE,
                                choices=lambda: [(c.key, c.title) for c in MEASURE_COLUMNS])

    def clean(self):
        data = super().clean()
        data["measure"] = data.get("measure") or DEFAULT_MEASURE
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
            "breakdown": "channel", "measure": DEFAULT_MEASURE}


@dataclass
class ExploreTable:
    rows: list[MetricsRow]
    labels: dict

    def broken_promise_share(self) -> Estimate | None:
        """The whole period's broken-promise share, added up from the table's rows (they
        partition the period's complaints), instead of a second pass over the data."""
        found = [row.broken_promise_share for row in self.rows if row.broken_promise_share]
        complaints = sum(e.n for e in found)
        after = sum(round(e.value * e.n / 100) for e in found)
        return share_estimate(after, complaints)

    def label(self, row: MetricsRow) -> str:
        if row.group is None:
            return str(_("Everything")) if not self.labels else str(_("(not set)"))
        return self.labels.get(row.group, row.group)


def explore_table(start: date, end: date, grain: str, breakdown: str) -> ExploreTable:
    rows = run_metrics_with_rollups(MetricsQuery(
        start, end, None if grain == "period" else Grain(grain), Breakdown(breakdown)))
    return ExploreTable(rows, group_labels(Breakdown(breakdown), {r.group for r in rows}))


def cell(row: MetricsRow, column: Column) -> dict:
    """What one table cell shows: the text, the interval, how many observations it rests
    on (``n``) and whether that is few (greyed on the page)."""
    value = getattr(row, column.key)
    if value is None:
        return {"text": "—", "raw": None, "interval": None, "n": None, "few": False}
    if column.kind == "count":
        return {"text": format_count(value), "raw": value, "interval": None, "n": value,
                "few": False}
    if column.kind == "seconds":
        # The durations' percentiles rest on the answered contacts of the row.
        return {"text": format_duration(duration_as_measured(value)), "raw": round(value, 1),
                "interval": None, "n": row.interactions,
                "few": row.interactions < FEW_ANSWERS}
    digits = column.digits
    return {"text": format_number(value.value, digits), "raw": round(value.value, 6),
            "interval": f"{format_number(value.low, digits)} … "
                        f"{format_number(value.high, digits)}",
            "low": round(value.low, 6), "high": round(value.high, 6), "n": value.n,
            "few": value.n < FEW_ANSWERS}


def bucket_span(bucket_start: date | None, grain: str, start: date, end: date
                ) -> tuple[date, date]:
    """The days a row covers, within the asked period (a part-week at either end is part)."""
    if bucket_start is None or grain == "period":
        return start, end
    last = next_bucket(Grain(grain), bucket_start) - timedelta(days=1)
    return max(bucket_start, start), min(last, end)


def explore_rows(table: ExploreTable, params: dict, user) -> list[dict]:
    """The table's rows as the page shows them: the counts and the chosen measure (with its
    interval, basis and few-answers state), each linked to the rows behind it, and whether
    the row's period is still running."""
    today = local_today()
    measure = COLUMN_BY_KEY[params["measure"]]
    links = {key: may_drill(user, key) for key in ("interactions", "survey_responses",
                                                   measure.key)}
    shown = []
    for row in table.rows:
        first, last = bucket_span(row.bucket, params["grain"], params["start"], params["end"])
        # The "(not set)" group of a breakdown has no filter to name it: no link.
        linkable = params["breakdown"] == "none" or row.group is not None
        urls = {key: behind_url(key, first, last, params["breakdown"], row.group)
                if allowed and linkable else None for key, allowed in links.items()}
        shown.append({
            "bucket": row.bucket, "label": table.label(row),
            "unfinished": last >= today,
            "contacts": cell(row, COLUMN_BY_KEY["interactions"]) | {
                "url": urls["interactions"]},
            "responses": cell(row, COLUMN_BY_KEY["survey_responses"]) | {
                "url": urls["survey_responses"]},
            "measure": cell(row, measure) | {"url": urls[measure.key]},
            "anonymity_note": anonymity_note(row.anonymous_left_out)
            if measure.key in SURVEY_MEASURES else "",
        })
    words = RowWords(gettext("Still running: not all answers are in"), gettext("running"),
                     gettext("few answers"))
    for item in shown:
        item["html"] = row_html(item, words)
    return shown


@dataclass(frozen=True)
class RowWords:
    still_running: str
    running: str
    few_answers: str


def _shown(value) -> str:
    """A value as ``{{ value }}`` shows it: localised, escaped."""
    return conditional_escape(localize(value))


def _sort_key(value) -> str:
    return "" if value is None else _shown(value)


def _linked(c: dict) -> str:
    if c["url"]:
        return f'<a class="cell-drill" href="{_shown(c["url"])}">{_shown(c["text"])}</a>'
    return _shown(c["text"])


def row_html(row: dict, words: RowWords) -> SafeString:
    """One table row's markup, as the template wrote it, built here: a year by week ×
    channel is hundreds of rows, and the template's tags per cell took 100–150 ms of it."""
    day = row["bucket"].isoformat() if row["bucket"] else ""
    head = (f' class="unfinished" title="{_shown(words.still_running)}"'
            if row["unfinished"] else "")
    running = (f' <span class="muted">({_shown(words.running)})</span>'
               if row["unfinished"] else "")
    contacts, responses, c = row["contacts"], row["responses"], row["measure"]
    few_class, few_data = (" few", " data-few") if c["few"] else ("", "")
    interval = f'<span class="iv">{_shown(c["interval"])}</span>' if c["interval"] else ""
    note = (f'<span class="iv anonymity-note">{_shown(row["anonymity_note"])}</span>'
            if row["anonymity_note"] else "")
    if c["n"] is not None:
        basis = _shown(c["n"]) + (f' <span class="few-answers">{_shown(words.few_answers)}</span>'
                                  if c["few"] else "")
    else:
        basis = "—"
    # Every value in it went through _shown (escaped), as the template would escape it.
    return mark_safe(
        f'<tr{head}><td class="left" data-sort="{day}">{day or "—"}{running}</td>'
        f'<th scope="row">{_shown(row["label"])}</th>\n'
        f'        <td data-sort="{_sort_key(contacts["raw"])}">{_linked(contacts)}</td>\n'
        f'        <td data-sort="{_sort_key(responses["raw"])}">{_linked(responses)}</td>\n'
        f'        <td data-sort="{_sort_key(c["raw"])}" class="measure-value{few_class}"'
        f'{few_data}>{_linked(c)}{interval}{note}</td>\n'
        f'        <td data-sort="{_sort_key(c["n"])}">{basis}</td></tr>')


# The measures computed from survey answers: those a small anonymous group is left out of.
SURVEY_MEASURES = frozenset({"nps", "csat", "ces", "kv", "service_grade"})


def anonymity_note(left_out: int) -> str:
    """Why a cell's survey measure leaves answers out (:mod:`kliento.analytics.anonymity`)."""
    if not left_out:
        return ""
    return ngettext(
        "%(count)d anonymous answer left out: fewer than %(smallest)d are hidden to protect "
        "anonymity",
        "%(count)d anonymous answers left out: fewer than %(smallest)d are hidden to protect "
        "anonymity", left_out) % {"count": left_out, "smallest": min_group_size()}


def explore_chart(table: ExploreTable, params: dict) -> dict:
    """The chosen measure over the buckets, one series per group (a bar per group for the
    whole period); the running bucket is marked so the chart can dash it."""
    measure = COLUMN_BY_KEY[params["measure"]]
    today = local_today()
    buckets = sorted({row.bucket for row in table.rows if row.bucket is not None})
    series: dict[str, dict] = {}
    for row in table.rows:
        value = getattr(row, measure.key)
        number = None if value is None else (value if measure.kind == "seconds"
                                             else value.value)
        item = series.setdefault(table.label(row), {"label": table.label(row), "values": {},
                                                    "n": {}})
        item["values"][row.bucket.isoformat() if row.bucket else ""] = (
            None if number is None else round(number, 4))
        item["n"][row.bucket.isoformat() if row.bucket else ""] = cell(row, measure)["n"]
    keys = [b.isoformat() for b in buckets] or [""]
    unfinished = running_index([bucket_span(b, params["grain"], params["start"],
                                            params["end"])[1] for b in buckets], today)
    return {"unit": "seconds" if measure.kind == "seconds" else measure.key,
            "title": str(measure.title), "labels": keys, "unfinished": unfinished,
            "few": FEW_ANSWERS, "whole_period": params["grain"] == "period",
            "series": [{"label": item["label"],
                        "values": [item["values"].get(k) for k in keys],
                        "n": [item["n"].get(k) for k in keys]}
                       for item in series.values()]}
