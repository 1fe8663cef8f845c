"""The owner's monthly report: the month's measures with their 95 % intervals beside the
month before, what changed beyond chance and what lies behind it (the grade's drivers,
complaints by cause, broken promises by kind — counts compared as Poisson rates), best and
worst touchpoints, a weekly NPS chart and the customers' own words, under the company's name
and logo, as a PDF (WeasyPrint) in the language active when it is made. The chart is drawn
on the server (matplotlib, no browser), so the same file comes out of a request or a job."""

import base64
import io
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from kliento.analytics.buckets import Grain
from kliento.analytics.drivers import factor_drivers
from kliento.analytics.labels import group_labels
from kliento.analytics.metrics import Breakdown, MetricsQuery, MetricsRow
from kliento.analytics.presentation import FACTOR_LABELS, KPI_LOOKS
from kliento.analytics.rollups import run_metrics_with_rollups
from kliento.interactions.models import Interaction
from kliento.measure.rates import rate_ratio
from kliento.organisation.selectors import company_settings
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse
from kliento.surveys.selectors import customer_responses
from kliento.ui.formatting import format_value
from kliento.ui.periods import month_last_day

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
        return month_last_day(self.first_day)

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
    month_comments = (customer_responses().filter(
        responded_on__range=(month.first_day, month.last_day)).exclude(comment="")
        .select_related("touchpoint").order_by("-responded_at"))
    def longest(queryset):
        return sorted(queryset[:200], key=lambda r: len(r.comment), reverse=True)[:QUOTES // 2]
    return {"detractors": longest(month_comments.filter(nps__lte=6)),
            "promoters": longest(month_comments.filter(nps__gte=9))}


def _days(month: Month) -> int:
    return (month.last_day - month.first_day).days + 1


def _counts_compared(now: dict, before: dict, labels: dict, month: Month) -> list[dict]:
    """Each kind's count this month beside last month's, per day (months differ in length);
    ``changed`` when the exact 95 % interval of the rate ratio leaves out 1."""
    lines = []
    for key in sorted(set(now) | set(before), key=lambda k: (-now.get(k, 0), str(k))):
        count, previous = now.get(key, 0), before.get(key, 0)
        ratio = rate_ratio(count, _days(month), previous, _days(month.previous))
        lines.append({"label": labels.get(key, key), "count": count, "previous": previous,
                      "changed": ratio.low > 1 or ratio.high < 1, "up": ratio.ratio > 1})
    return lines


def _complaints_by_cause(month: Month) -> list[dict]:
    def counts(period: Month) -> dict:
        return dict(Interaction.objects.filter(
            kind=Interaction.Kind.COMPLAINT, opened_on__range=(period.first_day,
                                                               period.last_day))
            .order_by().values_list("cause").annotate(n=Count("pk")).values_list("cause", "n"))
    labels = dict(Interaction.Cause.choices) | {None: _("Cause not recorded")}
    return _counts_compared(counts(month), counts(month.previous), labels, month)


def _broken_promises(month: Month) -> list[dict]:
    """Promises broken that fell due in the month, by kind."""
    def counts(period: Month) -> dict:
        return dict(Promise.objects.filter(
            status=Promise.Status.BROKEN, due_on__range=(period.first_day, period.last_day))
            .order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return _counts_compared(counts(month), counts(month.previous),
                            dict(Promise.Kind.choices), month)


def _drivers(month: Month) -> list[dict]:
    """What moves the likelihood to recommend most, with the month's mean score of each."""
    analysis = factor_drivers(month.first_day, month.last_day)
    if analysis is None:
        return []
    return [{"label": FACTOR_LABELS.get(driver.key, driver.key),
             "share": formats.number_format(driver.share, 0),
             "mean": formats.number_format(driver.mean, 1)} for driver in analysis.drivers[:3]]


def _logo() -> str | None:
    """The company's logo as a data: URI, so WeasyPrint never fetches a file by URL."""
    logo = company_settings().logo
    if not logo:
        return None
    try:
        with logo.open("rb") as file:
            data = file.read()
    except OSError:  # a missing file must not stop the report
        return None
    kind = "svg+xml" if logo.name.endswith(".svg") else logo.name.rsplit(".", 1)[-1]
    return f"data:image/{kind.replace('jpg', 'jpeg')};base64," + base64.b64encode(data).decode()


def monthly_report_context(month: Month) -> dict:
    now = next(iter(_whole(month)), None)
    before = next(iter(_whole(month.previous)), None)
    best, worst = _touchpoints(month)
    kpis = _kpi_lines(now, before)
    return {
        "company": company_settings().company_name or _("Our company"), "logo": _logo(),
        "changed": [kpi for kpi in kpis if kpi["changed"]],
        "drivers": _drivers(month), "complaints": _complaints_by_cause(month),
        "broken_promises": _broken_promises(month),
        "month": month, "month_name": formats.date_format(month.first_day, "F Y"),
        "previous_name": formats.date_format(month.previous.first_day, "F Y"),
        "kpis": kpis, "responses": now.survey_responses if now else 0,
        "interactions": now.interactions if now else 0,
        "best": best, "worst": worst, "chart": _weekly_nps_chart(month),
        "quotes": _quotes(month),
    }


def monthly_report_pdf(month: Month, context: dict | None = None) -> bytes:
    """The report as PDF bytes, in the active language (``context``: already gathered)."""
    from weasyprint import HTML  # heavy: loaded only when a report is made

    html = render_to_string("analytics/monthly_report.html",
                            context or monthly_report_context(month))
    return HTML(string=html).write_pdf()
