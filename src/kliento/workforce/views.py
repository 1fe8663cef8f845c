"""Pages for planners (the week's staffing plan and how last week's plan fared) and the
customer's embeddable "we usually reply within …" snippet."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.csp import CSP
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.vary import vary_on_headers

from kliento.access.decorators import page_requires
from kliento.ui.customer_pages import customer_page_language
from kliento.workforce.forms import PlanFilterForm, WeekFilterForm, last_week, this_week
from kliento.workforce.planning import (
    HISTORY_WEEKS,
    NotEnoughHistory,
    plan_accuracy,
    staffing_plan,
)
from kliento.workforce.presentation import (
    accuracy_cards,
    accuracy_rows,
    gap_heatmap,
    method_sentence,
    plan_cards,
    plan_chart,
    plan_method,
    sparse_notice,
)
from kliento.workforce.response_times import (
    ANSWERING_CHANNELS,
    response_time_estimates,
    response_time_sentence,
)
from kliento.workforce.selectors import channels_with_contacts


def _planned_channels():
    return channels_with_contacts(timezone.localdate() - timedelta(weeks=HISTORY_WEEKS + 1))


@page_requires("workforce.plan_staffing")
def plan(request):
    filters = PlanFilterForm(request.GET or None, channels=_planned_channels(),
                             default_week=this_week())
    params = filters.params()
    context = {"filters": filters, "params": params}
    if params["channel"] is not None:
        try:
            week = staffing_plan(params["channel"], params["week_start"],
                                 interval_minutes=params["interval_minutes"],
                                 what_if=params["what_if"])
        except NotEnoughHistory:
            context["not_enough_history"] = True
        else:
            context |= {"plan": week, "cards": plan_cards(week), "heatmap": gap_heatmap(week),
                        "chart": plan_chart(week), "method": plan_method(week),
                        "method_sentence": method_sentence(week),
                        "sparse_notice": sparse_notice(week)}
    partial = request.headers.get("HX-Request")
    template = "workforce/_plan.html" if partial else "workforce/plan.html"
    return render(request, template, context)


@page_requires("workforce.plan_staffing")
def accuracy(request):
    filters = WeekFilterForm(request.GET or None, channels=_planned_channels(),
                             default_week=last_week())
    params = filters.params()
    context = {"filters": filters, "params": params}
    if params["channel"] is not None:
        try:
            result = plan_accuracy(params["channel"], params["week_start"],
                                   interval_minutes=params["interval_minutes"])
        except NotEnoughHistory:
            context["not_enough_history"] = True
        else:
            context |= {"accuracy": result, "cards": accuracy_cards(result),
                        "rows": accuracy_rows(result),
                        "sparse_notice": sparse_notice(result.plan)}
    partial = request.headers.get("HX-Request")
    template = "workforce/_accuracy.html" if partial else "workforce/accuracy.html"
    return render(request, template, context)


# Public: a company's own contact page shows it in an iframe, so any site may frame it.
# It has no scripts; the numbers behind it are cached (response_time_estimates).
@xframe_options_exempt
@csp_override({"default-src": [CSP.NONE], "style-src": [CSP.SELF], "img-src": [CSP.SELF],
               "base-uri": [CSP.NONE], "form-action": [CSP.NONE], "frame-ancestors": ["*"]})
@cache_control(max_age=300)
@vary_on_headers("Accept-Language")
def response_time_embed(request):
    """"We usually reply to e-mails within 3 hours" for ``?channel=`` (or every answering
    channel), in ``?lang=`` or the browser's language."""
    language = customer_page_language(request, None)
    asked = request.GET.get("channel")
    estimates = response_time_estimates()
    with translation.override(language):
        sentences = [response_time_sentence(code, seconds)
                     for code, seconds in estimates.items()
                     if code in ANSWERING_CHANNELS and (not asked or code == asked)]
        return render(request, "workforce/public/response_time.html",
                      {"sentences": sentences, "language": language})
