"""A small organisation with one person in each role: two teams, A (led by Ona) and B, an
agent in each, a manager, an auditor and an integration; and records that belong to team A's
agent, so that who may reach them can be checked from every side."""

from datetime import UTC, datetime, timedelta

import pytest

from kliento.access.roles import Role
from kliento.access.services import user_role_assign
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
    TeamFactory,
    UserFactory,
)

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


class Org:
    """People by role and team A's records."""


@pytest.fixture
def org(channels):
    org = Org()
    org.lead = UserFactory(username="ona-lead")
    user_role_assign(org.lead, Role.TEAM_LEAD)
    org.team_a = TeamFactory(name="Team A", lead=org.lead)
    org.team_b = TeamFactory(name="Team B")
    org.agent_a = AgentFactory(user=UserFactory(username="rasa-a"), team=org.team_a)
    org.agent_b = AgentFactory(user=UserFactory(username="tomas-b"), team=org.team_b)
    user_role_assign(org.agent_a.user, Role.AGENT)
    user_role_assign(org.agent_b.user, Role.AGENT)
    org.manager = UserFactory(username="egle-manager")
    user_role_assign(org.manager, Role.MANAGER)
    org.auditor = UserFactory(username="auditorius")
    user_role_assign(org.auditor, Role.AUDITOR)
    org.integration = UserFactory(username="crm-sync")
    user_role_assign(org.integration, Role.INTEGRATION)

    org.customer_a = CustomerFactory(email="jurate@example.lt", external_id="C-A")
    org.customer_b = CustomerFactory(email="janis@example.lv", external_id="C-B")
    org.call_a = InteractionFactory(customer=org.customer_a, agent=org.agent_a,
                                    team=org.team_a, channel=channels["phone"],
                                    opened_at=NOW - timedelta(days=2))
    org.call_b = InteractionFactory(customer=org.customer_b, agent=org.agent_b,
                                    team=org.team_b, channel=channels["phone"],
                                    opened_at=NOW - timedelta(days=2))
    org.promise_a = PromiseFactory(customer=org.customer_a, owner=org.agent_a,
                                   interaction=org.call_a)
    org.response_a = SurveyResponseFactory(customer=org.customer_a, interaction=org.call_a,
                                           nps=3, responded_at=NOW - timedelta(hours=5))
    return org
