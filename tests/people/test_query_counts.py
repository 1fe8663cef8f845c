"""The board and the scorecard cost a fixed number of queries, however many agents and
answers: no query per agent or per row."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgentFactory, InteractionFactory, UserFactory
from tests.people.conftest import answers


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_the_leaderboard_does_not_grow_with_agents(client, org):
    today = date.today()
    for name in ("rasa", "jonas"):
        answers(org.contacts[name], [10, 9, 3] * 5, on=today)
    client.force_login(org.manager)
    url, params = reverse("people:leaderboard"), {"metric": "nps", "minimum": 5}
    before = _queries(client, url, params)
    for i in range(6):
        agent = AgentFactory(user=UserFactory(username=f"papildomas{i}"), team=org.team_a,
                             hired_on=date(2025, 1, 1))
        contact = InteractionFactory(customer=org.customer, agent=agent, team=org.team_a)
        answers(contact, [10, 6] * 5, on=today)
    assert _queries(client, url, params) == before


def test_the_scorecard_does_not_grow_with_answers(client, org):
    today = date.today()
    rasa = org.agents["rasa"]
    answers(org.contacts["rasa"], [10, 9, 3], on=today, comment="Ačiū, Rasa!")
    client.force_login(rasa.user)
    url = reverse("people:me")
    before = _queries(client, url)
    answers(org.contacts["rasa"], [10, 2] * 50, on=today, comment="Rasa padėjo")
    answers(org.contacts["jonas"], [10] * 50, on=today)
    assert _queries(client, url) == before
