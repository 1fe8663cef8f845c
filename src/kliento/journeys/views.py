"""The journey pages: customers and a customer's profile, the journey map, lifecycle
segments and their rules, engagement stages, expectation drift and the churn signal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize, may, visible
from kliento.customers.models import Customer
from kliento.customers.selectors import customers_matching
from kliento.interactions.models import Channel, Touchpoint
from kliento.journeys import presentation, rollups, selectors, services
from kliento.journeys.forms import (
    CustomerSearchForm,
    DriftFilterForm,
    JourneyFilterForm,
    LifecycleRulesForm,
    MarkerForm,
    PeriodForm,
)
from kliento.journeys.models import Segment, Stage
from kliento.lifecycle.flows import flow_layout
from kliento.ui.formatting import format_number, format_percent
from kliento.ui.tabs import customer_tabs

PAGE_SIZE = 25
TIMELINE_PAGE = 30


def _reachable(request):
    return visible(request.user, "customers.view_customer", Customer.objects.all())


@page_requires("customers.view_customer")
def customer_list(request):
    form = CustomerSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    customers = _reachable(request).select_related("lifecycle_status")
    if query.strip():
        customers = customers_matching(customers, query)
    page = Paginator(customers.order_by("full_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "journeys/customer_list.html", {
        "form": form, "query": query, "page": page})


@page_requires("customers.view_customer")
def customer_profile(request, pk: int):
    customer = get_object_or_404(Customer.objects.select_related("lifecycle_status"), pk=pk)
    authorize(request.user, "customers.view_customer", customer)
    count = selectors.customer_timeline_query(customer.pk).count()
    page = Paginator(range(count), TIMELINE_PAGE).get_page(request.GET.get("page"))
    events, _count = selectors.customer_timeline(
        customer.pk, offset=max(0, page.start_index() - 1), limit=TIMELINE_PAGE)
    labels = presentation.timeline_labels()
    return render(request, "journeys/profile.html", {
        "customer": customer, "page": page, "count": count,
        "events": [(event, labels.get((event.kind, event.label), event.label))
                   for event in events],
        "scores": selectors.customer_scores(customer.pk),
        "status": selectors.customer_status(customer.pk),
        "names": selectors.customer_name_history(customer),
        "may_promise": may(request.user, "promises.add_promise"),
        "may_open_case": may(request.user, "recovery.add_recoverycase"),
        "customer_key": customer.external_id or customer.email or customer.full_name,
        "tabs": customer_tabs(request, customer),
    })


@page_requires("journeys.view_journeys")
def journey_map(request):
    state = rollups.rollup_state()
    asked = request.GET
    if state and not (asked.get("start") or asked.get("end")):
        # Unasked, the period is the one whose paths the last fill stored: read, not counted.
        asked = asked.copy()
        asked["start"], asked["end"] = state.paths_start.isoformat(), state.paths_end.isoformat()
    form = JourneyFilterForm(asked)
    start, end = form.period()
    segment = form.cleaned_data.get("segment") if form.is_valid() else ""
    by = (form.cleaned_data.get("by") if form.is_valid() else "") or "touchpoint"
    steps = selectors.journey_paths(start, end, by=by, segment=segment or None)
    names = (dict(Touchpoint.objects.values_list("pk", "name")) if by == "touchpoint"
             else {c.pk: str(c) for c in Channel.objects.all()})
    last = selectors.PATH_STEPS - 1  # links leave every column but the last
    layout = flow_layout([(s.step - 1, s.source, s.target, s.customers) for s in steps
                          if s.step - 1 < last], width=760, height=420)
    journey = selectors.journey_map(start, end, segment=segment or None)
    return render(request, "journeys/map.html", {
        "form": form, "start": start, "end": end, "map": journey,
        "explained": (format_percent(100 * journey.r_squared)
                      if journey.r_squared is not None else None),
        "flow": layout, "flow_labels": presentation.flow_labels(layout, names),
        "step_count": selectors.PATH_STEPS, "rollup_state": state,
    })


@page_requires("journeys.view_journeys")
def segment_overview(request):
    counts = selectors.segment_counts()
    flows = selectors.segment_flows()
    rules = services.lifecycle_rules()
    statuses = Paginator(selectors.at_risk_list(_reachable(request)), PAGE_SIZE).get_page(
        request.GET.get("page"))
    now = timezone.now()
    rows = [(status, presentation.at_risk_reasons(status, rules, now)) for status in statuses]
    segment_names = dict(Segment.choices) | {"none": _("Not yet a customer")}
    flow = None
    if flows:
        latest = flows[-1]
        flow = flow_layout([(0, f"was:{was}", f"now:{now_}", n)
                            for (was, now_), n in latest.moves.items()], width=560,
                           height=300)
    shown, running = presentation.shown_months([f.month for f in flows])
    columns = [(presentation.month_label(f.month), {s: sum(n for (_w, now_), n in
                                                           f.moves.items() if now_ == s)
                                                    for s in Segment.values})
               for f in flows if f.month in shown]
    return render(request, "journeys/segments.html", {
        "counts": [(value, label, counts[value], presentation.SEGMENT_COLOURS[value])
                   for value, label in Segment.choices],
        "total": sum(counts.values()), "rows": rows, "page": statuses, "rules": rules,
        "flow": flow, "latest": flows[-1] if flows else None,
        "flow_labels": presentation.flow_labels(flow, {
            f"{side}:{value}": label for side in ("was", "now")
            for value, label in segment_names.items()}) if flow else [],
        "flow_colours": presentation.SEGMENT_COLOURS,
        "bars": presentation.stacked_bars(columns, presentation.SEGMENT_COLOURS,
                                          dict(Segment.choices), shares=False, width=380,
                                          height=230, running=running),
        "may_refresh": may(request.user, "journeys.change_lifecyclerules"),
        "may_promise": may(request.user, "promises.add_promise"),
        "may_open_case": may(request.user, "recovery.add_recoverycase"),
    })


@page_requires("journeys.change_lifecyclerules")
@require_POST
def segment_refresh(request):
    placed = services.lifecycle_refresh()
    services.segment_snapshot_take(timezone.localdate())
    rollups.journey_rollups_fill()
    messages.success(request, _("Segments worked out again for %(n)s customers.")
                     % {"n": placed})
    return redirect("journeys:segments")


@page_requires("journeys.view_lifecyclerules")
def rules_edit(request):
    rules = services.lifecycle_rules()
    editable = may(request.user, "journeys.change_lifecyclerules")
    form = LifecycleRulesForm(request.POST or None, instance=rules)
    if request.method == "POST":
        authorize(request.user, "journeys.change_lifecyclerules")
        if form.is_valid():
            try:
                services.lifecycle_rules_update(**{name: form.cleaned_data[name]
                                                   for name in form.Meta.fields})
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, _("Rules saved. They apply from the next "
                                            "refresh of the segments."))
                return redirect("journeys:segments")
    return render(request, "journeys/rules.html", {"form": form, "editable": editable})


@page_requires("journeys.view_journeys")
def engagement_overview(request):
    form = PeriodForm(request.GET)
    start, end = form.period()
    mix = selectors.stage_mix(start, end)
    months, running = presentation.shown_months([month for month, _counts in mix])
    mix = mix[:len(months)]  # months in order: any after today's are at the end
    stage_names = dict(Stage.choices)
    customers = Paginator(selectors.not_yet_connected(_reachable(request)), PAGE_SIZE) \
        .get_page(request.GET.get("page"))
    return render(request, "journeys/engagement.html", {
        "form": form, "start": start, "end": end,
        "bars": presentation.stacked_bars(
            [(presentation.month_label(month), counts) for month, counts in mix],
            presentation.STAGE_COLOURS, stage_names, running=running),
        "mix": mix, "stage_names": stage_names, "stage_colours": presentation.STAGE_COLOURS,
        "values": selectors.stage_values(start, end), "page": customers,
    })


@page_requires("journeys.view_journeys")
def drift_overview(request):
    form = DriftFilterForm(request.GET)
    start, end = form.period()
    touchpoint = form.cleaned_data.get("touchpoint") if form.is_valid() else None
    points = selectors.expectation_drift(start, end,
                                         touchpoint_id=touchpoint and touchpoint.pk)
    markers = list(selectors.marker_list(start, end, touchpoint_id=touchpoint and touchpoint.pk))
    months, running = presentation.shown_months([point.month for point in points])
    points = points[:len(months)]  # months in order: any after today's are at the end
    marks = [(m.happened_on, f"{m.what} ({m.get_kind_display()})") for m in markers]
    return render(request, "journeys/drift.html", {
        "form": form, "points": points, "markers": markers, "touchpoint": touchpoint,
        "expectation": presentation.line_chart(
            months, [([p.expectation for p in points], "#4c78a8", _("Mean expectation"))],
            low=0, high=10, markers=marks, height=160, fmt=lambda v: format_number(v, 1),
            running=running),
        "kv": presentation.line_chart(
            months, [([p.kv for p in points], "#54a24b", "KV")],
            low=min([0.5, *(p.kv for p in points)]), high=max([1.5, *(p.kv for p in points)]),
            markers=marks, height=160, running=running),
        "bands": presentation.stacked_bars(
            [(presentation.month_label(p.month), {"disappointed": p.disappointed,
                                                  "satisfied": p.satisfied,
                                                  "delighted": p.delighted}) for p in points],
            presentation.BAND_COLOURS, {"disappointed": _("Disappointed"),
                                        "satisfied": _("Satisfied"),
                                        "delighted": _("Delighted")}, width=380, height=200,
            running=running),
        "band_colours": presentation.BAND_COLOURS,
        "marker_form": MarkerForm(initial={"happened_on": timezone.localdate()}),
        "may_add_marker": may(request.user, "journeys.add_marker"),
    })


@page_requires("journeys.add_marker")
@require_POST
def marker_add(request):
    form = MarkerForm(request.POST)
    if form.is_valid():
        services.marker_record(recorded_by=request.user, **form.cleaned_data)
        messages.success(request, _("Recorded: it is marked on the charts."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("journeys:drift")


@page_requires("journeys.view_journeys")
def churn_overview(request):
    rules = services.lifecycle_rules()
    return render(request, "journeys/churn.html", {
        "signal": selectors.churn_signal(rules.quiet_after_days, timezone.now()),
        "rules": rules})
