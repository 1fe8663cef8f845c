"""An anonymous survey's answers keep no link to the person: not the customer, not the
interaction, not the link, not the moment, not the history — whichever way they come."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kliento.audit_trail.models import AuditEvent
from kliento.surveys.models import Invitation, SurveyResponse
from kliento.surveys.services import (
    InvitationRefused,
    invitation_create,
    survey_create,
    survey_response_record,
)
from kliento.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import LocationFactory, TouchpointFactory
from tests.surveys.conftest import all_answers

pytestmark = pytest.mark.django_db
VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture
def anonymous(db):
    return survey_create(name="Anoniminė apklausa", blocks=["nps", "comment"], anonymous=True)


@pytest.fixture
def link(anonymous, call, channels):
    call.touchpoint, call.location = TouchpointFactory(), LocationFactory()
    call.save()
    invitation, url = invitation_create(survey=anonymous, customer=call.customer,
                                        channel=channels["phone"], interaction=call,
                                        delivery=Invitation.Delivery.LINK)
    return invitation, url.split("localhost:8000", 1)[1]


def answers(survey, **overrides) -> dict[str, str]:
    return {f"q{qid}": str(value) for qid, value in all_answers(survey, **overrides).items()
            } | {"lang": "lt", "action": "send"}


def test_the_page_asks_no_name_and_says_the_answers_are_anonymous(client, link, call):
    page = client.get(link[1]).content.decode()
    assert call.customer.full_name not in page
    assert 'name="full_name"' not in page
    assert re.search("anonym|anonim", page.lower())  # English, or the customer's language


def test_an_answer_from_the_link_keeps_no_person_link_nor_moment(client, link, call):
    invitation, path = link
    endpoint = WebhookEndpoint.objects.create(url="https://hooks.example.lt/k",
                                              events=["survey.low_score"])
    events_before = AuditEvent.objects.count()
    sent_at = timezone.now()
    assert client.post(path, answers(invitation.survey, nps=2, comment="Rasa buvo grubi")
                       ).status_code == 302
    response = SurveyResponse.objects.get(survey=invitation.survey)
    assert (response.customer_id, response.interaction_id) == (None, None)
    # What reports group by stays: the touchpoint, channel and place of the call.
    assert (response.touchpoint_id, response.location_id, response.channel_id) == (
        call.touchpoint_id, call.location_id, invitation.channel_id)
    assert (response.nps, response.comment) == (2, "Rasa buvo grubi")  # free text stays
    # The day only, at the organisation's midnight.
    local = response.responded_at.astimezone(VILNIUS)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert local.date() == sent_at.astimezone(VILNIUS).date() == response.responded_on
    invitation.refresh_from_db()
    assert invitation.response_id is None
    assert invitation.answered_at == invitation.created_at != response.responded_at
    # No history row or audit event joins them, and no webhook names anyone.
    assert not SurveyResponse.history.filter(id=response.id).exists()
    assert not SurveyResponse.history.filter(survey=invitation.survey).exists()
    assert AuditEvent.objects.count() == events_before
    assert not WebhookDelivery.objects.filter(endpoint=endpoint).exists()
    # The link is used: a second answer is refused and stores nothing.
    again = client.post(path, answers(invitation.survey))
    assert SurveyResponse.objects.filter(survey=invitation.survey).count() == 1
    assert again.status_code in (200, 410)


def test_no_door_can_store_a_person_with_an_anonymous_answer(anonymous, call):
    for link in ({"customer": call.customer}, {"interaction": call}):
        with pytest.raises(ValidationError) as refused:
            survey_response_record(survey=anonymous, responded_at=timezone.now(),
                                   language="lt", nps=9, **link)
        assert set(refused.value.message_dict) == set(link)
    # Given by id, as the API and imports would.
    with pytest.raises(ValidationError):
        survey_response_record(survey_id=anonymous.pk, customer_id=call.customer_id,
                               responded_at=timezone.now(), language="lt", nps=9)
    assert not SurveyResponse.objects.exists()


def test_an_anonymous_survey_is_not_taken_by_phone(anonymous, call, channels):
    with pytest.raises(InvitationRefused) as refused:
        invitation_create(survey=anonymous, customer=call.customer, channel=channels["phone"],
                          interaction=call, delivery=Invitation.Delivery.PHONE)
    assert refused.value.code == "anonymous_by_phone"
    assert not Invitation.objects.exists()


def test_a_customer_survey_still_links_its_answers(client, survey, call, channels):
    """The contrast: the same page on an ordinary survey keeps the customer and the time."""
    invitation, url = invitation_create(survey=survey, customer=call.customer,
                                        channel=channels["phone"], interaction=call,
                                        delivery=Invitation.Delivery.LINK)
    client.post(url.split("localhost:8000", 1)[1], answers(survey) | {"full_name": ""})
    response = SurveyResponse.objects.get(survey=survey)
    invitation.refresh_from_db()
    assert response.customer_id == call.customer_id and invitation.response_id == response.pk
    assert response.responded_at == invitation.answered_at
    assert isinstance(response.responded_at, datetime)
