"""What the journey pages draw: the geometry of their SVG charts (computed here, drawn by
the templates), and the reasons a customer is at risk, in words."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kliento.interactions.models import Interaction
from kliento.journeys import selectors
from kliento.journeys.models import CustomerStatus, LifecycleRules, Segment, Stage
from kliento.lifecycle.flows import FlowLayout
from kliento.notices.models import Notice
from kliento.promises.models import Promise
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.surveys.models import Invitation
from kliento.ui.formatting import format_count, format_number
from kliento.ui.periods import month_last_day, not_after_today, running_index, so_far

# One colour per segment and stage, the same on every chart and badge.
SEGMENT_COLOURS = {Segment.NEW: "#4c78a8", Segment.ACTIVE: "#54a24b",
                   Segment.AT_RISK: "#e45756", Segment.RECOVERED: "#b279a2",
                   Segment.LOST: "#9d9da1", "none": "#d8d8dc"}
STAGE_COLOURS = {Stage.DISCONNECTED: "#9d9da1", Stage.HIGHLY_SATISFIED: "#72b7b2",
                 Stage.SEES_DIFFERENT: "#4c78a8", Stage.FULLY_CONNECTED: "#54a24b"}
BAND_COLOURS = {"disappointed": "#e45756", "satisfied": "#eeca3b", "delighted": "#54a24b"}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str
    running: bool = False  # the month not over yet: drawn pale with a dashed outline


@dataclass(frozen=True)
class StackedBars:
    bars: list[Bar]
    # (x of the column's centre, its label, a second line: "(so far)" under the running one,
    # which a narrow column has no room for beside the month)
    labels: list[tuple[float, str, str]]
    width: float
    height: float
    narrow: bool = False  # columns too narrow for an 11-unit "Rugp 2026": smaller labels


def stacked_bars(columns: Sequence[tuple[str, dict[str, float]]], colours: dict[str, str],
                 names: dict[str, str], *, width: float = 900, height: float = 220,
                 shares: bool = True, running: int | None = None) -> StackedBars:
    """One stacked column per entry of ``columns`` — (label, {series: value}) — as shares
    of the column's total (``shares``) or on one scale for all; the column at ``running``
    (a month not over yet) is drawn pale and dashed, its label saying "(so far)"."""
    if not columns:
        return StackedBars([], [], width, height)
    gap = 8
    column_width = (width - gap * (len(columns) - 1)) / len(columns)
    top = max(sum(values.values()) for _label, values in columns) or 1
    bars, labels = [], []
    for index, (label, values) in enumerate(columns):
        total = sum(values.values()) or 1
        x = index * (column_width + gap)
        y = height
        for series, value in values.items():
            part = value / total if shares else value / top
            bar_height = part * height
            y -= bar_height
            if bar_height > 0:
                amount = f"{round(100 * value / total)} %" if shares else f"{value:g}"
                bars.append(Bar(x, y, column_width, bar_height, colours[series],
                                f"{so_far(label) if index == running else label} · "
                                f"{names[series]}: {amount}", index == running))
        labels.append((x + column_width / 2, label,
                       so_far("").strip() if index == running else ""))
    return StackedBars(bars, labels, width, height, column_width + gap < 60)


def month_label(month: date) -> str:
    return date_format(month, "M Y")


def shown_months(months: Sequence[date], today: date | None = None
                 ) -> tuple[list[date], int | None]:
    """The months a chart draws — none after today's — and the index of the one not over
    yet (drawn dashed and labelled "(so far)"), as the dashboard does for its weeks."""
    months = not_after_today(months, today)
    return months, running_index([month_last_day(m) for m in months], today)


@dataclass(frozen=True)
class Line:
    points: str  # SVG polyline points of the finished months
    dots: list[tuple[float, float, str, bool]]  # (x, y, title, running)
    colour: str
    running_points: str = ""  # the segment into the month not over yet, drawn dashed


@dataclass(frozen=True)
class LineChart:
    lines: list[Line]
    markers: list[tuple[float, str]]  # (x, title) of gestures and campaigns
    ticks: list[tuple[float, str]]  # y axis: (y, label)
    labels: list[tuple[float, str]]  # x axis
    width: float
    height: float


def line_chart(months: Sequence[date], series: Sequence[tuple[Sequence[float], str, str]], *,
               low: float, high: float, markers: Sequence[tuple[date, str]] = (),
               width: float = 900, height: float = 200,
               fmt=lambda v: format_number(v, 2), running: int | None = None
               ) -> LineChart:
    """Lines over ``months`` — each (values, colour, name) on one axis from ``low`` to
    ``high`` — with vertical markers at the given days; from the month at ``running`` (not
    over yet) on, the line is dashed, its dot open and its label says "(so far)"."""
    if not months:
        return LineChart([], [], [], [], width, height)
    first, last = months[0], months[-1] + timedelta(days=31)
    span = max(1, (last - first).days)

    def x_of(day: date) -> float:
        return (day - first).days / span * width

    def y_of(value: float) -> float:
        return height - (value - low) / (high - low) * height

    names = [so_far(month_label(m)) if i == running else month_label(m)
             for i, m in enumerate(months)]

    lines = []
    for values, colour, name in series:
        xy = [(x_of(month) + width / len(months) / 2, y_of(value))
              for month, value in zip(months, values, strict=True)]
        cut = len(xy) if running is None else running
        lines.append(Line(
            " ".join(f"{x:.1f},{y:.1f}" for x, y in xy[:cut]),
            [(x, y, f"{names[i]} · {name}: {fmt(v)}", i == running)
             for i, ((x, y), v) in enumerate(zip(xy, values, strict=True))], colour,
            " ".join(f"{x:.1f},{y:.1f}" for x, y in xy[max(0, cut - 1):]) if cut < len(xy)
            else ""))
    ticks = [(y_of(low + (high - low) * i / 4), fmt(low + (high - low) * i / 4))
             for i in range(5)]
    labels = [(x_of(month) + width / len(months) / 2, names[i])
              for i, month in enumerate(months)]
    return LineChart(lines, [(x_of(day), title) for day, title in markers if first <= day <= last],
                     ticks, labels, width, height)


def at_risk_reasons(status: CustomerStatus, rules: LifecycleRules, now: datetime) -> list[str]:
    """Why the rules put this customer at risk, each reason in words."""
    reasons = []
    if status.last_seen_at and status.last_seen_at < now - timedelta(
            days=rules.quiet_after_days):
        days = (now - status.last_seen_at).days
        reasons.append(ngettext("no purchase or contact for %(days)d day",
                                "no purchase or contact for %(days)d days", days)
                       % {"days": days})
    if status.last_nps is not None and status.last_nps <= rules.detractor_at_most:
        reasons.append(_("last recommend score %(score)d") % {"score": status.last_nps})
    if status.last_kv is not None and status.last_kv < 1:
        reasons.append(_("last KV %(kv)s: expectations not met")
                       % {"kv": format_number(status.last_kv, 2)})
    if status.open_cases:
        reasons.append(ngettext("%(n)d recovery case open", "%(n)d recovery cases open",
                                status.open_cases) % {"n": status.open_cases})
    if status.broken_promises:
        reasons.append(ngettext("%(n)d promise broken lately", "%(n)d promises broken lately",
                                status.broken_promises) % {"n": status.broken_promises})
    return reasons


def flow_labels(layout: FlowLayout, names: dict) -> list[tuple[float, float, str, str]]:
    """(x, y, anchor, text) of each node's label: name, customers and the share dropped."""
    labels = []
    right_edge = max((node.x for node in layout.nodes), default=0)
    for node in layout.nodes:
        if node.height < 9:
            continue
        name = names.get(node.key, _("elsewhere"))
        text = f"{name} · {node.value}"
        if node.dropped and node.x < right_edge:
            text += " · " + _("%(share)d %% stop") % {"share": round(100 * node.dropped
                                                                   / node.value)}
        # Right of its node, the last column's too (the chart leaves room for them).
        labels.append((node.x + layout.node_width + 4, node.y + node.height / 2, "start",
                       text))
    return labels


