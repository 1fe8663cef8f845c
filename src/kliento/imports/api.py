"""Pushing data live: customers, interactions and survey responses, one or many per call,
idempotent by external id, checked exactly as the importer checks a file row — the same
columns, the same messages. Lists are paginated and filterable."""

from datetime import date, datetime

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kliento.api.ids import RowId
from kliento.customers.models import Customer
from kliento.imports.kinds import KINDS, ImportKind
from kliento.imports.pipeline import import_rows
from kliento.imports.presets import PRESETS
from kliento.interactions.models import Interaction
from kliento.surveys.models import Invitation, SurveyResponse

router = Router(tags=["data in"])
MAX_ITEMS = 1000
Item = dict[str, str | int | float | bool | None]


class ProblemOut(Schema):
    field: str
    value: str
    reason: str


class ItemOut(Schema):
    index: int = Field(description="Position of the item in the request, from 0.")
    key: str | None = Field(description="The item's external id (or user name).")
    status: str = Field(description="created, exists (sent before: nothing changed) or "
                                    "rejected (see errors; nothing stored for this item).")
    errors: list[ProblemOut]


class PushOut(Schema):
    created: int
    exists: int
    rejected: int
    items: list[ItemOut]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def push(kind: ImportKind, payload: Item | list[Item]) -> dict:
    items = payload if isinstance(payload, list) else [payload]
    if len(items) > MAX_ITEMS:
        from ninja.errors import HttpError

        raise HttpError(422, f"at most {MAX_ITEMS} items per request; send the rest in "
                             "another request")
    rows = [(index, {name: _cell(value) for name, value in item.items()})
            for index, item in enumerate(items)]
    report = import_rows(kind, iter(rows), preset=PRESETS["kliento"], track_outcomes=True)
    errors: dict[int, list[dict]] = {}
    for problem in report.problems:
        errors.setdefault(problem.line, []).append(
            {"field": problem.column, "value": problem.value, "reason": problem.reason})
    out = [{"index": index, "key": _cell(item.get(kind.key)) or None,
            "status": report.outcomes.get(index, "rejected"), "errors": errors.get(index, [])}
           for index, item in enumerate(items)]
    return {"created": report.imported, "exists": report.already_there,
            "rejected": report.rejected, "items": out}


PUSH_DOC = ("One object or a list of up to 1,000, with the columns of the import template "
            "(`kliento import` and the downloadable template name them). Valid items are "
            "stored even when others are rejected; an item sent again is reported as "
            "`exists` and changes nothing.")


@router.post("/customers", response=PushOut, summary="Add customers", description=PUSH_DOC)
def customers_push(request: HttpRequest, payload: Item | list[Item]):
    return push(KINDS["customers"], payload)


@router.post("/interactions", response=PushOut, summary="Add interactions",
             description=PUSH_DOC)
def interactions_push(request: HttpRequest, payload: Item | list[Item]):
    return push(KINDS["interactions"], payload)


@router.post("/survey-responses", response=PushOut, summary="Add survey responses",
             description=PUSH_DOC)
def survey_responses_push(request: HttpRequest, payload: Item | list[Item]):
    return push(KINDS["survey_responses"], payload)


class CustomerOut(Schema):
    id: int
    external_id: str | None
    full_name: str
    email: str
    phone: str
    city: str
    country: str
    preferred_language: str
    consents_to_surveys: bool


class CustomerFilters(Schema):
    external_id: str | None = None
    email: str | None = None
    search: str | None = Field(None, description="Part of the name.")


@router.get("/customers", response=list[CustomerOut], summary="Customers")
@paginate
def customers_list(request: HttpRequest, filters: Query[CustomerFilters]):
    condition = Q()
    if filters.external_id:
        condition &= Q(external_id=filters.external_id)
    if filters.email:
        condition &= Q(email__iexact=filters.email)
    if filters.search:
        condition &= Q(full_name__icontains=filters.search)
    return Customer.objects.filter(condition).order_by("pk")


class InteractionOut(Schema):
    id: int
    external_id: str | None
    customer: int = Field(alias="customer_id")
    channel: str = Field(alias="channel.code")
    kind: str
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    first_response_seconds: int | None
    resolution_seconds: int | None
    agent: int | None = Field(alias="agent_id")
    language: str
    text: str


class InteractionFilters(Schema):
    since: date | None = Field(None, description="Opened on or after this local day.")
    until: date | None = Field(None, description="Opened on or before this local day.")
    channel: str | None = None
    customer_external_id: str | None = None
    external_id: str | None = None


@router.get("/interactions", response=list[InteractionOut], summary="Interactions")
@paginate
def interactions_list(request: HttpRequest, filters: Query[InteractionFilters]):
    condition = Q()
    if filters.since:
        condition &= Q(opened_on__gte=filters.since)
    if filters.until:
        condition &= Q(opened_on__lte=filters.until)
    if filters.channel:
        condition &= Q(channel__code=filters.channel)
    if filters.customer_external_id:
        condition &= Q(customer__external_id=filters.customer_external_id)
    if filters.external_id:
        condition &= Q(external_id=filters.external_id)
    return Interaction.objects.filter(condition).select_related("channel").order_by(
        "-opened_at", "-pk")


class ResponseOut(Schema):
    id: int
    survey: RowId | None = Field(alias="survey_id")
    customer: RowId | None = Field(alias="customer_id")
    interaction: RowId | None = Field(alias="interaction_id")
    invitation: int | None = Field(None, description="The invitation answered, if any.")
    responded_at: datetime
    language: str
    nps: int | None
    csat: int | None
    ces: int | None
    expectation: int | None
    experience: int | None
    tangibles: int | None
    reliability: int | None
    responsiveness: int | None
    assurance: int | None
    empathy: int | None
    comment: str
    answers: dict = Field(description="Answers to custom questions by question id.")

    @staticmethod
    def resolve_invitation(response: SurveyResponse) -> int | None:
        try:
            return response.invitation.pk
        except Invitation.DoesNotExist:
            return None


class ResponseFilters(Schema):
    survey: RowId | None = Field(None, description="Only this survey's responses.")
    customer: RowId | None = None
    since: date | None = Field(None, description="Responded on or after this local day.")
    until: date | None = Field(None, description="Responded on or before this local day.")


@router.get("/survey-responses", response=list[ResponseOut],
            summary="Survey responses, newest first")
@paginate
def responses(request: HttpRequest, filters: Query[ResponseFilters]):
    condition = Q()
    if filters.survey is not None:
        condition &= Q(survey_id=filters.survey)
    if filters.customer is not None:
        condition &= Q(customer_id=filters.customer)
    if filters.since is not None:
        condition &= Q(responded_on__gte=filters.since)
    if filters.until is not None:
        condition &= Q(responded_on__lte=filters.until)
    return (SurveyResponse.objects.filter(condition).select_related("invitation")
            .order_by("-responded_at", "-pk"))
