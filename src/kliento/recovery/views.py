"""Pages for agents and managers: the cases, and one case walked through the protocol."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import authorize, may, visible
from kliento.customers.models import Customer
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
from kliento.recovery.presentation import case_page_context, recovery_kpi_cards
from kliento.recovery.selectors import recovery_case_detail, recovery_cases_for
from kliento.recovery.services import (
    CompensationRefused,
    RecoveryCaseExists,
    recovery_case_open,
    recovery_case_step_take,
)
from kliento.surveys.models import SurveyResponse
from kliento.surveys.services import InvitationRefused

KPI_WEEKS = 12
PAGE_SIZE = 50


@page_requires("recovery.view_recoverycase")
def case_list(request):
    filters = CaseFilterForm(request.GET or None)
    params = filters.params() if filters.is_bound else {"status": "active", "mine": False}
    cases = visible(request.user, "recovery.view_recoverycase",
                    recovery_cases_for(request.user, **params))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    start = today - timedelta(weeks=KPI_WEEKS) + timedelta(days=1)
    return render(request, "recovery/list.html", {
        "filters": filters, "params": params, "page": page, "kpi_cards":
        recovery_kpi_cards(start, today), "kpi_weeks": KPI_WEEKS,
        "open_form": OpenCaseForm(prefix="open", customers=_reachable_customers(request))})


@page_requires("recovery.add_recoverycase")
@require_POST
def case_open(request):
    form = OpenCaseForm(request.POST, prefix="open", customers=_reachable_customers(request))
    if form.is_valid() and not may(request.user, "customers.view_customer",
                                   form.cleaned_data["customer"]):
        form.add_error("customer", _("No customer you serve has this id."))
    if form.is_valid():
        case = recovery_case_open(customer=form.cleaned_data["customer"],
                                  notes=form.cleaned_data["notes"], assignee=request.user)
        messages.success(request, _("Case opened and assigned to you."))
        return redirect("recovery:detail", case.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("recovery:list")


def _reachable_customers(request):
    return visible(request.user, "customers.view_customer", Customer.objects.all())


@page_requires("recovery.add_recoverycase")
@require_POST
def case_open_from_response(request, pk: int):
    """From the responses inbox: a case about this answer (or the one it has already)."""
    response = SurveyResponse.objects.select_related("customer", "interaction").filter(
        pk=pk).first()
    if response is None:
        raise Http404
    authorize(request.user, "surveys.view_surveyresponse", response)
    if response.customer is None:
        messages.error(request, _("An anonymous answer has no customer to call back."))
        return redirect("surveys:response", response.pk)
    try:
        case = recovery_case_open(customer=response.customer, survey_response=response,
                                  assignee=request.user)
    except RecoveryCaseExists as exists:
        messages.info(request, _("This answer has a case already."))
        return redirect("recovery:detail", exists.case.pk)
    messages.success(request, _("Case opened and assigned to you."))
    return redirect("recovery:detail", case.pk)


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


NEXT_ANCHOR = {"listen": "step-confirm", "confirm": "step-agree", "agree": "step-compensate",
               "grant": "step-compensate", "resolve": "step-follow_up",
               "follow_up": "step-follow_up", "record": "step-follow_up", "assign": "case"}


@page_requires("recovery.view_recoverycase")
def case_detail(request, pk: int):
    case = _case_or_404(pk)
    authorize(request.user, "recovery.view_recoverycase", case)
    step = request.POST.get("step") if request.method == "POST" else None
    if request.method == "POST":
        authorize(request.user, "recovery.add_compensationgrant" if step == "grant"
                  else "recovery.change_recoverycase", case)
    if step is not None and step not in NEXT_ANCHOR:
        step = None
    forms = _forms(case, request, bound=step)
    context = {}
    form = forms.get(step)
    if step is not None and (form is None or form.is_valid()):
        try:
            link = recovery_case_step_take(
                case, step, form.cleaned_data if form is not None else {}, by=request.user,
                base_url=request.build_absolute_uri("/"))
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
            if link is None:
                messages.success(request, _("Saved."))
                return redirect(reverse("recovery:detail", args=[case.pk])
                                + "#" + NEXT_ANCHOR[step])
            context["follow_up_url"] = link  # exists only now: shown, not redirected to
            case = _case_or_404(pk)
            forms = _forms(case, request)
    return render(request, "recovery/detail.html",
                  context | case_page_context(case, request.user) | {"forms": forms})
