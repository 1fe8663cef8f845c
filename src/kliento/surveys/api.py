"""Surveys over the API: the surveys and their questions, invitations to answer them, and
the answers. Answers are added through the data API's push (kliento.imports.api)."""

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kliento.access.policy import authorize, visible
from kliento.api.authentication import requires
from kliento.api.ids import RowId
from kliento.api.problems import CodedProblem, problem
from kliento.customers.api import customer_referenced
from kliento.interactions.models import Channel, Interaction
from kliento.promises.models import Promise
from kliento.surveys import selectors, services
from kliento.surveys.models import Invitation, Survey, SurveyResponse

router = Router(tags=["surveys"])


class InvitationIn(Schema):
    survey: RowId = Field(description="Survey id (see `GET /api/v1/surveys`).")
    customer: RowId | None = Field(None, description="Customer id; or give customer_external_id.")
    customer_external_id: str | None = Field(None, description="Your system's customer id.")
    channel: Channel.Code = Field(description="Channel the invitation is about.")
    delivery: Invitation.Delivery = Field(
        Invitation.Delivery.EMAIL,
        description="`email` sends it now; `link` only returns the link (to show or print "
                    "as a QR code); `phone` is for answers an agent enters.")
    interaction: RowId | None = Field(None, description="Interaction the survey is about.")
    promise: RowId | None = Field(None, description="Promise or delivery the survey is about.")


class InvitationOut(Schema):
    id: int
    url: str = Field(description="The customer's single-use link. Returned only once.")
    delivery: str
    language: str
    expires_at: datetime
    sent_at: datetime | None


class RefusalOut(CodedProblem):
    code: str = Field(description="no_consent, too_soon, no_email, survey_inactive or "
                                  "duplicate.")


class QuestionOut(Schema):
    id: int
    position: int
    kind: str
    text: dict[str, str]
    options: list[dict]
    scale_low: int
    scale_high: int
    required: bool


class SurveyOut(Schema):
    id: int
    name: str
    default_language: str
    trigger: str
    valid_days: int
    is_active: bool
    questions: list[QuestionOut]


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


@router.get("/surveys", auth=requires("surveys.view_survey"), response=list[SurveyOut],
            summary="Surveys and their questions")
def survey_list(request: HttpRequest):
    return selectors.survey_list()


@router.post("/survey-invitations", auth=requires("surveys.add_invitation"),
             response={201: InvitationOut, 409: RefusalOut},
             summary="Invite a customer you serve to a survey")
def invitation_create(request: HttpRequest, payload: InvitationIn):
    survey = get_object_or_404(Survey, pk=payload.survey)
    customer = customer_referenced(payload.customer, payload.customer_external_id)
    authorize(request.user, "surveys.add_invitation", customer)
    interaction = payload.interaction and get_object_or_404(
        Interaction, pk=payload.interaction, customer=customer)
    promise = payload.promise and get_object_or_404(
        Promise, pk=payload.promise, customer=customer)
    try:
        invitation, url = services.invitation_create(
            survey=survey, customer=customer,
            channel=Channel.objects.get(code=payload.channel), delivery=payload.delivery,
            interaction=interaction or None, promise=promise or None,
            created_by=request.user if request.user.is_authenticated else None,
            base_url=request.build_absolute_uri("/"))
    except services.InvitationRefused as refused:
        return problem(409, refused, code=refused.code)
    return Status(201, {"id": invitation.pk, "url": url, "delivery": invitation.delivery,
                 "language": invitation.language, "expires_at": invitation.expires_at,
                 "sent_at": invitation.sent_at})


@router.get("/survey-responses", auth=requires("surveys.view_surveyresponse"),
            response=list[ResponseOut], tags=["data in"],
            summary="Survey responses, newest first")
@paginate
def survey_response_list(request: HttpRequest, filters: Query[ResponseFilters]):
    return visible(request.user, "surveys.view_surveyresponse",
                   selectors.survey_response_list(**filters.model_dump()))
