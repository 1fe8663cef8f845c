"""The owner's monthly report, downloaded as a PDF for any month."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone

from kliento.access.decorators import page_requires
from kliento.analytics.monthly_report import Month, monthly_report_pdf


def _month(raw: str | None) -> Month:
    """``YYYY-MM`` from the address; last month when absent or unreadable."""
    try:
        year, month = (int(part) for part in (raw or "").split("-"))
        return Month(date(year, month, 1))
    except ValueError:
        return Month.of(timezone.localdate()).previous


@page_requires("access.explore_measures")
def monthly_report_download(request):
    month = _month(request.GET.get("month"))
    reply = HttpResponse(monthly_report_pdf(month), content_type="application/pdf")
    reply["Content-Disposition"] = (
        f'attachment; filename="kliento-report-{month.first_day:%Y-%m}.pdf"')
    return reply


@page_requires("access.explore_measures")
def monthly_reports(request):
    """The last twelve months to download, and any other month by its picker."""
    months = [Month.of(timezone.localdate()).previous]
    while len(months) < 12:
        months.append(months[-1].previous)
    return render(request, "analytics/monthly_reports.html", {"months": [
        {"value": f"{month.first_day:%Y-%m}",
         "name": formats.date_format(month.first_day, "F Y")} for month in months]})
