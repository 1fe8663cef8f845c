"""The promise ledger over the API: make, list, read and change promises, and the
promise-kept rate."""

from dataclasses import asdict
from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kliento.access.policy import authorize, authorize_handover, visible
from kliento.access.reach import reaches_everyone
from kliento.api.authentication import requires
from kliento.api.ids import RowId
from kliento.api.periods import period_check
from kliento.api.problems import Problem, field_problem
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.organisation.models import Agent
from kliento.promises import selectors, services
from kliento.promises.models import Promise

router = Router(tags=["promises"])

# Inline enums: the models' own choice classes would all be called Kind or Status in the
# OpenAPI document, where every app's schemas share one namespace.
KindIn = Literal[tuple(Promise.Kind.values)]
StatusIn = Literal[tuple(Promise.Status.values)]
BreakdownIn = Literal[tuple(by.value for by in selectors.Breakdown)]
MAX_RATE_DAYS = 3 * 366


class PromiseOut(Schema):
    id: int
    external_id: str | None
    customer: int = Field(alias="customer_id")
    interaction: int | None = Field(alias="interaction_id")
    owner: int | None = Field(alias="owner_id", description="Agent id.")
    kind: KindIn
    description: str = Field(description="What exactly was promised.")
    specification: dict = Field(
        description="For a delivery: model, colour and size (text) and accessories (a list "
                    "of texts).")
    promised_at: datetime
    due_at: datetime
    due_on: date = Field(description="The organisation-local day it falls due.")
    done_at: datetime | None = Field(alias="kept_at")
    status: StatusIn = Field(
        description="open; kept (on time and as specified); late (done after the due time); "
                    "broken (not done, or not as specified).")
    overdue: bool = Field(False, description="Open and past its due time.")
    closed_note: str
    created_by: int | None = Field(alias="created_by_id", description="User id.")
    handed_over_at: datetime | None = Field(
        description="When someone named another person as its owner; that owner must "
                    "acknowledge it.")
    acknowledged_at: datetime | None = Field(
        description="When the owner of a handed-over promise acknowledged it.")
    updated_at: datetime

    @staticmethod
    def resolve_overdue(promise: Promise) -> bool:
        return promise.status == Promise.Status.OPEN and promise.due_at < timezone.now()


class PromiseCreatedOut(PromiseOut):
    status_url: str = Field(
        description="The customer's status page. Returned only once: only its digest is "
                    "stored.")


class PromiseProblemOut(Problem):
    errors: dict[str, list[str]] = Field(
        description="Messages by field; one part of a delivery's specification is named "
                    "like `specification.colour`.")


class PromiseIn(Schema):
    customer: RowId | None = Field(None, description="Customer id; or give customer_external_id.")
    customer_external_id: str | None = Field(None, description="Your system's customer id.")
    kind: KindIn
    description: str = Field(description="What exactly was promised, in the customer's words.")
    specification: dict = Field(
        default_factory=dict,
        description="For a delivery: {\"model\": …, \"colour\": …, \"size\": …, "
                    "\"accessories\": […]}, all four.")
    due_at: datetime = Field(description="By when; without an offset, the organisation's "
                                         "local time.")
    promised_at: datetime | None = Field(None, description="When it was promised; now by "
                                                           "default.")
    owner: RowId | None = Field(None, description="Agent id of who keeps it; by default you, if "
                                                "you are an agent.")
    interaction: RowId | None = Field(None, description="The contact it was promised in.")
    external_id: str | None = Field(None, description="Your system's id for the promise.")
    notify_customer: bool = Field(
        True, description="E-mail the customer what was promised, by when, and the status "
                          "link (only with an address and consent, and only before it is "
                          "due).")


