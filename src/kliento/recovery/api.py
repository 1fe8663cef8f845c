"""Recovery over the API: the cases, their steps, compensation grants and the recovery KPIs."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kliento.access.policy import authorize, authorize_handover, visible
from kliento.accounts.models import User
from kliento.api.authentication import requires
from kliento.api.ids import RowId
from kliento.api.periods import period_check
from kliento.api.problems import CodedProblem, problem
from kliento.customers.api import customer_referenced
from kliento.interactions.models import Interaction
from kliento.recovery.models import Cause, CompensationGrant, RecoveryCase
from kliento.recovery.selectors import (
    APPROVE_PERMISSION,
    complaint_causes,
    recovery_case_list,
    recovery_kpis,
)
from kliento.recovery.services import (
    CompensationRefused,
    RecoveryCaseExists,
    compensation_grant,
    recovery_case_open,
    recovery_case_steps_apply,
)
from kliento.surveys.selectors import customer_responses
from kliento.surveys.services import InvitationRefused

router = Router(tags=["recovery"])
# Inline enums (not named schema components, which could clash with other apps' "Status").
TriggerValue = Literal[tuple(RecoveryCase.Trigger.values)]
StatusValue = Literal[tuple(RecoveryCase.Status.values)]
CauseValue = Literal[tuple(Cause.values)]
GrantKindValue = Literal[tuple(CompensationGrant.Kind.values)]
OutcomeValue = Literal[tuple(CompensationGrant.Outcome.values)]
MAX_METRICS_DAYS = 3 * 366


class CompensationGrantOut(Schema):
    id: int
    amount: Decimal = Field(description="Euros.")
    kind: GrantKindValue
    reason: str
    outcome: OutcomeValue
    granted_by: int = Field(alias="granted_by_id")
    approved_by: int | None = Field(
        alias="approved_by_id", description="Who approved an amount above the granter's limit.")
    created_at: datetime


class RecoveryCaseOut(Schema):
    id: int
    customer: int = Field(alias="customer_id")
    trigger: TriggerValue
    status: StatusValue
    survey_response: int | None = Field(alias="survey_response_id")
    interaction: int | None = Field(alias="interaction_id")
    score_before: int | None = Field(description="Likelihood to recommend (0–10) before.")
    suggested_cause: str = Field(description="Suggested from the words; empty if none.")
    suggested_cause_confidence: float
    cause: str = Field(description="Confirmed by the agent; empty until then.")
    assignee: int | None = Field(alias="assignee_id", description="User id.")
    opened_at: datetime
    due_at: datetime = Field(description="When the first contact with the customer is due.")
    overdue: bool = Field(False, description="Nobody has contacted the customer by due_at.")
    first_contact_at: datetime | None
    listening_notes: str
    problem_paraphrase: str
    customer_expectation: str
    customer_confirmed_at: datetime | None
    agreed_solution: str
    solution_agreed_at: datetime | None
    resolved_at: datetime | None
    follow_up_invitation: int | None = Field(alias="follow_up_invitation_id")
    follow_up_score: int | None = Field(description="Likelihood to recommend at follow-up.")
    closed_at: datetime | None
    grants: list[CompensationGrantOut]
    follow_up_url: str | None = Field(
        None, description="The follow-up survey's link: only in the answer to the PATCH that "
                          "sent it with `follow_up: link`.")

    @staticmethod
    def resolve_overdue(case: RecoveryCase) -> bool:
        return (case.first_contact_at is None and case.status in RecoveryCase.ACTIVE
                and case.due_at < timezone.now())


class RecoveryProblemOut(CodedProblem):
    code: str = Field(description="exists, above_limit, not_allowed, invalid, or a survey "
                                  "invitation's refusal: no_consent, too_soon, no_email, "
                                  "survey_inactive, duplicate.")
    case: int | None = Field(None, description="The existing case (code `exists`).")
    limit: Decimal | None = Field(None, description="The granter's limit per case, in euros "
                                                    "(code `above_limit`).")


class RecoveryCaseFilters(Schema):
    status: Literal["active", "open", "in_progress", "resolved", "closed", "all"] = Field(
        "all", description="`active` is open or in progress.")
    assignee: RowId | None = Field(None, description="User id.")
    customer: RowId | None = None
    trigger: TriggerValue | None = None


class RecoveryCaseIn(Schema):
    customer: RowId | None = Field(None, description="Customer id; or give customer_external_id.")
    customer_external_id: str | None = None
    interaction: RowId | None = Field(None, description="The complaint or contact it is about.")
    survey_response: RowId | None = Field(None, description="The answer it is about.")
    notes: str = Field("", description="What the customer says, if you are listening now.")
    assignee: int | None = Field(
        None, description="User id; by default the agent of the interaction, else you.")


class RecoveryCasePatch(Schema):
    """Steps of the protocol; give only what changes. Applied in the protocol's order, all or
    nothing."""

    assignee: RowId | None = Field(None, description="User id, or null for nobody.")
    listening_notes: str | None = Field(None, description="Listen: what the customer said.")
    problem_paraphrase: str | None = Field(None, description="The problem, in our words.")
    customer_expectation: str | None = Field(None, description="What the customer expects.")
    customer_confirmed: bool | None = Field(None, description="The customer confirmed both.")
    cause: CauseValue | None = Field(None, description="The cause, by the five service factors.")
    agreed_solution: str | None = Field(None, description="The solution agreed.")
    resolved: Literal[True] | None = Field(None, description="The solution is delivered.")
    follow_up: Literal["email", "link"] | None = Field(
        None, description="Send the follow-up survey (the case must be resolved).")
    record_follow_up: Literal[True] | None = Field(
        None, description="Read the follow-up answer onto the case and close it.")


class CompensationGrantIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=10, decimal_places=2, description="Euros.")
    kind: GrantKindValue
    reason: str = Field(min_length=1)
    outcome: OutcomeValue = CompensationGrant.Outcome.ACCEPTED.value
    granted_by: RowId | None = Field(
        None, description="The user who granted it; by default you. Recording someone "
                          "else's grant makes you its approver, which needs the permission "
                          "to approve compensation.")


class RecoveryMetricsParams(Schema):
    start: date = Field(description="First day (organisation-local), included.")
    end: date = Field(description="Last day (organisation-local), included.")


class ShareOut(Schema):
    value: float = Field(description="Percent.")
    low: float = Field(description="Lower end of the 95 % interval.")
    high: float = Field(description="Upper end of the 95 % interval.")
    n: int


class RecoveryMetricsOut(Schema):
    start: date
    end: date
    complaints: int = Field(description="Complaints opened in the period.")
    complaints_classified: int
    complaints_by_cause: dict[str, int]
    broken_promise_share: ShareOut | None = Field(
        description="Classified complaints caused by a broken promise (reliability).")
    cases: int = Field(description="Recovery cases opened in the period.")
    cases_contacted: int
    cases_followed_up: int
    recovery_rate: ShareOut | None = Field(
        description="Followed-up cases whose recommend score beats the one before (or, "
                    "without one, a detractor's 6).")
    complaint_to_delight: int = Field(
        description="Cases whose follow-up recommends us (9–10) or beats expectations.")
    first_contact_median_seconds: float | None
    compensation_spent: Decimal = Field(description="Euros, grants the customers accepted.")
    recovered_customers: int
    compensation_per_recovered_customer: Decimal | None = Field(description="Euros.")


def _case(case_id: int) -> RecoveryCase:
    return get_object_or_404(
        RecoveryCase.objects.select_related("customer", "interaction__channel",
                                            "follow_up_invitation")
        .prefetch_related("grants"), pk=case_id)


@router.get("/recovery-cases", auth=requires("recovery.view_recoverycase"),
            response=list[RecoveryCaseOut],
            summary="Recovery cases, newest first")
@paginate
def case_list(request: HttpRequest, filters: Query[RecoveryCaseFilters]):
    return visible(request.user, "recovery.view_recoverycase",
                   recovery_case_list(**filters.model_dump()))


@router.get("/recovery-cases/{case_id}", auth=requires("recovery.view_recoverycase"),
            response=RecoveryCaseOut, summary="One recovery case")
def case_detail(request: HttpRequest, case_id: RowId):
    case = _case(case_id)
    authorize(request.user, "recovery.view_recoverycase", case)
    return case


@router.post("/recovery-cases", auth=requires("recovery.add_recoverycase"),
             response={201: RecoveryCaseOut, 409: RecoveryProblemOut, 422: RecoveryProblemOut},
             summary="Open a recovery case by hand")
def case_open(request: HttpRequest, payload: RecoveryCaseIn):
    customer = customer_referenced(payload.customer, payload.customer_external_id)
    authorize(request.user, "customers.view_customer", customer)
    interaction = payload.interaction and get_object_or_404(Interaction, pk=payload.interaction)
    if interaction:
        authorize(request.user, "interactions.view_interaction", interaction)
    # Only a customer's answer: an employee's is never read outside the people pages.
    response = payload.survey_response and get_object_or_404(customer_responses(),
                                                             pk=payload.survey_response)
    if response:
        authorize(request.user, "surveys.view_surveyresponse", response)
    assignee = payload.assignee and get_object_or_404(User, pk=payload.assignee)
    authorize_handover(request.user, assignee or None)
    if not assignee and not (interaction and interaction.agent_id):
        assignee = request.user  # as on the page: whoever opens it by hand works it
    try:
        case = recovery_case_open(
            customer=customer, notes=payload.notes, interaction=interaction or None,
            survey_response=response or None, assignee=assignee or None)
    except RecoveryCaseExists as exists:
        return problem(409, _("This already has a recovery case."), code="exists",
                       case=exists.case.pk)
    except ValidationError as error:
        return problem(422, error, code="invalid")
    return Status(201, _case(case.pk))


@router.patch("/recovery-cases/{case_id}", auth=requires("recovery.change_recoverycase"),
              response={200: RecoveryCaseOut, 409: RecoveryProblemOut, 422: RecoveryProblemOut},
              summary="Walk a recovery case through the protocol")
def case_update(request: HttpRequest, case_id: RowId, payload: RecoveryCasePatch):
    case = _case(case_id)
    authorize(request.user, "recovery.change_recoverycase", case)
    changes = payload.model_dump(exclude_unset=True)
    if "assignee" in changes and changes["assignee"] is not None:
        changes["assignee"] = get_object_or_404(User, pk=changes["assignee"])
        authorize_handover(request.user, changes["assignee"])
    try:
        case, url = recovery_case_steps_apply(
            case, by=request.user, base_url=request.build_absolute_uri("/"),
            **{name: value for name, value in changes.items() if value is not None
               or name == "assignee"})
    except InvitationRefused as refused:
        return problem(409, refused, code=refused.code)
    except ValidationError as error:
        return problem(422, error, code="invalid")
    case = _case(case.pk)
    case.follow_up_url = url  # read by RecoveryCaseOut
    return Status(200, case)


@router.post("/recovery-cases/{case_id}/grants", auth=requires("recovery.add_compensationgrant"),
             response={201: CompensationGrantOut, 403: RecoveryProblemOut, 422: RecoveryProblemOut},
             summary="Grant compensation on a recovery case, within the granter's limit")
def grant_create(request: HttpRequest, case_id: RowId, payload: CompensationGrantIn):
    case = get_object_or_404(RecoveryCase, pk=case_id)
    authorize(request.user, "recovery.add_compensationgrant", case)
    granted_by, approved_by = request.user, None
    if payload.granted_by is not None and payload.granted_by != request.user.pk:
        if not request.user.has_perm(APPROVE_PERMISSION):
            return problem(403, _(
                "Only a manager who may approve compensation records a grant for someone "
                "else."), code="not_allowed")
        granted_by = get_object_or_404(User, pk=payload.granted_by)
        approved_by = request.user
    try:
        grant = compensation_grant(case, granted_by=granted_by, amount=payload.amount,
                                   kind=payload.kind, reason=payload.reason,
                                   outcome=payload.outcome, approved_by=approved_by)
    except CompensationRefused as refused:
        return problem(403, refused, code="above_limit", limit=refused.limit)
    except ValidationError as error:
        return problem(422, error, code="invalid")
    return Status(201, grant)


@router.get("/recovery-metrics", auth=requires("access.explore_measures"),
            response=RecoveryMetricsOut,
            summary="Complaints by cause and the recovery KPIs of a period")
def recovery_metrics_get(request: HttpRequest, params: Query[RecoveryMetricsParams]):
    period_check(params.start, params.end, MAX_METRICS_DAYS)
    causes, kpis = complaint_causes(params.start, params.end), recovery_kpis(
        params.start, params.end)

    def share(value):
        return None if value is None else {"value": round(value.value, 9),
                                           "low": round(value.low, 9),
                                           "high": round(value.high, 9), "n": value.n}

    return {
        "start": params.start, "end": params.end, "complaints": causes.complaints,
        "complaints_classified": causes.classified, "complaints_by_cause": causes.by_cause,
        "broken_promise_share": share(causes.broken_promise), "cases": kpis.cases,
        "cases_contacted": kpis.contacted, "cases_followed_up": kpis.followed_up,
        "recovery_rate": share(kpis.recovery_rate),
        "complaint_to_delight": kpis.complaint_to_delight,
        "first_contact_median_seconds": kpis.first_contact_median_seconds,
        "compensation_spent": kpis.compensation_spent,
        "recovered_customers": kpis.recovered_customers,
        "compensation_per_recovered_customer": kpis.compensation_per_recovered_customer,
    }

