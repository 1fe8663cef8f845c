from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize
from kliento.audits.forms import (
    DIMENSION_CHOICES,
    ROLLUP_TITLES,
    AuditForm,
    AuditSetupForm,
    OverviewForm,
)
from kliento.audits.models import Audit, ServiceStandard
from kliento.audits.selectors import (
    audit_counts_by_kind,
    audit_scores_by,
    audit_summary,
    audit_with_checks,
    audits_recent,
    criteria_missed,
    score_change,
    standard_default,
)
from kliento.audits.services import audit_record
from kliento.organisation.periods import period_ending_this_week

DEFAULT_TARGET = ServiceStandard._meta.get_field("target_percent").default


@page_requires("audits.view_servicestandard")
def audit_overview(request):
    form = OverviewForm(request.GET or None)
    params = form.params()
    period = period_ending_this_week(params["weeks"])
    previous = period.previous()
    start, end, standard = period.first_monday, period.last_day, params["standard"]
    summary = audit_summary(start, end, standard)
    earlier = audit_summary(previous.first_monday, previous.last_day, standard)
    shown = standard or standard_default()
    context = {
        "form": form,
        "params": params,
        "period": period,
        "rollup_title": ROLLUP_TITLES[params["by"]],
        "by_label": dict(DIMENSION_CHOICES)[params["by"]],
        "target": shown.target_percent if shown else DEFAULT_TARGET,
        "summary": summary,
        "change": score_change(summary, earlier),
        "by_kind": audit_counts_by_kind(start, end, standard),
        "rows": audit_scores_by(params["by"], start, end, standard,
                                compare_with=(previous.first_monday, previous.last_day)),
        "criteria": criteria_missed(start, end, standard),
        "recent": audits_recent(start, end, standard),
    }
    template = "audits/_overview.html" if request.headers.get("HX-Request") else (
        "audits/overview.html")
    return render(request, template, context)


@page_requires("audits.add_audit")
def audit_create(request):
    posted = request.method == "POST"
    setup = AuditSetupForm((request.POST if posted else request.GET) or None)
    standard, kind = setup.chosen()
    form = None
    if standard is not None:
        form = AuditForm(request.POST if posted else None, standard=standard, kind=kind)
        if posted and setup.is_valid() and form.is_valid():
            try:
                audit = audit_record(standard=standard, auditor=request.user,
                                     **form.record_kwargs())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The audit is recorded."))
                return redirect("audits:detail", pk=audit.pk)
    return render(request, "audits/audit_form.html",
                  {"setup": setup, "form": form, "standard": standard, "kind": kind})


@page_requires("audits.view_audit")
def audit_detail(request, pk: int):
    try:
        audit = audit_with_checks(pk)
    except Audit.DoesNotExist as missing:
        raise Http404 from missing
    authorize(request.user, "audits.view_audit", audit)
    return render(request, "audits/audit_detail.html", {"audit": audit})


def _add_errors(form: AuditForm, error: ValidationError) -> None:
    """The service's errors beside the fields they concern; the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
