"""``GET /api/v1/faq`` (public, in the asked language with a fallback), ``/topics`` ranked
as candidates and a topic's deflection."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from kliento.accounts.services import api_token_create
from kliento.questions.models import FaqEntry, Topic
from kliento.questions.services import faq_entry_publish, faq_entry_save
from tests.questions.conftest import GROUPS, NOW, contacts_make, mine


@pytest.fixture
def mined(agent):
    for group in GROUPS:
        contacts_make(agent, group, copies=2, every=timedelta(hours=7))
    return mine(clusters=3)


def _bearer(user) -> dict:
    _, token = api_token_create(user=user, name="tests")
    return {"Authorization": f"Bearer {token}"}


def test_the_public_faq_answers_anyone_in_their_language_with_a_fallback(client, mined,
                                                                        manager):
    topic = Topic.objects.first()
    entry = faq_entry_save(topic, question={"lt": "Kur mano užsakymas?",
                                            "en": "Where is my order?"},
                           answer={"lt": "Sekite nuorodą laiške.", "en": "Follow the link."},
                           user=manager)
    faq_entry_publish(entry, publish=True, now=NOW)

    lithuanian = client.get("/api/v1/faq?lang=lt")
    polish = client.get("/api/v1/faq?lang=pl&q=ORDER")
    unmatched = client.get("/api/v1/faq?lang=lt&q=grąžinti")

    assert lithuanian.status_code == 200
    assert lithuanian.json() == [{"topic": topic.pk, "question": "Kur mano užsakymas?",
                                  "answer": "Sekite nuorodą laiške.", "language": "lt",
                                  "published_at": "2026-12-02T12:00:00Z"}]
    assert [(e["question"], e["language"]) for e in polish.json()] == [
        ("Where is my order?", "en")]
    assert unmatched.json() == []
    assert lithuanian["Access-Control-Allow-Origin"] == "*"


def test_an_unpublished_entry_is_not_public(client, mined, manager):
    faq_entry_save(Topic.objects.first(), question={"en": "Draft"}, answer={"en": "Soon"},
                   user=manager)

    assert client.get("/api/v1/faq").json() == []


@time_machine.travel(NOW, tick=False)
def test_topics_are_ranked_with_their_weeks_for_a_manager(client, mined, manager):
    response = client.get("/api/v1/topics?weeks=4", headers=_bearer(manager))

    assert response.status_code == 200
    body = response.json()
    assert body["contacts"] == 48 and len(body["weeks"]) == 4
    assert [t["contacts"] for t in body["topics"]] == sorted(
        (t["contacts"] for t in body["topics"]), reverse=True)
    assert sum(t["contacts"] for t in body["topics"]) == 48
    assert all(sum(t["weekly"]) == t["contacts"] for t in body["topics"])
    assert client.get("/api/v1/topics?weeks=5", headers=_bearer(manager)).status_code == 422


@time_machine.travel(NOW, tick=False)
def test_a_topics_deflection_over_the_api(client, mined, manager):
    topic = Topic.objects.first()
    FaqEntry.objects.create(topic=topic, question={"en": "?"}, answer={"en": "!"},
                            published_at=datetime(2026, 11, 4, tzinfo=UTC),
                            updated_at=datetime(2026, 11, 4, tzinfo=UTC))

    body = client.get(f"/api/v1/topics/{topic.pk}/deflection", headers=_bearer(manager)).json()
    missing = client.get("/api/v1/topics/999999/deflection", headers=_bearer(manager))

    # Published in the week of 2 November: before = 8 weeks from 7 September, after = the
    # weeks of 9, 16 and 23 November (the current week, from 30 November, not yet).
    assert (body["published_on"], body["weeks_before"], body["weeks_after"]) == (
        "2026-11-04", 8, 3)
    members = topic.interaction_members.select_related("interaction")
    before = sum(datetime(2026, 9, 7).date() <= m.interaction.opened_on
                 < datetime(2026, 11, 2).date() for m in members)
    after = sum(datetime(2026, 11, 9).date() <= m.interaction.opened_on
                < datetime(2026, 11, 30).date() for m in members)
    assert (body["contacts_before"], body["contacts_after"]) == (before, after)
    assert missing.status_code == 404