class PromisePatch(Schema):
    """Give only what changes. All or nothing."""

    owner: RowId | None = Field(None, description="Agent id (while open).")
    due_at: datetime | None = Field(
        None, description="A new due time, still ahead (while open and not yet due).")
    description: str | None = Field(None, description="While open.")
    specification: dict | None = Field(None, description="While open.")
    status: Literal["kept", "late", "broken"] | None = Field(
        None, description="Close it: kept (done by the due time) or late (after it) — both "
                          "as specified — or broken (not done, or done not as specified).")
    done_at: datetime | None = Field(
        None, description="When it was done; now by default for kept and late. Leave it "
                          "out for a broken promise that was not done.")
    as_specified: bool | None = Field(
        None, description="false with status broken and a done_at: done, but not as "
                          "specified.")
    closed_note: str | None = Field(None, description="What happened, in a few words.")


class PromiseFilters(Schema):
    status: StatusIn | None = None
    owner: RowId | None = Field(None, description="Agent id.")
    customer: RowId | None = None
    kind: KindIn | None = None
    due_before: datetime | None = Field(None, description="Due before this time (excluded).")
    due_after: datetime | None = Field(None, description="Due at or after this time.")


class PromiseKeptRateParams(Schema):
    start: date = Field(description="First day (organisation-local) promises fell due, "
                                    "included.")
    end: date = Field(description="Last day, included.")
    by: BreakdownIn | None = Field(None, description="Also the rate by kind, owner or team.")


class PromiseRateOut(Schema):
    key: str | None = Field(description="The kind, or the agent's or team's id; null for no "
                                        "owner or no team.")
    label: str
    due: int = Field(description="Promises that fell due in the period.")
    kept: int = Field(description="Kept on time and as specified.")
    late: int
    broken: int
    overdue: int = Field(description="Past due and still open: not kept.")
    value: float = Field(description="Kept rate, percent of those due.")
    low: float = Field(description="Lower end of the 95 % interval, percent.")
    high: float = Field(description="Upper end of the 95 % interval, percent.")


class PromiseKeptRateOut(Schema):
    start: date
    end: date
    by: BreakdownIn | None
    overall: PromiseRateOut | None = Field(description="Null when no promise fell due.")
    groups: list[PromiseRateOut] = Field(description="Lowest kept rate first; empty without `by`.")


