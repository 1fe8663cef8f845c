"""The customer's short form behind the survey's thank-you page (a signed link, a few reports
per answer), and the "wrong name in a letter" defect Kliento logs itself when a customer
corrects their name on a survey page."""

from datetime import timedelta

import pytest

from kliento.defects.models import Defect
from kliento.surveys.report_link import report_path
from kliento.surveys.services import invitation_create, survey_create
from kliento.surveys.submission import invitation_answer
from tests.factories import CustomerFactory, InteractionFactory, LocationFactory, TouchpointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(channels, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    customer = CustomerFactory(full_name="Jurate Azuolaite", email="jurate@example.lt",
                               preferred_language="lt")
    visit = InteractionFactory(customer=customer, location=LocationFactory(name="Akropolis"),
                               touchpoint=TouchpointFactory(name="Kasa"))
    survey = survey_create(name="Po apsilankymo", blocks=["nps"])
    invitation, _url = invitation_create(survey=survey, customer=customer,
                                         channel=channels["email"], interaction=visit,
                                         now=visit.opened_at)
    nps = survey.questions.get(kind="nps")
    return invitation, nps, visit


def test_a_name_corrected_on_the_survey_page_logs_a_wrong_name_defect(answered,
                                                                       django_capture_on_commit_callbacks):
    invitation, nps, visit = answered
    with django_capture_on_commit_callbacks(execute=True):
        response = invitation_answer(invitation, {nps.pk: 8}, full_name="Jūratė Ąžuolaitė",
                                     now=visit.opened_at + timedelta(hours=1))
    [defect] = Defect.objects.all()
    assert (defect.category, defect.source, defect.survey_response) == (
        "wrong_name", "automatic", response)
    assert "“Jurate Azuolaite”" in defect.description and "“Jūratė Ąžuolaitė”" in defect.description
    assert defect.location.name == "Akropolis"


def test_the_same_name_is_no_correction(answered, django_capture_on_commit_callbacks):
    invitation, nps, visit = answered
    with django_capture_on_commit_callbacks(execute=True):
        invitation_answer(invitation, {nps.pk: 8}, full_name="Jurate Azuolaite",
                          now=visit.opened_at + timedelta(hours=1))
    assert not Defect.objects.exists()


def test_the_customer_reports_from_the_thank_you_link(client, answered):
    invitation, nps, visit = answered
    invitation_answer(invitation, {nps.pk: 4}, now=visit.opened_at + timedelta(hours=1))
    invitation.refresh_from_db()
    path = report_path(invitation)
    assert client.get(path).status_code == 200
    sent = client.post(path, {"description": "Tualete buvo labai nešvaru, dvokė."})
    # In the customer's own language (Lithuanian here).
    assert sent.status_code == 200 and "Ačiū – sutvarkysime" in sent.content.decode()
    [defect] = Defect.objects.all()
    assert (defect.category, defect.source, defect.customer) == (
        "cleanliness", "customer", invitation.customer)
    assert (defect.location, defect.touchpoint, defect.observed_at) == (
        visit.location, visit.touchpoint, visit.opened_at)
    # The same thing again is refused; two other things are taken, then no more.
    again = client.post(path, {"description": "Nešvaru", "category": "cleanliness"})
    assert "Apie tai jau pranešėte." in again.content.decode()  # "told us already"
    for category in ("signage", "parking"):
        client.post(path, {"description": "Kita bėda", "category": category})
    flood = client.post(path, {"description": "Dar viena", "category": "prices_not_visible"})
    assert "jūsų pranešimus apie šį apsilankymą jau gavome" in flood.content.decode()
    assert Defect.objects.count() == 3


def test_a_forged_or_unanswered_link_finds_nothing(client, answered):
    invitation, _nps, _visit = answered
    assert client.get("/d/not-a-token/").status_code == 404
    assert client.get(report_path(invitation)).status_code == 404  # not answered yet
    assert not Defect.objects.exists()
