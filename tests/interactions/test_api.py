"""GET /api/v1/interactions: newest first, filtered by the selector."""

import pytest

from kliento.access.roles import Role
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    """A manager: they reach every customer (an agent reaches only those they served)."""
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    return client


def push(api, items):
    return api.post("/api/v1/interactions", items, content_type="application/json")


def test_interactions_are_filtered_by_channel_and_day(api, channels):
    CustomerFactory(external_id="C-1")
    push(api, [{"external_id": f"T-{n}", "customer_external_id": "C-1",
                "channel": "chat" if n % 2 else "email",
                "opened_at": f"2026-05-1{n} 09:00"} for n in range(4)])
    chats = api.get("/api/v1/interactions?channel=chat&since=2026-05-12").json()
    assert [item["external_id"] for item in chats["items"]] == ["T-3"]


def test_interactions_are_listed_newest_first_and_filtered_by_customer(api, channels):
    CustomerFactory(external_id="C-1")
    CustomerFactory(external_id="C-2")
    push(api, [{"external_id": f"T-{n}", "customer_external_id": f"C-{n % 2 + 1}",
                "channel": "phone", "opened_at": f"2026-05-1{n} 09:00"} for n in range(4)])
    listed = api.get("/api/v1/interactions?until=2026-05-12").json()
    assert [item["external_id"] for item in listed["items"]] == ["T-2", "T-1", "T-0"]
    assert listed["items"][0]["channel"] == "phone"
    theirs = api.get("/api/v1/interactions?customer_external_id=C-2").json()
    assert [item["external_id"] for item in theirs["items"]] == ["T-3", "T-1"]
    assert api.get("/api/v1/interactions?external_id=T-0").json()["count"] == 1
