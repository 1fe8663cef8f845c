"""A dashboard card computed from survey responses opens the responses inbox with the same
period and focus, and the inbox then lists exactly the responses the card counted."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from kliento.access.roles import Role
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture
def answered(db, channels):
    team_a, team_b = TeamFactory(name="A"), TeamFactory(name="B")
    agent_a, agent_b = AgentFactory(team=team_a), AgentFactory(team=team_b)
    now = timezone.now()
    for agent, team, scores in ((agent_a, team_a, (9, 3, 10)), (agent_b, team_b, (6, 7))):
        for nps in scores:
            call = InteractionFactory(customer=CustomerFactory(), agent=agent, team=team,
                                      opened_at=now - timedelta(days=2))
            SurveyResponseFactory(customer=call.customer, interaction=call, nps=nps,
                                  responded_at=now - timedelta(days=1))
    return team_a


def _drill(page, key: str) -> str:
    match = re.search(rf'href="([^"]+)" data-drill="{key}"', page.content.decode())
    assert match, f"no drill-down link on the {key} card"
    return unescape(match.group(1))


def test_the_nps_card_of_a_team_opens_that_teams_responses(client, answered):
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(reverse("analytics:dashboard"), {"focus": f"team:{answered.pk}"})
    url = _drill(page, "nps")
    assert f"team={answered.pk}" in url and "since=" in url and "until=" in url
    inbox = client.get(url)
    assert sorted(r.nps for r in inbox.context["page"].responses) == [3, 9, 10]


def test_without_a_focus_the_card_opens_every_response_of_the_period(client, answered):
    client.force_login(UserFactory(role=Role.MANAGER))
    inbox = client.get(_drill(client.get(reverse("analytics:dashboard")), "nps"))
    assert len(inbox.context["page"].responses) == 5


def test_an_auditor_sees_no_link_to_answers_they_may_not_read(client, answered):
    client.force_login(UserFactory(role=Role.AUDITOR))
    page = client.get(reverse("analytics:dashboard"))
    assert page.status_code == 200
    assert "data-drill=" not in page.content.decode()