def timeline_labels() -> dict[tuple[str, str], str]:
    """The words for an event's own kind or status on the timeline, by (event kind, value)."""
    sources = {"interaction": Interaction.Kind, "promise": Promise.Status,
               "case": RecoveryCase.Status, "grant": CompensationGrant.Kind,
               "invitation": Invitation.Delivery, "notice": Notice.Kind}
    return {(kind, value): str(label) for kind, choices in sources.items()
            for value, label in choices.choices}


def kv_bands_kpi_card(start: date, end: date, user=None,
                      counts: tuple[int, int, int] | None = None) -> dict:
    """The KV bands as a dashboard card (``ui/_kpi_card.html``): of the responses with both
    expectation and experience, the shares disappointed · satisfied · delighted. ``counts``
    (:func:`~kliento.journeys.selectors.kv_band_counts` of the period) when the caller has
    them already."""
    bands = (selectors.kv_bands(start, end) if counts is None
             else selectors.kv_bands_from_counts(*counts))
    card = {
        "key": "kv_bands", "title": _("Disappointed · satisfied · delighted"),
        "explanation": _("Responses whose experience was below, equal to or above what they "
                         "expected (KV below 1, 1, above 1)."),
        "value": None, "interval": None,
        "basis": ngettext("%(count)s response with both scores",
                          "%(count)s responses with both scores",
                          bands.n if bands else 0) % {"count": format_count(
                              bands.n if bands else 0)},
    }
    if bands:
        # One percent sign for the three, so the value fits the card's line.
        card["value"] = " · ".join(format_count(round(100 * share)) for share in (
            bands.disappointed, bands.satisfied, bands.delighted)) + " %"
    if user is not None and user.has_perm("journeys.view_journeys"):
        card["drill_url"] = reverse("journeys:drift") + f"?start={start}&end={end}"
        card["drill_label"] = _("Expectation drift")
    return card
