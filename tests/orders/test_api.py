"""Orders pushed over the API (checked as the importer checks a file row) and listed."""

from datetime import date
from decimal import Decimal

import pytest

from kliento.access.roles import Role
from kliento.orders.models import Order
from kliento.orders.selectors import customer_value
from tests.factories import CustomerFactory, LocationFactory, UserFactory

pytestmark = pytest.mark.django_db


def post(client, payload):
    return client.post("/api/v1/orders", payload, content_type="application/json")


@pytest.fixture
def integration(client):
    client.force_login(UserFactory(username="integration", role=Role.INTEGRATION))
    return client


def test_a_batch_keeps_the_good_orders_and_names_what_is_wrong_with_each_other(
        integration, channels):
    CustomerFactory(external_id="C-1")
    LocationFactory(name="Vilnius, Gedimino pr. 9")
    reply = post(integration, [
        {"external_id": "O-1", "customer_external_id": "C-1", "ordered_at": "2026-05-12 17:45",
         "amount": "129,99", "location": "Vilnius, Gedimino pr. 9", "items": "Sofa",
         "item_count": 1},
        {"external_id": "O-2", "customer_external_id": "C-1", "ordered_at": "2026-05-13 10:00",
         "amount": 20, "currency": "pln", "channel": "web"},
        {"external_id": "O-3", "customer_external_id": "C-404", "ordered_at": "2026-05-13",
         "amount": "5"},
        {"external_id": "O-4", "customer_external_id": "C-1", "ordered_at": "2026-05-13 10:00",
         "amount": "1.999"},
        {"external_id": "O-5", "customer_external_id": "C-1", "ordered_at": "2026-05-13 10:00",
         "amount": "-5"},
    ])
    body = reply.json()
    assert (body["created"], body["exists"], body["rejected"]) == (2, 0, 3)
    assert [e["field"] for e in body["items"][2]["errors"]] == ["customer_external_id"]
    assert [e["reason"] for e in body["items"][3]["errors"]] == ["more than two decimals"]
    assert [e["reason"] for e in body["items"][4]["errors"]] == [
        "not an amount of money: negative or not a number"]
    first, second = Order.objects.order_by("external_id")
    assert (first.amount, first.currency, first.ordered_on, first.location.name) == (
        Decimal("129.99"), "EUR", date(2026, 5, 12), "Vilnius, Gedimino pr. 9")
    assert (second.amount, second.currency, second.channel.code) == (Decimal("20.00"), "PLN",
                                                                     "web")


def test_a_bad_currency_is_refused_and_nothing_is_stored(integration, channels):
    CustomerFactory(external_id="C-1")
    reply = post(integration, {"external_id": "O-9", "customer_external_id": "C-1",
                               "ordered_at": "2026-05-12 17:45", "amount": "5",
                               "currency": "E1R"})
    assert reply.json()["items"][0]["errors"] == [{
        "field": "currency", "value": "E1R",
        "reason": "not a three-letter currency code (EUR, PLN)"}]
    assert not Order.objects.exists()


def test_spend_frequency_and_recency_of_a_customer(integration, channels):
    customer = CustomerFactory(external_id="C-1")
    post(integration, [{"external_id": f"O-{n}", "customer_external_id": "C-1",
                        "ordered_at": f"2026-05-{n:02d} 12:00", "amount": str(10 * n)}
                       for n in (1, 5, 20)])
    value = customer_value(customer.pk)
    assert (value.spend, value.orders) == (Decimal("260.00"), 3)
    assert value.days_since_last(date(2026, 6, 1)) == 12


def test_the_list_shows_a_manager_every_order_and_an_agent_none_of_strangers(client, channels):
    CustomerFactory(external_id="C-1")
    client.force_login(UserFactory(username="integration", role=Role.INTEGRATION))
    post(client, {"external_id": "O-1", "customer_external_id": "C-1",
                  "ordered_at": "2026-05-12 17:45", "amount": "5"})
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    assert client.get("/api/v1/orders").json()["count"] == 1
    client.force_login(UserFactory(username="agent", role=Role.AGENT))
    assert client.get("/api/v1/orders").json()["count"] == 0