class _Missing(Exception):
    """A referenced record that does not exist: a 422 naming the field, not a 404 — the
    request is wrong, not the address."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.error = ValidationError({field: [message]})


def _customer(payload: "PromiseIn") -> Customer:
    if (payload.customer is None) == (payload.customer_external_id is None):
        raise _Missing("customer", _("Give exactly one of customer and customer_external_id."))
    if payload.customer is not None:
        found = Customer.objects.filter(pk=payload.customer).first()
        message = _("No customer has id %(id)s.") % {"id": payload.customer}
    else:
        found = Customer.objects.filter(external_id=payload.customer_external_id).first()
        message = _("No customer has external id “%(id)s”.") % {
            "id": payload.customer_external_id}
    if found is None:
        raise _Missing("customer", message)
    return found


def _agent(agent_id: int | None) -> Agent | None:
    if agent_id is None:
        return None
    agent = Agent.objects.filter(pk=agent_id).select_related("user").first()
    if agent is None:
        raise _Missing("owner", _("No agent has id %(id)s.") % {"id": agent_id})
    return agent


def _interaction(interaction_id: int | None) -> Interaction | None:
    if interaction_id is None:
        return None
    interaction = Interaction.objects.filter(pk=interaction_id).first()
    if interaction is None:
        raise _Missing("interaction", _("No interaction has id %(id)s.") % {
            "id": interaction_id})
    return interaction


def _promise(promise_id: int) -> Promise:
    return get_object_or_404(Promise, pk=promise_id)


@router.get("/promises/kept-rate", auth=requires("access.explore_measures"),
            response=PromiseKeptRateOut,
            summary="Promise-kept rate, overall and by kind, owner or team")
def promise_kept_rate_get(request: HttpRequest, params: Query[PromiseKeptRateParams]):
    period_check(params.start, params.end, MAX_RATE_DAYS)

    def rate(value: selectors.KeptRate) -> dict:
        return asdict(value) | {name: round(getattr(value, name), 9)
                                 for name in ("value", "low", "high")}

    overall = selectors.promise_kept_rate(params.start, params.end)
    groups = (selectors.promise_kept_rates(params.by, params.start, params.end)
              if params.by is not None else [])
    return {"start": params.start, "end": params.end, "by": params.by,
            "overall": overall and rate(overall), "groups": [rate(group) for group in groups]}


@router.get("/promises", auth=requires("promises.view_promise"), response=list[PromiseOut],
            summary="Promises you reach, soonest due first")
@paginate
def promise_list(request: HttpRequest, filters: Query[PromiseFilters]):
    return visible(request.user, "promises.view_promise",
                   selectors.promise_list(**filters.model_dump()))


@router.get("/promises/{promise_id}", auth=requires("promises.view_promise"), response=PromiseOut,
            summary="One promise")
def promise_detail(request: HttpRequest, promise_id: RowId):
    promise = _promise(promise_id)
    authorize(request.user, "promises.view_promise", promise)
    return promise


@router.post("/promises", auth=requires("promises.add_promise"),
             response={201: PromiseCreatedOut, 422: PromiseProblemOut},
             summary="Record a promise made to a customer")
def promise_create(request: HttpRequest, payload: PromiseIn):
    try:
        customer, owner = _customer(payload), _agent(payload.owner)
        interaction = _interaction(payload.interaction)
        # Only for a customer one serves, kept by oneself or — for a lead — one's team.
        authorize(request.user, "customers.view_customer", customer)
        if interaction is not None:
            authorize(request.user, "interactions.view_interaction", interaction)
        if owner is not None:
            authorize_handover(request.user, owner.user)
        if payload.notify_customer:
            authorize(request.user, "promises.notify_customer")
            # The customer hears from the promise's owner or a manager, not from a lead
            # recording a promise for one of her agents.
            if owner is not None and owner.user_id != request.user.pk and not (
                    reaches_everyone(request.user)):
                raise PermissionDenied
        promise = services.promise_create(
            customer=customer, kind=payload.kind, description=payload.description,
            specification=payload.specification, due_at=payload.due_at,
            promised_at=payload.promised_at,
            owner=owner or Agent.objects.filter(user=request.user).first(),
            interaction=interaction, external_id=payload.external_id,
            created_by=request.user, notify_customer=payload.notify_customer,
            owner_required=True, base_url=request.build_absolute_uri("/"))
    except _Missing as missing:
        return field_problem(missing.error)
    except ValidationError as error:
        return field_problem(error)
    return Status(201, promise)


@router.patch("/promises/{promise_id}", auth=requires("promises.change_promise"),
              response={200: PromiseOut, 422: PromiseProblemOut},
              summary="Change an open promise, or close it as kept, late or broken")
def promise_update(request: HttpRequest, promise_id: RowId, payload: PromisePatch):
    promise = _promise(promise_id)
    authorize(request.user, "promises.change_promise", promise)
    changes = payload.model_dump(exclude_unset=True)
    if not changes:
        return field_problem(ValidationError({"__all__": [_("Nothing to change.")]}))
    try:
        if "owner" in changes:
            changes["owner"] = _agent(changes["owner"])
            authorize_handover(request.user, changes["owner"] and changes["owner"].user)
        promise = services.promise_update(promise, by=request.user, **changes)
    except _Missing as missing:
        return field_problem(missing.error)
    except ValidationError as error:
        return field_problem(error)
    return Status(200, promise)


@router.post("/promises/{promise_id}/acknowledge", auth=requires("promises.change_promise"),
             response={200: PromiseOut, 422: PromiseProblemOut},
             summary="Acknowledge a promise handed over to you")
def promise_acknowledge(request: HttpRequest, promise_id: RowId):
    """The new owner of a handed-over promise says they have taken it on; until then it
    escalates to their team lead once ``KLIENTO_PROMISE_HANDOVER_ACK_HOURS`` pass."""
    promise = _promise(promise_id)
    authorize(request.user, "promises.change_promise", promise)
    try:
        promise = services.promise_acknowledge(promise, by=request.user)
    except ValidationError as error:
        return field_problem(error)
    return Status(200, promise)
