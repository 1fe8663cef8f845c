"""Webhooks out: signed, retried with back-off, logged — against a real HTTP receiver."""

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from kliento.surveys.services import invitation_create
from kliento.surveys.submission import invitation_answer
from kliento.webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from kliento.webhooks.services import BACKOFF, webhook_deliveries_send, webhook_event
from tests.factories import UserFactory
from tests.surveys.conftest import all_answers

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 6, 3, 8, 0, tzinfo=UTC)


def test_a_delivery_is_signed_so_the_receiver_can_trust_it(receiver):
    url, calls = receiver
    endpoint = WebhookEndpoint.objects.create(url=url, events=[Event.PROMISE_BROKEN])
    WebhookEndpoint.objects.create(url=url, events=[Event.LOW_SCORE])  # not listening
    assert webhook_event(Event.PROMISE_BROKEN, {"promise": 7, "customer": "Jūratė"}) == 1
    assert webhook_deliveries_send() == 1
    [(headers, body)] = calls.calls
    expected = hmac.new(endpoint.secret.encode(),
                        headers["X-Kliento-Timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert headers["X-Kliento-Signature"] == f"sha256={expected}"
    assert headers["X-Kliento-Event"] == "promise.broken"
    assert json.loads(body)["data"] == {"promise": 7, "customer": "Jūratė"}
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is not None and delivery.last_status == 200
    assert webhook_deliveries_send() == 0  # never twice


def test_failures_are_retried_with_back_off_then_given_up_and_logged(receiver, time_machine):
    url, calls = receiver
    WebhookEndpoint.objects.create(url=url, events=[Event.LOW_SCORE])
    time_machine.move_to(T0)
    webhook_event(Event.LOW_SCORE, {"nps": 2})
    calls.replies = [500] * (len(BACKOFF) + 1)
    now = T0
    for attempt, pause in enumerate(BACKOFF, start=1):
        assert webhook_deliveries_send(now=now) == 0
        delivery = WebhookDelivery.objects.get()
        assert (delivery.attempts, delivery.last_status) == (attempt, 500)
        assert delivery.next_attempt_at == now + pause
        assert webhook_deliveries_send(now=now + pause - timedelta(seconds=1)) == 0
        assert WebhookDelivery.objects.get().attempts == attempt  # not before its time
        now += pause
    webhook_deliveries_send(now=now)
    delivery = WebhookDelivery.objects.get()
    assert delivery.gave_up_at == now and delivery.attempts == len(BACKOFF) + 1
    assert len(calls.calls) == len(BACKOFF) + 1


def test_an_unreachable_receiver_is_logged_with_the_error(channels, local_receivers_allowed):
    WebhookEndpoint.objects.create(url="http://127.0.0.1:9/nothing", events=[Event.LOW_SCORE])
    webhook_event(Event.LOW_SCORE, {"nps": 1})
    webhook_deliveries_send()
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1 and delivery.last_status is None
    assert delivery.last_error == "connection refused"


def test_a_low_score_answer_records_the_event_with_the_answer(receiver, survey, call,
                                                              channels):
    url, calls = receiver
    WebhookEndpoint.objects.create(url=url, events=[Event.LOW_SCORE])
    invitation, _url = invitation_create(survey=survey, customer=call.customer,
                                         channel=channels["phone"], delivery="link")
    invitation_answer(invitation, all_answers(survey, nps=3))
    delivery = WebhookDelivery.objects.get()
    assert delivery.payload["scores"]["nps"] == 3
    assert delivery.payload["customer"]["name"] == "Jūratė Ąžuolaitė-Česnauskienė"
    webhook_deliveries_send()
    assert json.loads(calls.calls[0][1])["event"] == "survey.low_score"


def test_a_good_score_records_nothing(survey, call, channels):
    WebhookEndpoint.objects.create(url="http://example.invalid/", events=[Event.LOW_SCORE])
    invitation, _url = invitation_create(survey=survey, customer=call.customer,
                                         channel=channels["phone"], delivery="link")
    invitation_answer(invitation, all_answers(survey, nps=9))
    assert not WebhookDelivery.objects.exists()


def test_managers_register_webhooks_on_a_page(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    page = client.post(reverse("webhooks:list"), {
        "url": "https://crm.example.lt/kliento", "events": [Event.LOW_SCORE,
                                                           Event.PROMISE_BROKEN]})
    assert page.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["survey.low_score", "promise.broken"]
    assert endpoint.secret in client.get(reverse("webhooks:list")).content.decode()
    bad = client.post(reverse("webhooks:list"), {"url": "not a url", "events": []})
    assert bad.status_code == 200 and WebhookEndpoint.objects.count() == 1


def test_an_opened_recovery_case_is_announced(channels, call):
    from kliento.recovery.services import recovery_case_open, recovery_cases_open_for_new_signals
    from tests.factories import InteractionFactory

    WebhookEndpoint.objects.create(url="http://example.invalid/",
                                   events=[Event.RECOVERY_CASE_OPENED])
    case = recovery_case_open(customer=call.customer, interaction=call,
                              notes="Sofa atvežta ne tos spalvos.")
    complaint = InteractionFactory(customer=call.customer, kind="complaint",
                                   text="Pažadėjote juodą, atvežė rudą")
    recovery_cases_open_for_new_signals(now=complaint.opened_at + timedelta(hours=1))
    announced = sorted(d.payload["recovery_case"] for d in WebhookDelivery.objects.all())
    assert announced[0] == case.pk and len(announced) == 2
    assert WebhookDelivery.objects.filter(payload__interaction=complaint.pk).exists()


def test_a_broken_promise_is_announced(channels):
    from kliento.promises.services import promise_close
    from tests.factories import PromiseFactory

    WebhookEndpoint.objects.create(url="http://example.invalid/", events=[Event.PROMISE_BROKEN])
    kept, broken = PromiseFactory(), PromiseFactory(kind="delivery", description="Juoda sofa")
    promise_close(kept, done_at=kept.due_at - timedelta(hours=1))
    promise_close(broken, done_at=broken.due_at, as_specified=False, note="Atvežė rudą")
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.payload["promise"] == broken.pk
    assert delivery.payload["note"] == "Atvežė rudą"
    assert delivery.payload["customer"]["name"] == "Jūratė Ąžuolaitė-Česnauskienė"
