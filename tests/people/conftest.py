"""A contact centre of two teams: A (led by Ona) with Rasa, Jonas and three colleagues, B with
Tomas; a manager. Answers are written in bulk onto one contact per agent, so that hundreds
of them cost one insert."""

from datetime import UTC, date, datetime, timedelta

import pytest

from kliento.access.roles import Role
from kliento.access.services import user_role_assign
from kliento.surveys.models import SurveyResponse
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    TeamFactory,
    UserFactory,
)

DAY = date(2026, 6, 10)


class Org:
    pass


def answers(interaction, scores, *, on=DAY, comment="", field="nps"):
    """Bulk-write one response per score onto ``interaction``, all on ``on``."""
    moment = datetime(on.year, on.month, on.day, 10, 0, tzinfo=UTC)
    SurveyResponse.objects.bulk_create([
        SurveyResponse(customer=interaction.customer, interaction=interaction,
                       responded_at=moment, responded_on=on, language="lt",
                       comment=comment, **{field: score}) for score in scores])


@pytest.fixture
def org(channels):
    org = Org()
    org.lead = UserFactory(username="ona-lead", first_name="Ona")
    user_role_assign(org.lead, Role.TEAM_LEAD)
    org.manager = UserFactory(username="egle-manager", first_name="Eglė")
    user_role_assign(org.manager, Role.MANAGER)
    org.team_a = TeamFactory(name="Team A", lead=org.lead)
    org.team_b = TeamFactory(name="Team B")
    org.customer = CustomerFactory(full_name="Jūratė Žuolaitė")
    org.agents = {}
    org.contacts = {}
    for username, first_name, team in [("rasa", "Rasa", org.team_a), ("jonas", "Jonas", org.team_a),
                                       ("ieva", "Ieva", org.team_a), ("lina", "Lina", org.team_a),
                                       ("paulius", "Paulius", org.team_a),
                                       ("tomas", "Tomas", org.team_b)]:
        agent = AgentFactory(user=UserFactory(username=username, first_name=first_name),
                             team=team, hired_on=date(2024, 1, 1))
        user_role_assign(agent.user, Role.AGENT)
        org.agents[username] = agent
        org.contacts[username] = InteractionFactory(
            customer=org.customer, agent=agent, team=team, channel=channels["phone"],
            opened_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC) + timedelta(minutes=len(org.agents)))
    return org
