"""Values the database cannot hold are the client's mistake (422), never a server error."""

import pytest

from kliento.access.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def manager_client(client, db):
    client.force_login(UserFactory(username="egle", role=Role.MANAGER))
    return client


def test_a_time_zone_offset_postgresql_cannot_store_is_compared_in_utc_not_a_500(
        manager_client):
    # PostgreSQL keeps offsets within ±15:59; Python accepts up to ±23:59: the filter
    # sends the moment in UTC, so any offset a client gives is simply a moment.
    answer = manager_client.get("/api/v1/promises",
                                {"due_before": "1538-02-24T10:24:26.3+16:44"})
    assert (answer.status_code, answer.json()["items"]) == (200, [])


def test_a_shift_with_a_time_zone_offset_is_refused_with_the_field_named(manager_client):
    answer = manager_client.post("/api/v1/shifts", {"name": "Rytas", "starts_at": "08:00+02:00",
                                                    "ends_at": "16:00"},
                                 content_type="application/json")
    assert answer.status_code == 422
    assert "starts_at" in answer.content.decode()
