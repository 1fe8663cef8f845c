from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kliento.analytics.dashboard import dashboard_context
from kliento.analytics.periods import WEEK_CHOICES, parse_weeks, period_ending_this_week


@login_required
def dashboard(request):
    period = period_ending_this_week(parse_weeks(request.GET.get("weeks")))
    context = dashboard_context(period) | {"week_choices": WEEK_CHOICES}
    template = "analytics/_kpis.html" if request.headers.get("HX-Request") else (
        "analytics/dashboard.html"
    )
    return render(request, template, context)
