"""Consent you can withdraw: every e-mail to a customer carries a one-click unsubscribe
link and the RFC 8058 headers, and unsubscribing from a real e-mail stops the next one."""

import email
import re
from datetime import timedelta
from email import policy

import pytest
from django.utils import timezone

from kliento.customers.consent import unsubscribe_token
from kliento.customers.models import ConsentChange
from kliento.surveys.services import InvitationRefused, invitation_create, survey_create
from tests.factories import CustomerFactory


@pytest.fixture
def mail_dir(settings, tmp_path):
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(tmp_path / "mail")}}}
    return tmp_path / "mail"


def test_unsubscribing_from_a_real_email_stops_the_next_invitation(client, channels, mail_dir,
                                                                   settings):
    settings.KLIENTO_PUBLIC_URL = "http://testserver"
    customer = CustomerFactory(email="ona@example.lt")
    survey = survey_create(name="Po skambučio", blocks=["nps"])
    invitation_create(survey=survey, customer=customer, channel=channels["phone"])
    (mail_file,) = mail_dir.iterdir()
    message = email.message_from_bytes(mail_file.read_bytes(), policy=policy.default)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_url = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"]).group(1)
    assert header_url in message.get_content()  # the same link in the text, for people
    # The mail provider's one click: a POST with no session and no CSRF token.
    answer = client.post(header_url.removeprefix("http://testserver"),
                         {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    change = ConsentChange.objects.get(customer=customer)
    assert (change.purpose, change.granted, change.source) == ("surveys", False,
                                                               "customer_link")
    customer.refresh_from_db()  # as the next sweep reads it
    later = timezone.now() + timedelta(days=settings.KLIENTO_SURVEY_QUIET_DAYS + 1)
    with pytest.raises(InvitationRefused) as refused:
        invitation_create(survey=survey, customer=customer, channel=channels["phone"],
                          now=later)
    assert refused.value.code == "no_consent"
    assert len(list(mail_dir.iterdir())) == 1


def test_opening_the_link_only_asks_and_a_forged_link_changes_nothing(client, channels):
    customer = CustomerFactory(email="ona@example.lt")
    token = unsubscribe_token(customer, "surveys")
    assert client.get(f"/u/{token}/").status_code == 200  # link scanners open links
    customer.refresh_from_db()
    assert customer.consents_to_surveys is True
    assert client.post(f"/u/{token[:-2]}xx/").status_code == 404
    customer.refresh_from_db()
    assert customer.consents_to_surveys is True


def test_consent_is_per_purpose(client, channels):
    customer = CustomerFactory(email="ona@example.lt", consents_to_offers=True)
    client.post(f"/u/{unsubscribe_token(customer, 'offers')}/")
    customer.refresh_from_db()
    assert (customer.consents_to_offers, customer.consents_to_surveys,
            customer.consents_to_promise_updates) == (False, True, True)
