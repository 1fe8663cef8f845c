"""A customer's name goes out exactly as the customer writes it — byte for byte, in every
script the product serves — in every outbound text that carries it: the promise e-mail and its
status page, the survey invitation and the survey page, the offer e-mail and the store list,
and the notices that name the customer to staff. Escaping for HTML is allowed (an apostrophe is
``&#x27;`` in the page source) but nothing else: no transliteration, no case change, no
normalisation, no trimming inside."""

import html
import unicodedata
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from kliento.notices.promise_reminders import _escalation_wording, _reminder_wording
from kliento.occasions.models import OfferAssignment
from kliento.occasions.offers import offer_experiment_create, offer_experiment_launch
from kliento.promises.services import promise_create
from kliento.surveys.services import invitation_create, survey_create
from tests.factories import AgentFactory, CustomerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

# One name per language served, each with its script's hardest letters; the Latvian one in
# decomposed form (NFD: letters + combining marks), which must not be composed on the way out.
NAMES = {
    "en": "Zoë O'Brien-Smith",
    "lt": "Jūratė Ąžuolaitė-Čėsnienė",
    "lv": unicodedata.normalize("NFD", "Ģirts Ķēniņš Līvmanis"),
    "pl": "Małgorzata Żółćńska",
    "ru": "Анна-Мария Ёлкина",
}
CASES = sorted(NAMES.items())


def customer_for(language: str):
    return CustomerFactory(full_name=NAMES[language], preferred_language=language,
                           email=f"{language}@example.lt", consents_to_surveys=True,
                           consents_to_promise_updates=True, consents_to_offers=True)


def decoded_body(message) -> bytes:
    """The body as it leaves: the MIME part decoded from its transfer encoding, as bytes."""
    part = message.message()
    payload = part.get_payload(decode=True)
    return payload


def assert_in_page(name: str, content: bytes) -> None:
    assert escape(name).encode() in content
    assert name in html.unescape(content.decode())


@pytest.mark.parametrize(("language", "name"), CASES)
def test_the_promise_email_and_status_page(client, language, name,
                                           django_capture_on_commit_callbacks):
    customer = customer_for(language)
    assert customer.full_name == name  # stored as given
    with django_capture_on_commit_callbacks(execute=True):
        promise = promise_create(customer=customer, kind="callback", description="Paskambinti",
                                 due_at=timezone.now() + timedelta(days=1))
    [message] = mail.outbox
    assert name.encode() in decoded_body(message)
    token = promise.status_url.rstrip("/").rsplit("/", 1)[-1]
    assert_in_page(name, client.get(f"/p/{token}/").content)


@pytest.mark.parametrize(("language", "name"), CASES)
def test_the_survey_invitation_and_page(client, channels, language, name):
    customer = customer_for(language)
    survey = survey_create(name=f"Po skambučio {language}", blocks=["nps"])
    _invitation, url = invitation_create(survey=survey, customer=customer,
                                         channel=channels["email"])
    [message] = mail.outbox
    assert name.encode() in decoded_body(message)
    assert_in_page(name, client.get(url.replace("http://localhost:8000", "")).content)


@pytest.mark.parametrize(("language", "name"), CASES)
def test_the_offer_email_and_the_store_list(client, language, name,
                                            django_capture_on_commit_callbacks):
    customer = customer_for(language)
    experiment = offer_experiment_create(name=f"Offer {language}", seed=1,
                                         arms=[("greeting_discount", 99), ("nothing", 1)])
    with django_capture_on_commit_callbacks(execute=True):
        offer_experiment_launch(experiment)
    assert OfferAssignment.objects.get().customer == customer
    [message] = mail.outbox
    assert name.encode() in decoded_body(message)
    assert name in message.subject
    manager = UserFactory(is_superuser=True)
    client.force_login(manager)
    assert_in_page(name, client.get(f"/occasions/offers/{experiment.pk}/print/").content)


@pytest.mark.parametrize(("language", "name"), CASES)
def test_the_notices_that_name_the_customer(language, name):
    owner = AgentFactory(user=UserFactory(), team=TeamFactory(lead=UserFactory()))
    promise = promise_create(customer=customer_for(language), kind="callback",
                             description="Paskambinti", owner=owner, notify_customer=False,
                             due_at=timezone.now() + timedelta(hours=1))
    for wording in (_reminder_wording, _escalation_wording):
        subject, body = wording(promise)
        assert name in subject and name in body
