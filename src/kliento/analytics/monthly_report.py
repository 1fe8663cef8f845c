"""The owner's monthly report: the month's measures with their 95 % intervals beside the
month before, best and worst touchpoints, a weekly NPS chart and the customers' own words,
as a PDF (WeasyPrint) in the language active when it is made. The chart is drawn on the
server (matplotlib, no browser), so the same file comes out of a request or a job."""

import base64
import io
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from kliento.analytics.buckets import Grain
from kliento.analytics.labels import group_labels
from kliento.analytics.metrics import Breakdown, MetricsQuery, MetricsRow
from kliento.analytics.presentation import KPI_LOOKS
from kliento.analytics.rollups import run_metrics_with_rollups
from kliento.surveys.models import SurveyResponse
from kliento.ui.formatting import format_value

REPORT_KPIS = ("nps", "csat", "ces", "kv", "service_grade", "promise_kept", "sla_attainment",
               "broken_promise_share")
# A touchpoint is ranked only on enough answers for its NPS interval to mean something.
TOUCHPOINT_MIN_RESPONSES = 10
QUOTES = 6


@dataclass(frozen=True)
class Month:
    first_day: date

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.replace(day=1))

    @property
    def last_day(self) -> date:
        return (self.first_day + timedelta(days=32)).replace(day=1) - timedelta(days=1)

    @property
    def previous(self) -> "Month":
        return Month.of(self.first_day - timedelta(days=1))


def _whole(month: Month, breakdown: Breakdown = Breakdown.NONE) -> list[MetricsRow]:
    return run_metrics_with_rollups(MetricsQuery(month.first_day, month.last_day, None,
                                                 breakdown))


def _shown(key: str, estimate) -> str:
    return format_value(KPI_LOOKS[key].unit, estimate.value) if estimate else "—"


def _kpi_lines(now: MetricsRow | None, before: MetricsRow | None) -> list[dict]:
    lines = []
    for key in REPORT_KPIS:
        current = getattr(now, key, None) if now else None
        previous = getattr(before, key, None) if before else None
        unit = KPI_LOOKS[key].unit
        lines.append({
            "key": key, "title": KPI_LOOKS[key].title, "value": _shown(key, current),
            "interval": (f"{format_value(unit, current.low)} … {format_value(unit, current.high)}"
                         if current else ""),
            "n": current.n if current else 0, "previous": _shown(key, previous),
            # Intervals that do not overlap: a change the sample cannot explain away.
            "changed": bool(current and previous and (current.low > previous.high
                                                      or current.high < previous.low)),
        })
    return lines


def _touchpoints(month: Month) -> tuple[list[dict], list[dict]]:
    rows = [row for row in _whole(month, Breakdown.TOUCHPOINT)
            if row.group is not None and row.nps and row.nps.n >= TOUCHPOINT_MIN_RESPONSES]
    labels = group_labels(Breakdown.TOUCHPOINT, {row.group for row in rows})
    ranked = sorted(rows, key=lambda row: row.nps.value, reverse=True)
    shown = [{"name": labels.get(row.group, row.group), "nps": _shown("nps", row.nps),
              "n": row.nps.n} for row in ranked]
    return shown[:3], shown[::-1][:3] if len(shown) > 3 else []


def _weekly_nps_chart(month: Month) -> str | None:
    """A PNG (as a data: URI) of the weekly NPS with its 95 % band, over the three months
    that end with this one; None when there is nothing to draw."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot

    start = month.previous.previous.first_day
    rows = [row for row in run_metrics_with_rollups(MetricsQuery(start, month.last_day,
                                                                 Grain.WEEK))
            if row.nps is not None]
    if not rows:
        return None
    weeks = [row.bucket for row in rows]
    figure, axes = pyplot.subplots(figsize=(7, 2.6), dpi=120)
    # xgettext:no-python-format
    band = _("95 % interval")  # a literal per cent sign, not a format directive
    axes.fill_between(weeks, [r.nps.low for r in rows], [r.nps.high for r in rows],
                      color="#c9d6f5", label=band)
    axes.plot(weeks, [r.nps.value for r in rows], color="#2f4fd0", marker="o",
              label=_("NPS"))
    axes.axvspan(month.first_day, month.last_day, color="#f3f3f3", zorder=0)
    axes.set_ylabel(_("NPS"))
    axes.set_ylim(-100, 100)
    axes.grid(axis="y", color="#e5e5e5")
    axes.legend(loc="lower left", fontsize=8, frameon=False)
    figure.autofmt_xdate()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    pyplot.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _quotes(month: Month) -> dict[str, list[SurveyResponse]]:
    """The customers' own words: the month's longest comments of detractors and of
    promoters (longer comments say more)."""
    month_comments = (SurveyResponse.objects.filter(
        responded_on__range=(month.first_day, month.last_day)).exclude(comment="")
        .select_related("touchpoint").order_by("-responded_at"))
    def longest(queryset):
        return sorted(queryset[:200], key=lambda r: len(r.comment), reverse=True)[:QUOTES // 2]
    return {"detractors": longest(month_comments.filter(nps__lte=6)),
            "promoters": longest(month_comments.filter(nps__gte=9))}


def monthly_report_context(month: Month) -> dict:
    now = next(iter(_whole(month)), None)
    before = next(iter(_whole(month.previous)), None)
    best, worst = _touchpoints(month)
    return {
        "company": getattr(settings, "KLIENTO_COMPANY_NAME", "") or "Kliento",
        "month": month, "month_name": formats.date_format(month.first_day, "F Y"),
        "previous_name": formats.date_format(month.previous.first_day, "F Y"),
        "kpis": _kpi_lines(now, before), "responses": now.survey_responses if now else 0,
        "interactions": now.interactions if now else 0,
        "best": best, "worst": worst, "chart": _weekly_nps_chart(month),
        "quotes": _quotes(month),
    }


def monthly_report_pdf(month: Month) -> bytes:
    """The report as PDF bytes, in the active language."""
    from weasyprint import HTML  # heavy: loaded only when a report is made

    html = render_to_string("analytics/monthly_report.html", monthly_report_context(month))
    return HTML(string=html).write_pdf()
