"""A promise a lead hands to an agent: the agent acknowledges it on the promise list or over
the API; nobody else can, and the list shows it waiting until then."""

from datetime import datetime

import pytest
import time_machine

from kliento.promises.models import Promise
from tests.promises.conftest import NOW

pytestmark = pytest.mark.django_db

DUE = "2026-06-03T15:00:00+03:00"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def handed_over(client, team_lead, rasa, customer, call) -> Promise:
    """Dalia, the lead, promised Jūratė (whom Rasa served on a call) a visit and gave it to
    Rasa."""
    client.force_login(team_lead)
    created = client.post("/api/v1/promises", {
        "customer": customer.pk, "kind": "visit", "description": "Apsilankyti pas klientę",
        "due_at": DUE, "owner": rasa.pk, "notify_customer": False},
        content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert body["handed_over_at"] is not None and body["acknowledged_at"] is None
    client.logout()
    return Promise.objects.get(pk=body["id"])


def acknowledge(client, promise):
    return client.post(f"/api/v1/promises/{promise.pk}/acknowledge")


def test_the_new_owner_acknowledges_over_the_api(client, handed_over, rasa):
    client.force_login(rasa.user)
    answer = acknowledge(client, handed_over)
    assert answer.status_code == 200
    assert datetime.fromisoformat(answer.json()["acknowledged_at"]) == NOW
    assert Promise.objects.get().acknowledged_at == NOW


def test_the_lead_who_handed_it_over_cannot_acknowledge_for_the_agent(client, handed_over,
                                                                      team_lead):
    client.force_login(team_lead)
    answer = acknowledge(client, handed_over)
    assert answer.status_code == 422
    assert "Only the promise's owner" in answer.json()["errors"]["promise"][0]
    assert Promise.objects.get().acknowledged_at is None


def test_another_agent_does_not_reach_it(client, handed_over, jonas):
    client.force_login(jonas.user)
    assert acknowledge(client, handed_over).status_code == 404
    assert Promise.objects.get().acknowledged_at is None


def test_the_list_shows_the_button_to_its_owner_until_acknowledged(client, handed_over, rasa):
    client.force_login(rasa.user)
    page = client.get("/promises/").content.decode()
    assert f'data-handover="{handed_over.pk}"' in page
    assert f'action="/promises/{handed_over.pk}/acknowledge/"' in page

    answer = client.post(f"/promises/{handed_over.pk}/acknowledge/", {"next": "/promises/"})
    assert answer.status_code == 302 and answer["Location"] == "/promises/"
    assert Promise.objects.get().acknowledged_at == NOW
    assert f'data-handover="{handed_over.pk}"' not in client.get("/promises/").content.decode()
