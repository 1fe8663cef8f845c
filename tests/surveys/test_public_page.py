"""The customer's page, through Django's test client (the browser tests drive Chromium)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kliento.surveys.models import Invitation, SurveyResponse
from kliento.surveys.services import invitation_create
from tests.surveys.conftest import all_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(survey, call, channels):
    """A fresh link-delivery invitation (valid from now) and its path."""
    invitation, url = invitation_create(survey=survey, customer=call.customer,
                                        channel=channels["phone"], interaction=call,
                                        delivery=Invitation.Delivery.LINK)
    return invitation, url.split("localhost:8000", 1)[1]


def form_data(survey, language="lt", **overrides) -> dict[str, str]:
    data = {f"q{qid}": str(value) for qid, value in all_answers(survey, **overrides).items()}
    return data | {"lang": language, "action": "send", "full_name": "Jūratė Ąžuolaitė"}


def test_the_page_speaks_the_customers_language_and_names_the_contact(client, link):
    invitation, path = link
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="lt">' in html
    assert "Kaip tikėtina, kad rekomenduotumėte mus draugui ar kolegai?" in html
    assert "Rasa" in html and "gegužės 12" in html
    assert 'value="Jūratė Ąžuolaitė-Česnauskienė"' in html  # the name, to correct
    invitation.refresh_from_db()
    assert invitation.opened_at is not None


def test_the_switcher_changes_the_language_and_falls_back_to_the_default(client, link, survey):
    _invitation, path = link
    page = client.get(path + "?lang=pl").content.decode()
    assert '<html lang="pl">' in page
    assert "Jak bardzo prawdopodobne jest, że polecisz nas" in page
    nps = survey.questions.get(kind="nps")
    nps.text = {key: value for key, value in nps.text.items() if key != "pl"}
    nps.save()
    page = client.get(path + "?lang=pl").content.decode()
    assert "Kaip tikėtina, kad rekomenduotumėte mus" in page  # Lithuanian, never blank
    assert Invitation.objects.get().language == "pl"


def test_sending_stores_the_response_and_thanks_with_what_happens_next(client, link, survey):
    _invitation, path = link
    sent = client.post(path, form_data(survey, language="lv"))
    assert sent.status_code == 302
    thanks = client.get(sent.url)
    assert thanks.status_code == 200
    assert "Mēs izlasām katru atbildi" in thanks.content.decode()
    response = SurveyResponse.objects.get()
    assert (response.nps, response.language, response.customer.full_name) == (
        9, "lv", "Jūratė Ąžuolaitė")


def test_a_used_link_gets_a_friendly_page_and_stores_nothing_more(client, link, survey):
    _invitation, path = link
    client.post(path, form_data(survey))
    again = client.post(path, form_data(survey, language="en", nps=0))
    assert again.status_code == 200
    assert "already answered" in again.content.decode()
    assert SurveyResponse.objects.get().nps == 9


def test_an_expired_link_gets_a_friendly_page(client, link, survey):
    invitation, path = link
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    page = client.get(path + "?lang=en")
    assert page.status_code == 410
    assert "This survey has closed" in page.content.decode()
    assert client.post(path, form_data(survey)).status_code == 410
    assert SurveyResponse.objects.count() == 0


def test_a_tampered_link_gets_a_friendly_page(client, link):
    _invitation, path = link
    token = path.strip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-2] + ("xy" if token[-2:] != "xy" else "zz"))
    page = client.get(tampered)
    assert page.status_code == 404
    assert "We could not find this survey" in page.content.decode()
    assert client.post(tampered, {"q1": "9"}).status_code == 404


@pytest.mark.parametrize("bad", ["11", "-1", "nine", ""])
def test_an_out_of_range_answer_is_refused_with_a_message_and_nothing_stored(
        client, link, survey, bad):
    _invitation, path = link
    nps = survey.questions.get(kind="nps")
    data = form_data(survey) | {f"q{nps.pk}": bad}
    page = client.post(path, data)
    assert page.status_code == 400
    html = page.content.decode()
    assert f'id="id_q{nps.pk}-error"' in html
    assert SurveyResponse.objects.count() == 0
    assert Invitation.objects.get().answered_at is None


def test_save_and_finish_later_keeps_the_answers(client, link, survey):
    _invitation, path = link
    nps = survey.questions.get(kind="nps")
    comment = survey.questions.get(kind="comment")
    page = client.post(path, {f"q{nps.pk}": "7", f"q{comment.pk}": "Dar pagalvosiu",
                              "action": "save", "lang": "lt"})
    assert page.status_code == 200
    assert Invitation.objects.get().draft == {f"q{nps.pk}": "7",
                                               f"q{comment.pk}": "Dar pagalvosiu"}
    again = client.get(path).content.decode()
    assert f'value="7" id="id_q{nps.pk}_' in again and "checked" in again
    assert "Dar pagalvosiu" in again
    assert SurveyResponse.objects.count() == 0


def test_autosave_keeps_a_draft_and_refuses_after_the_answer(client, link, survey):
    _invitation, path = link
    nps = survey.questions.get(kind="nps")
    draft_path = path + "draft"
    saved = client.post(draft_path, {f"q{nps.pk}": "6", "lang": "lt"})
    assert saved.status_code == 200
    assert Invitation.objects.get().draft[f"q{nps.pk}"] == "6"
    client.post(path, form_data(survey))
    assert client.post(draft_path, {f"q{nps.pk}": "1"}).status_code == 410


def test_the_survey_url_is_outside_the_language_prefix(link):
    _invitation, path = link
    assert path.startswith("/s/")
    assert reverse("survey-page", args=["abc"]) == "/s/abc/"


def test_the_pages_set_no_cookie_and_need_none(link, survey):
    """The link's token is the key: a browser that keeps no cookies (a kiosk, a strict
    privacy setting) can open, save and send, with Django's CSRF checks enforced."""
    invitation, path = link
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(path)
    assert page.status_code == 200
    assert not page.cookies
    assert "csrfmiddlewaretoken" not in page.content.decode()
    nps = survey.questions.get(kind="nps")
    assert strict.post(path + "draft", {f"q{nps.pk}": "6", "lang": "lt"}).status_code == 200
    saved = strict.post(path, form_data(survey) | {"action": "save"})
    assert saved.status_code == 200 and not saved.cookies
    sent = strict.post(path, form_data(survey))
    assert sent.status_code == 302 and not sent.cookies
    assert SurveyResponse.objects.get().nps == 9
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
