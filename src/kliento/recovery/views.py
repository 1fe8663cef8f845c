"""Pages for agents and managers: the cases, and one case walked through the protocol."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.recovery.forms import (
    AgreeForm,
    CaseFilterForm,
    FollowUpForm,
    GrantForm,
    ListenForm,
    OpenCaseForm,
    ParaphraseForm,
)
from kliento.recovery.models import RecoveryCase
from kliento.recovery.presentation import protocol_steps, recovery_kpi_cards
from kliento.recovery.selectors import (
    compensation_granted,
    compensation_limit_for,
    follow_up_possible_from,
    recovery_case_detail,
    recovery_cases_for,
)
from kliento.recovery.services import (
    CompensationRefused,
    compensation_grant,
    recovery_case_assign,
    recovery_case_listen,
    recovery_case_open,
    recovery_case_resolve,
    recovery_case_steps_apply,
    recovery_follow_up_record,
    recovery_follow_up_send,
)
from kliento.surveys.models import Invitation
from kliento.surveys.services import InvitationRefused
from kliento.ui.formatting import format_money

KPI_WEEKS = 12
PAGE_SIZE = 50


@login_required
def case_list(request):
    filters = CaseFilterForm(request.GET or None)
    params = filters.params() if filters.is_bound else {"status": "active", "mine": False}
    page = Paginator(recovery_cases_for(request.user, **params), PAGE_SIZE).get_page(
        request.GET.get("page"))
    today = timezone.localdate()
    start = today - timedelta(weeks=KPI_WEEKS) + timedelta(days=1)
    return render(request, "recovery/list.html", {
        "filters": filters, "params": params, "page": page, "kpi_cards":
        recovery_kpi_cards(start, today), "kpi_weeks": KPI_WEEKS,
        "open_form": OpenCaseForm(prefix="open")})


@login_required
@require_POST
def case_open(request):
    form = OpenCaseForm(request.POST, prefix="open")
    if form.is_valid():
        case = recovery_case_open(customer=form.cleaned_data["customer"],
                                  notes=form.cleaned_data["notes"], assignee=request.user)
        messages.success(request, _("Case opened and assigned to you."))
        return redirect("recovery:detail", case.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("recovery:list")


def _case_or_404(pk: int) -> RecoveryCase:
    try:
        return recovery_case_detail(pk)
    except RecoveryCase.DoesNotExist:
        raise Http404 from None


def _forms(case: RecoveryCase, request, bound: str | None = None) -> dict:
    data = request.POST if bound else None
    cause = case.cause or case.suggested_cause or None
    forms = {
        "listen": ListenForm(initial={"listening_notes": case.listening_notes}),
        "confirm": ParaphraseForm(initial={
            "problem_paraphrase": case.problem_paraphrase,
            "customer_expectation": case.customer_expectation,
            "customer_confirmed": case.customer_confirmed_at is not None, "cause": cause}),
        "agree": AgreeForm(initial={"agreed_solution": case.agreed_solution}),
        "grant": GrantForm(request=request),
        "follow_up": FollowUpForm(initial={
            "delivery": "email" if case.customer.email else "link"}),
    }
    if bound in forms:
        kwargs = {"request": request} if bound == "grant" else {}
        forms[bound] = type(forms[bound])(data, **kwargs)
    return forms


def _do_step(request, case: RecoveryCase, step: str, form) -> dict | None:
    """Run one step's service; returns extra context to show (a follow-up link)."""
    data = form.cleaned_data if form is not None else {}
    if step == "listen":
        recovery_case_listen(case, notes=data["listening_notes"])
    elif step == "confirm":
        recovery_case_steps_apply(case, problem_paraphrase=data["problem_paraphrase"],
                                  customer_expectation=data["customer_expectation"],
                                  customer_confirmed=data["customer_confirmed"],
                                  cause=data["cause"])
    elif step == "agree":
        recovery_case_steps_apply(case, agreed_solution=data["agreed_solution"])
    elif step == "grant":
        compensation_grant(case, granted_by=request.user, amount=data["amount"],
                           kind=data["kind"], reason=data["reason"], outcome=data["outcome"],
                           approved_by=data["approved_by"])
    elif step == "resolve":
        recovery_case_resolve(case)
    elif step == "follow_up":
        invitation, url = recovery_follow_up_send(
            case, by=request.user, delivery=data["delivery"],
            base_url=request.build_absolute_uri("/"))
        if invitation.delivery == Invitation.Delivery.LINK:
            return {"follow_up_url": url}  # the link exists only now: show it, do not redirect
    elif step == "record":
        recovery_follow_up_record(case)
    elif step == "assign":
        recovery_case_assign(case, assignee=request.user)
    return None


NEXT_ANCHOR = {"listen": "step-confirm", "confirm": "step-agree", "agree": "step-compensate",
               "grant": "step-compensate", "resolve": "step-follow_up",
               "follow_up": "step-follow_up", "record": "step-follow_up", "assign": "case"}


@login_required
def case_detail(request, pk: int):
    case = _case_or_404(pk)
    step = request.POST.get("step") if request.method == "POST" else None
    if step is not None and step not in NEXT_ANCHOR:
        step = None
    forms = _forms(case, request, bound=step)
    context = {}
    form = forms.get(step)
    if step is not None and (form is None or form.is_valid()):
        try:
            shown = _do_step(request, case, step, form)
        except CompensationRefused as refused:
            form.add_error("amount", refused.message)
        except InvitationRefused as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect(reverse("recovery:detail", args=[case.pk]) + "#case")
            form.add_error(None, error)
        else:
            if shown is None:
                messages.success(request, _("Saved."))
                return redirect(reverse("recovery:detail", args=[case.pk])
                                + "#" + NEXT_ANCHOR[step])
            context |= shown
            case = _case_or_404(pk)
            forms = _forms(case, request)
    limit = compensation_limit_for(request.user)
    context |= {
        "case": case, "forms": forms, "steps": protocol_steps(case),
        "closed": case.status == RecoveryCase.Status.CLOSED,
        "overdue": case.first_contact_at is None and case.status in RecoveryCase.ACTIVE
        and case.due_at < timezone.now(),
        "limit": None if limit is None else format_money(limit),
        "granted": format_money(compensation_granted(case)),
        "follow_up_from": follow_up_possible_from(case) if case.resolved_at else None,
    }
    return render(request, "recovery/detail.html", context)
