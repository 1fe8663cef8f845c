"""GET /api/v1/customers: paginated, filtered by the selector."""

import pytest

from kliento.access.roles import Role
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    """A manager: they reach every customer (an agent reaches only those they served)."""
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    return client


def test_customers_are_paginated_and_filtered(api):
    for n in range(5):
        CustomerFactory(external_id=f"C-{n}", full_name=f"Rūta {n}", email=f"r{n}@example.lt")
    page = api.get("/api/v1/customers?limit=2&offset=2").json()
    assert page["count"] == 5 and [c["external_id"] for c in page["items"]] == ["C-2", "C-3"]
    assert api.get("/api/v1/customers?email=R4@example.lt").json()["items"][0][
        "external_id"] == "C-4"


def test_an_empty_filter_filters_nothing_and_every_filter_given_must_match(api):
    CustomerFactory(external_id="C-1", full_name="Rūta Kazlauskienė", email="ruta@example.lt")
    CustomerFactory(external_id="C-2", full_name="Rūta Petraitė", email="petraite@example.lt")
    assert api.get("/api/v1/customers?external_id=&search=").json()["count"] == 2
    found = api.get("/api/v1/customers?search=rūta&email=PETRAITE@example.lt").json()
    assert [c["external_id"] for c in found["items"]] == ["C-2"]
    assert api.get("/api/v1/customers?search=Rūta&external_id=C-3").json()["count"] == 0


def test_the_list_needs_a_token_or_a_session(client):
    assert client.get("/api/v1/customers").status_code == 401
