"""A path whose methods live in two apps' routers answers every one of them."""

import pytest
from django.urls import reverse

from kliento.access.roles import Role
from kliento.customers.models import Customer
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    """A manager: she both pushes customers in and lists them."""
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    return client


def test_the_push_is_not_refused_because_another_app_lists_at_its_path(api):
    # GET /customers is the customers app's, POST /customers the imports app's.
    CustomerFactory(external_id="C-1")
    pushed = api.post("/api/v1/customers", {"external_id": "C-2", "full_name": "Rūta"},
                      content_type="application/json")
    assert pushed.status_code == 200 and pushed.json()["created"] == 1
    listed = api.get("/api/v1/customers")
    assert [item["external_id"] for item in listed.json()["items"]] == ["C-1", "C-2"]


def test_a_method_no_app_offers_is_refused_naming_every_method_that_is(api):
    refused = api.delete("/api/v1/survey-responses")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, POST"
    assert not Customer.objects.exists()


def test_each_operation_keeps_its_url_name():
    assert reverse("api-v1:customer_list") == "/api/v1/customers"
    assert reverse("api-v1:customer_push") == "/api/v1/customers"
