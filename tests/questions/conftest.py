"""Contacts whose texts ask three recurring questions in several languages, spread over
weeks, and the helpers the questions tests share."""

from datetime import UTC, datetime, timedelta

import pytest

from kliento.access.roles import Role
from kliento.access.services import user_role_assign
from kliento.questions.models import MiningRun
from kliento.questions.services import mining_run_execute
from tests.factories import AgentFactory, InteractionFactory, UserFactory

# Three questions customers keep asking, each in its own words and languages.
GROUPS = {
    "hours": [
        ("en", "What time do you open on Sunday?"),
        ("en", "What are your opening hours on Sundays?"),
        ("en", "Are you open on Sunday, what hours?"),
        ("lt", "Kokios jūsų darbo valandos sekmadienį?"),
        ("lt", "Ar dirbate sekmadienį, kokios darbo valandos?"),
        ("lv", "Kāds ir jūsu darba laiks svētdienā?"),
        ("pl", "W jakich godzinach jesteście otwarci w niedzielę?"),
        ("ru", "Какие у вас часы работы в воскресенье?"),
    ],
    "order": [
        ("en", "Where is my order 48213? It has not arrived."),
        ("en", "My order has not arrived yet, where is it?"),
        ("en", "Can you tell me the delivery status of my order?"),
        ("lt", "Kur mano užsakymas? Jis dar neatvyko."),
        ("lt", "Mano užsakymas LT-20931 dar neatvyko, kur jis?"),
        ("lv", "Kur ir mans pasūtījums? Tas vēl nav atnācis."),
        ("pl", "Gdzie jest moje zamówienie? Jeszcze nie dotarło."),
        ("ru", "Где мой заказ? Он ещё не пришёл."),
    ],
    "return": [
        ("en", "How do I return a jacket that does not fit?"),
        ("en", "I want to return the shoes, how do I send them back?"),
        ("en", "How can I return an item and get a refund?"),
        ("lt", "Kaip grąžinti netinkančią striukę?"),
        ("lt", "Noriu grąžinti batus, kaip juos grąžinti?"),
        ("lv", "Kā atgriezt jaku, kas neder?"),
        ("pl", "Jak zwrócić kurtkę, która nie pasuje?"),
        ("ru", "Как вернуть куртку, которая не подошла?"),
    ],
}

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture
def agent(channels):
    return AgentFactory()


@pytest.fixture
def manager(db):
    user = UserFactory(username="rasa")
    user_role_assign(user, Role.MANAGER)
    return user


@pytest.fixture
def lead(agent):
    """The lead of ``agent``'s team."""
    user = UserFactory(username="ona")
    user_role_assign(user, Role.TEAM_LEAD)
    agent.team.lead = user
    agent.team.save(update_fields=["lead"])
    return user


def contacts_make(agent, group: str, *, copies: int = 1, start: datetime = NOW,
                  every: timedelta = timedelta(days=1), channel=None) -> list:
    """``copies`` rounds of the group's texts, one contact a day backwards from ``start``."""
    made = []
    moment = start
    for _round in range(copies):
        for language, text in GROUPS[group]:
            fields = {"channel": channel} if channel is not None else {}
            made.append(InteractionFactory(text=text, language=language, opened_at=moment,
                                           agent=agent, team=agent.team, **fields))
            moment -= every
    return made


def mine(source: str = "questions", *, clusters: int | None = None, now=NOW) -> MiningRun:
    run = MiningRun.objects.create(source=source, requested_at=now, clusters_asked=clusters)
    return mining_run_execute(run, now=now)
