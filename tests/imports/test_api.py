"""The data API's push checks an item exactly as the importer checks a row."""

import pytest

from kliento.access.roles import Role
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    client.force_login(UserFactory(username="integration", role=Role.INTEGRATION))
    return client


def post(api, path, payload):
    return api.post(f"/api/v1/{path}", payload, content_type="application/json")


def test_a_batch_keeps_the_good_items_and_names_what_is_wrong_with_the_rest(api, channels):
    CustomerFactory(external_id="C-1")
    reply = post(api, "interactions", [
        {"external_id": "T-1", "customer_external_id": "C-1", "channel": "phone",
         "opened_at": "2026-05-12T09:00:00+03:00", "resolved_at": "2026-05-12T09:30:00+03:00"},
        {"external_id": "T-2", "customer_external_id": "C-404", "channel": "phone",
         "opened_at": "2026-05-12 10:00"},
        {"external_id": "T-3", "customer_external_id": "C-1", "channel": "pigeon",
         "opened_at": "yesterday"},
    ])
    assert reply.status_code == 200
    body = reply.json()
    assert (body["created"], body["exists"], body["rejected"]) == (1, 0, 2)
    assert [item["status"] for item in body["items"]] == ["created", "rejected", "rejected"]
    assert body["items"][1]["errors"] == [{
        "field": "customer_external_id", "value": "C-404",
        "reason": "no customer with this id (import it first)"}]
    assert {e["field"] for e in body["items"][2]["errors"]} == {"channel", "opened_at"}
    assert Interaction.objects.get().resolution_seconds == 1800


def test_sending_the_same_item_again_changes_nothing(api, channels):
    item = {"external_id": "C-7", "full_name": "Žaneta Świątek", "preferred_language": "pl",
            "consents_to_surveys": True}
    assert post(api, "customers", item).json()["items"][0]["status"] == "created"
    again = post(api, "customers", item | {"full_name": "Someone Else"}).json()
    assert again["items"][0]["status"] == "exists"
    assert Customer.objects.get().full_name == "Žaneta Świątek"
    assert Customer.objects.get().consents_to_surveys is True


def test_a_survey_response_out_of_range_is_refused_naming_the_scale(api, channels):
    reply = post(api, "survey-responses", {"external_id": "R-1", "responded_at":
                                           "2026-05-12 18:00", "language": "lt", "nps": 11})
    assert reply.json()["items"][0]["errors"][0]["reason"] == "out of range: the scale is 0 to 10"
    assert reply.json()["rejected"] == 1


def test_too_many_items_are_refused_whole(api, channels):
    reply = post(api, "customers", [{"external_id": f"C-{n}", "full_name": "X"}
                                    for n in range(1001)])
    assert reply.status_code == 422 and "at most 1000" in reply.json()["detail"]
    assert not Customer.objects.exists()


def test_the_data_api_needs_a_token_or_a_session(client, channels):
    assert client.get("/api/v1/customers").status_code == 401
    assert post(client, "customers", {"external_id": "C-1"}).status_code == 401
    assert not Customer.objects.exists()
