"""Hostile input is refused, never fatal: NUL characters and lone surrogates in JSON, query
strings and addresses get a 4xx naming the field, on SQLite and PostgreSQL alike, and dates
at the calendar's edge get 422 instead of an OverflowError. (The survey page's forms:
tests/surveys/test_public_unstorable_input.py.)"""

import json

import pytest

from kliento.accounts.services import api_token_create
from kliento.customers.models import Customer
from kliento.promises.models import Promise
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db
NUL, LONE_SURROGATE = "Jūratė\x00", "Jūratė\ud800"


@pytest.fixture
def bearer(channels):
    user = UserFactory(username="integration", is_staff=True, is_superuser=True)
    _token, raw = api_token_create(user=user, name="hostile")
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.parametrize("text, reason", [(NUL, "NUL character"),
                                          (LONE_SURROGATE, "lone surrogate")])
def test_a_pushed_customer_with_unstorable_text_is_refused_with_the_field_named(
        client, bearer, text, reason):
    body = json.dumps([{"external_id": "C-1", "full_name": "Ona"},
                       {"external_id": "C-2", "full_name": text}])
    response = client.post("/api/v1/customers", body, content_type="application/json",
                           headers=bearer)
    assert response.status_code == 422
    [(field, [message])] = response.json()["errors"].items()
    assert field == "[1].full_name" and reason in message
    assert response.json()["detail"].startswith("[1].full_name: contains a")
    assert not Customer.objects.exists()  # the good item is not stored either


def test_a_json_key_with_a_nul_is_refused_with_its_name(client, bearer):
    response = client.post("/api/v1/customers", json.dumps({"external_id\x00": "C-1"}),
                           content_type="application/json", headers=bearer)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["'external_id\\x00'"]


def test_a_surrogate_pair_is_a_character_not_a_refusal(client, bearer):
    """An emoji in JSON is written as two escapes that make one character: that is stored."""
    body = json.dumps({"external_id": "C-1", "full_name": "Ona 🙂"})
    assert "\\ud83d\\ude42" in body
    response = client.post("/api/v1/customers", body, content_type="application/json",
                           headers=bearer)
    assert response.status_code == 200
    assert Customer.objects.get().full_name == "Ona 🙂"


def test_a_nul_in_a_query_parameter_is_refused_with_the_parameter_named(client, bearer):
    response = client.get("/api/v1/customers?search=%00ona", headers=bearer)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["search"]


def test_a_nul_in_a_link_token_is_refused(client):
    response = client.get("/s/abc%00def/")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("path", [
    "/api/v1/metrics?start=9999-12-31&end=9999-12-31&grain=week",
    "/api/v1/metrics?start=9999-12-31&end=9999-12-31&grain=month",
])
def test_a_date_at_the_calendars_edge_is_refused_not_a_server_error(client, bearer, path):
    response = client.get(path, headers=bearer)
    assert response.status_code == 422
    assert "range of dates" in response.json()["detail"]


@pytest.mark.parametrize("path", [
    "/api/v1/promises?due_before=9999-12-31T23:59:59-14:00",
    "/api/v1/promises?due_after=0001-01-01T00:00:00%2B14:00",
])
def test_a_moment_past_the_calendars_edge_is_answered_or_refused_never_a_server_error(
        client, bearer, path):
    """In UTC these fall in year 10000 or year 0: Python cannot hold them (SQLite's path
    converts in Python: 422), PostgreSQL's timestamps can (it answers: nothing is due)."""
    response = client.get(path, headers=bearer)
    if response.status_code == 422:
        assert "range of dates" in response.json()["detail"]
    else:
        assert (response.status_code, response.json()["items"]) == (200, [])


def test_a_promise_due_at_the_calendars_edge_is_refused_not_a_server_error(client, bearer):
    customer = CustomerFactory()
    response = client.post("/api/v1/promises", json.dumps({
        "customer": customer.pk, "kind": "callback", "description": "Paskambinti",
        "due_at": "9999-12-31T23:59:59"}), content_type="application/json", headers=bearer)
    assert 400 <= response.status_code < 500
    assert not Promise.objects.exists()
