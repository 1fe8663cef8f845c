"""Webhooks cannot reach inside: internal addresses are refused when a URL is registered and
again at each delivery, after resolving the host; redirects are not followed; a failed
delivery says why without naming anything internal."""

import socket

import pytest
from django.urls import reverse

from kliento.webhooks.destinations import address_is_public
from kliento.webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from kliento.webhooks.services import webhook_deliveries_send, webhook_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PUBLIC = "93.184.215.14"


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "233.1.1.1", "240.0.0.1", "255.255.255.255", "::1", "::",
    "fe80::1", "fd00::1", "ff0e::1", "::ffff:127.0.0.1", "64:ff9b::a00:5", "2002:a00:5::1",
])
def test_internal_addresses_are_not_public(address):
    assert not address_is_public(address)


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert address_is_public(address)


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/admin/", "http://localhost/", "http://10.0.0.5/hook",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[::ffff:7f00:1]/",
    "https://224.0.0.1/", "ftp://files.example.lt/hook",
])
def test_a_webhook_to_an_internal_address_cannot_be_registered(manager, url):
    page = manager.post(reverse("webhooks:list"), {"url": url, "events": [Event.LOW_SCORE]})
    assert page.status_code == 200
    [error] = page.context["form"].errors["url"]
    assert error.startswith(("This address is inside the network",
                             "Webhooks are delivered to http or https addresses only"))
    assert error in page.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_named_internal_host_can_be_allowed_for_an_on_premise_receiver(manager, settings):
    settings.KLIENTO_WEBHOOK_ALLOWED_HOSTS = ["localhost"]
    page = manager.post(reverse("webhooks:list"), {"url": "http://localhost:8080/kliento",
                                                   "events": [Event.LOW_SCORE]})
    assert page.status_code == 302
    assert WebhookEndpoint.objects.get().url == "http://localhost:8080/kliento"


def test_a_delivery_to_an_internal_address_is_refused_without_calling_it(receiver, settings):
    url, calls = receiver
    settings.KLIENTO_WEBHOOK_ALLOWED_HOSTS = []  # registered before, or written past the form
    WebhookEndpoint.objects.create(url=url, events=[Event.LOW_SCORE])
    webhook_event(Event.LOW_SCORE, {"nps": 1})
    assert webhook_deliveries_send() == 0
    assert calls.calls == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status) == (1, None)
    assert delivery.last_error == ("the host resolves to an internal address, which webhooks "
                                   "may not reach")


def answers(monkeypatch, host: str, addresses: list[str]):
    """The name server's answers for ``host``, one per lookup (the last one repeats)."""
    real = socket.getaddrinfo
    queue = list(addresses)

    def getaddrinfo(name, port, *args, **kwargs):
        if name != host:
            return real(name, port, *args, **kwargs)
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return real(address, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_host_that_resolves_inside_after_registration_is_refused_at_delivery(
        manager, receiver, settings, monkeypatch):
    """DNS rebinding: public when registered, loopback when delivered."""
    _url, calls = receiver
    settings.KLIENTO_WEBHOOK_ALLOWED_HOSTS = []
    answers(monkeypatch, "hooks.example.lt", [PUBLIC, "127.0.0.1"])
    port = _url.split(":")[2].split("/")[0]
    url = f"http://hooks.example.lt:{port}/hook"
    assert manager.post(reverse("webhooks:list"), {
        "url": url, "events": [Event.LOW_SCORE]}).status_code == 302
    webhook_event(Event.LOW_SCORE, {"nps": 1})
    assert webhook_deliveries_send() == 0
    assert calls.calls == []
    assert "internal address" in WebhookDelivery.objects.get().last_error


def test_a_delivery_connects_to_the_checked_address_and_names_the_host(receiver, settings,
                                                                        monkeypatch):
    """The address resolved and checked is the one connected to; the request still names
    the host, as a receiver behind a shared address needs."""
    _url, calls = receiver
    settings.KLIENTO_WEBHOOK_ALLOWED_HOSTS = ["crm.internal"]
    answers(monkeypatch, "crm.internal", ["127.0.0.1"])
    port = _url.split(":")[2].split("/")[0]
    WebhookEndpoint.objects.create(url=f"http://crm.internal:{port}/hook?team=7",
                                   events=[Event.LOW_SCORE])
    webhook_event(Event.LOW_SCORE, {"nps": 1})
    assert webhook_deliveries_send() == 1
    [(headers, _body)] = calls.calls
    assert headers["Host"] == f"crm.internal:{port}"


def test_a_redirect_is_not_followed(receiver):
    url, calls = receiver
    WebhookEndpoint.objects.create(url=url, events=[Event.LOW_SCORE])
    calls.replies = [302]
    webhook_event(Event.LOW_SCORE, {"nps": 1})
    assert webhook_deliveries_send() == 0
    assert len(calls.calls) == 1  # /elsewhere was not asked
    delivery = WebhookDelivery.objects.get()
    assert (delivery.last_status, delivery.delivered_at) == (302, None)


def test_a_failed_delivery_shows_why_without_internal_detail(manager):
    WebhookEndpoint.objects.create(url="http://no-such-host.invalid/hook",
                                   events=[Event.LOW_SCORE])
    webhook_event(Event.LOW_SCORE, {"nps": 1})
    webhook_deliveries_send()
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_error == "the host name could not be resolved"
    page = manager.get(reverse("webhooks:list")).content.decode()
    assert "the host name could not be resolved" in page
    assert "Errno" not in page and "gaierror" not in page


def test_an_event_with_a_subject_is_recorded_once_per_endpoint():
    WebhookEndpoint.objects.create(url="http://example.invalid/", events=[Event.LOW_SCORE])
    for _ in range(2):
        assert webhook_event(Event.LOW_SCORE, {"nps": 1}, subject="survey_response:9") == 1
    webhook_event(Event.LOW_SCORE, {"nps": 2})
    webhook_event(Event.LOW_SCORE, {"nps": 2})  # without a subject: every report counts
    assert WebhookDelivery.objects.count() == 3
