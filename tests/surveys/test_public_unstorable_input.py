"""The customer's survey page refuses text no database can store (a NUL character) with the
field named, when saving a draft, saving and sending, instead of failing on PostgreSQL."""

from urllib.parse import urlencode

import pytest

from kliento.surveys.models import Invitation
from kliento.surveys.services import invitation_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_link(survey, call, channels):
    invitation, url = invitation_create(survey=survey, customer=call.customer,
                                        channel=channels["phone"], interaction=call,
                                        delivery=Invitation.Delivery.LINK)
    return invitation, url.split("localhost:8000", 1)[1]


def comment_field(survey) -> str:
    return f"q{survey.questions.get(kind='comment').pk}"


def test_the_survey_pages_draft_refuses_a_nul_with_the_field_named(client, survey,
                                                                   survey_link):
    invitation, path = survey_link
    field = comment_field(survey)
    # As the page's script sends it (form-encoded), and as a multipart form.
    response = client.post(path + "draft", urlencode({field: "Gerai\x00", "lang": "lt"}),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert field in response.content.decode()
    response = client.post(path + "draft", {field: "Gerai\x00", "lang": "lt"})
    assert response.status_code == 400
    assert field in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.draft == {}


def test_the_survey_pages_save_and_send_refuse_a_nul_with_the_field_named(client, survey,
                                                                          survey_link):
    invitation, path = survey_link
    field = comment_field(survey)
    for action in ("save", "send"):
        for encoded in ({}, {"content_type": "application/x-www-form-urlencoded"}):
            data = {field: "Gerai\x00", "action": action, "lang": "lt", "full_name": "Jūratė"}
            if encoded:
                data = urlencode(data)
            response = client.post(path, data, **encoded)
            assert response.status_code == 400
            assert field in response.content.decode()
    invitation.refresh_from_db()
    assert (invitation.draft, invitation.answered_at) == ({}, None)
