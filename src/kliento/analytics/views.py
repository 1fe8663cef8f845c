from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kliento.access.decorators import page_requires
from kliento.analytics.behind import BehindForm, behind_rows
from kliento.analytics.dashboard import dashboard_context
from kliento.analytics.drivers import factor_drivers, touchpoint_drivers
from kliento.analytics.explore import (
    COLUMN_BY_KEY,
    ExploreForm,
    explore_chart,
    explore_defaults,
    explore_rows,
    explore_table,
)
from kliento.analytics.export import table_as_csv, table_as_xlsx
from kliento.analytics.labels import group_labels
from kliento.analytics.presentation import FACTOR_LABELS, FEW_ANSWERS, KPI_TITLES
from kliento.analytics.selectors import Focus
from kliento.organisation.periods import WEEK_CHOICES, parse_weeks, period_ending_this_week

EXPORTS = {
    "csv": (table_as_csv, "text/csv; charset=utf-8", "csv"),
    "xlsx": (table_as_xlsx,
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


@page_requires("access.view_dashboard")
def dashboard_detail(request):
    period = period_ending_this_week(parse_weeks(request.GET.get("weeks")))
    focus = Focus.parse(request.GET.get("focus"))
    context = dashboard_context(period, focus, request.user) | {"week_choices": WEEK_CHOICES}
    template = "analytics/_kpis.html" if request.headers.get("HX-Request") else (
        "analytics/dashboard.html"
    )
    return render(request, template, context)


@page_requires("access.explore_measures")
def measure_explore(request):
    form = ExploreForm(request.GET or None, initial=explore_defaults())
    params = form.cleaned_data if form.is_bound and form.is_valid() else explore_defaults()
    context = {"form": form}
    if not form.is_bound or form.is_valid():
        table = explore_table(params["start"], params["end"], params["grain"],
                              params["breakdown"])
        export = request.GET.get("export")
        if export in EXPORTS:
            render_file, content_type, extension = EXPORTS[export]
            response = HttpResponse(render_file(table), content_type=content_type)
            name = f"kliento-{params['start']}-{params['end']}-{params['grain']}-" \
                   f"{params['breakdown']}.{extension}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        factors = factor_drivers(params["start"], params["end"])
        context |= {
            "params": params,
            # The export links carry the shown table's parameters, also on first arrival.
            "export_query": urlencode({name: str(value) for name, value in params.items()}),
            "measure": COLUMN_BY_KEY[params["measure"]],
            "rows": explore_rows(table, params, request.user),
            "chart": explore_chart(table, params),
            "few_answers": FEW_ANSWERS,
            "factors": factors,
            # R² in plain words: the share of the differences the factors explain.
            "factors_explained": round(100 * factors.r_squared) if factors else None,
            "factor_labels": FACTOR_LABELS,
            "touchpoints": touchpoint_drivers(params["start"], params["end"]),
            "broken_promises": table.broken_promise_share(),
        }
    template = "analytics/_explore.html" if request.headers.get("HX-Request") else (
        "analytics/explore.html")
    return render(request, template, context)


BEHIND_PAGE_SIZE = 50


@page_requires("access.view_dashboard")
def figure_behind(request):
    """The contacts, promises or complaints behind one figure, as far as the person reaches."""
    form = BehindForm(request.GET)
    context: dict = {"form": form}
    if form.is_valid():
        query = form.query()
        measure = form.cleaned_data["measure"]
        found = behind_rows(request.user, measure, query)
        group_label = None
        if query.only is not None:
            group_label = group_labels(query.breakdown, {query.only}).get(query.only,
                                                                           query.only)
        context |= {"query": query, "found": found, "title": KPI_TITLES[measure],
                    "group_label": group_label,
                    "page": Paginator(found.rows, BEHIND_PAGE_SIZE).get_page(
                        request.GET.get("page"))}
    return render(request, "analytics/behind.html", context)
