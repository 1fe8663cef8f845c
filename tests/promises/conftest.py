from datetime import UTC, datetime

import pytest

from kliento.access.roles import Role
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    TeamFactory,
    UserFactory,
)

# Monday 1 June 2026, 12:00 in Vilnius.
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

DELIVERY_SPEC = {"model": "Bosch KGN39VWEA", "colour": "inox", "size": "60 × 203 cm",
                 "accessories": ["door handles", "egg tray"]}


@pytest.fixture
def team_lead(db):
    return UserFactory(username="dalia", first_name="Dalia", last_name="Vadovė",
                       role=Role.TEAM_LEAD)


@pytest.fixture
def rasa(team_lead):
    """An agent in Dalia's team."""
    user = UserFactory(username="rasa", first_name="Rasa", last_name="Petraitė", role=Role.AGENT)
    return AgentFactory(user=user, team=TeamFactory(name="Kaunas", lead=team_lead))


@pytest.fixture
def jonas(rasa):
    """Rasa's team mate."""
    user = UserFactory(username="jonas", first_name="Jonas", last_name="Jonaitis",
                       role=Role.AGENT)
    return AgentFactory(user=user, team=rasa.team)


@pytest.fixture
def customer(db):
    return CustomerFactory(full_name="Jūratė Ąžuolaitė", email="jurate@example.lt",
                           preferred_language="lt", phone="+370 612 34567")


@pytest.fixture
def call(channels, rasa, customer):
    """Rasa's call with Jūratė: a customer she serves, so she may make promises to her."""
    return InteractionFactory(customer=customer, agent=rasa, team=rasa.team,
                              channel=channels["phone"], opened_at=NOW)
