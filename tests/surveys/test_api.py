from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kliento.access.roles import Role
from kliento.surveys.models import Invitation
from kliento.surveys.services import invitation_create
from kliento.surveys.submission import invitation_answer
from tests.factories import CustomerFactory, SurveyResponseFactory, UserFactory
from tests.surveys.conftest import all_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    """A manager: she reaches every customer and answer, and pushes answers in."""
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    return client


def test_the_api_needs_authentication(client, survey):
    assert client.get("/api/v1/survey-responses").status_code == 401
    assert client.post("/api/v1/survey-invitations", {}, content_type="application/json"
                       ).status_code == 401


def test_invitation_returns_a_working_single_use_link(api, client, survey, call):
    created = api.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer": call.customer.pk, "channel": "phone",
        "interaction": call.pk, "delivery": "email"}, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["url"].startswith("http://testserver/s/")
    assert body["language"] == "lt" and body["sent_at"] is not None
    assert mail.outbox[0].to == ["jurate@example.lt"]
    page = client.get(body["url"].removeprefix("http://testserver"))
    assert page.status_code == 200
    assert Invitation.objects.get(pk=body["id"]).interaction == call


def test_invitation_by_external_id_and_link_delivery(api, survey, channels):
    customer = CustomerFactory(external_id="CRM-77", email="")
    created = api.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer_external_id": "CRM-77", "channel": "store",
        "delivery": "link"}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["sent_at"] is None and mail.outbox == []
    assert Invitation.objects.get().customer == customer


@pytest.mark.parametrize(("customer_fields", "code"), [
    ({"consents_to_surveys": False, "email": "a@example.lt"}, "no_consent"),
    ({"email": ""}, "no_email"),
])
def test_refusals_say_why_with_a_stable_code(api, survey, channels, customer_fields, code):
    customer = CustomerFactory(**customer_fields)
    refused = api.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer": customer.pk, "channel": "email"},
        content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["code"] == code
    assert customer.full_name in refused.json()["detail"]
    assert Invitation.objects.count() == 0


def test_bad_requests_name_the_problem(api, survey, call):
    both = api.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer": call.customer.pk, "customer_external_id": "x",
        "channel": "phone"}, content_type="application/json")
    assert both.status_code == 422 and "exactly one" in both.json()["detail"]
    channel = api.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer": call.customer.pk, "channel": "pigeon"},
        content_type="application/json")
    assert channel.status_code == 422 and "channel" in channel.content.decode()
    missing = api.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer": 999999, "channel": "phone"},
        content_type="application/json")
    assert missing.status_code == 404
    foreign = api.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer": CustomerFactory().pk, "channel": "phone",
        "interaction": call.pk}, content_type="application/json")
    assert foreign.status_code == 404  # the interaction belongs to another customer
    assert Invitation.objects.count() == 0


def test_responses_are_listed_newest_first_with_filters_and_pages(api, survey, call, channels):
    invitation, _url = invitation_create(survey=survey, customer=call.customer,
                                         channel=channels["phone"], delivery="link")
    answered = invitation_answer(invitation, all_answers(survey), now=timezone.now())
    older = [SurveyResponseFactory(nps=score,
                                   responded_at=timezone.now() - timedelta(days=10 + score))
             for score in range(3)]
    page = api.get("/api/v1/survey-responses?limit=2").json()
    assert page["count"] == 4
    assert [item["id"] for item in page["items"]] == [answered.pk, older[0].pk]
    first = page["items"][0]
    assert first["invitation"] == invitation.pk and first["survey"] == survey.pk
    assert first["nps"] == 9 and first["comment"] == "Ačiū, Rasa!"
    choice = survey.questions.get(kind="choice")
    assert first["answers"] == {str(choice.pk): "speed"}
    assert page["items"][1]["invitation"] is None
    only_survey = api.get(f"/api/v1/survey-responses?survey={survey.pk}").json()
    assert [item["id"] for item in only_survey["items"]] == [answered.pk]
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    recent = api.get(f"/api/v1/survey-responses?since={since}").json()
    assert {item["id"] for item in recent["items"]} == {answered.pk, older[0].pk}


def test_surveys_are_listed_with_their_questions_in_every_language(api, survey):
    [listed] = api.get("/api/v1/surveys").json()
    assert listed["name"] == "Po skambučio"
    assert listed["questions"][0]["kind"] == "nps"
    assert set(listed["questions"][0]["text"]) == {"en", "lt", "lv", "ru", "pl"}


def push_response(api, **item):
    return api.post("/api/v1/survey-responses", {"responded_at": "2026-05-12 18:00",
                                                 "language": "lt"} | item,
                    content_type="application/json")


def test_survey_responses_are_listed_once_pushed(api, channels):
    push_response(api, external_id="R-1", nps=11)  # refused: out of range
    push_response(api, external_id="R-1", nps=10)
    listed = api.get("/api/v1/survey-responses").json()
    assert listed["count"] == 1 and listed["items"][0]["nps"] == 10


def test_survey_responses_are_listed_newest_first_and_filtered(api, survey):
    mine = CustomerFactory()
    older = SurveyResponseFactory(survey=survey, customer=mine,
                                  responded_at=datetime(2026, 5, 30, 10, 0, tzinfo=UTC))
    newer = SurveyResponseFactory(survey=survey, customer=mine,
                                  responded_at=datetime(2026, 6, 2, 10, 0, tzinfo=UTC))
    other = SurveyResponseFactory(responded_at=datetime(2026, 6, 3, 10, 0, tzinfo=UTC))
    listed = api.get(f"/api/v1/survey-responses?survey={survey.pk}").json()
    assert [item["id"] for item in listed["items"]] == [newer.pk, older.pk]
    recent = api.get(f"/api/v1/survey-responses?customer={mine.pk}&since=2026-06-01").json()
    assert [item["id"] for item in recent["items"]] == [newer.pk]
    until = api.get("/api/v1/survey-responses?until=2026-06-02").json()
    assert [item["id"] for item in until["items"]] == [newer.pk, older.pk]
    assert api.get("/api/v1/survey-responses").json()["items"][0]["id"] == other.pk
