"""The frequently-asked-questions KPI where people read it: its dashboard card and
``/api/v1/metrics``."""

from datetime import UTC, date, datetime

import pytest

from kliento.accounts.services import api_token_create
from kliento.questions.models import FaqEntry, InteractionTopic, MiningRun, Topic
from kliento.questions.presentation import faq_kpi_card
from tests.factories import InteractionFactory

DAY = datetime(2026, 11, 25, 10, tzinfo=UTC)


@pytest.fixture
def asked(channels):
    """Twelve topics, topic n asked n times on 25 November: 78 contacts, the ten most
    asked (3…12) 75 of them; topic 12 answered on the FAQ."""
    run = MiningRun.objects.create(source="questions", status="done", requested_at=DAY,
                                   finished_at=DAY)
    topics = []
    for n in range(1, 13):
        topic = Topic.objects.create(source="questions", number=n, first_run=run, last_run=run)
        for _ in range(n):
            InteractionTopic.objects.create(
                interaction=InteractionFactory(opened_at=DAY, text="?"), topic=topic, run=run,
                similarity=1)
        topics.append(topic)
    FaqEntry.objects.create(topic=topics[-1], question={"en": "?"}, answer={"en": "!"},
                            published_at=DAY, updated_at=DAY)


def test_the_dashboard_card_shows_the_share_its_interval_and_the_answered(asked, manager):
    card = faq_kpi_card(date(2026, 11, 23), date(2026, 11, 29), manager)

    assert card["value"] == "96 %"  # 75 / 78 = 96.2 %
    assert card["basis"] == "78 contacts with a topic, 12 answered on the FAQ"
    assert card["drill_url"] == "/questions/"
    assert faq_kpi_card(date(2020, 1, 6), date(2020, 1, 12))["value"] is None


def test_the_metrics_api_carries_the_kpi_for_the_period(client, asked, manager):
    _, token = api_token_create(user=manager, name="kpi")

    body = client.get("/api/v1/metrics?start=2026-11-23&end=2026-11-29",
                      headers={"Authorization": f"Bearer {token}"}).json()

    kpi = body["frequent_questions"]
    assert (kpi["contacts"], kpi["frequent"], kpi["answered"]) == (78, 75, 12)
    assert kpi["share"]["value"] == pytest.approx(100 * 75 / 78)
    assert kpi["share"]["low"] < kpi["share"]["value"] < kpi["share"]["high"]
