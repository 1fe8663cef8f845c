"""A small organisation and a three-behaviour standard whose scores can be counted by hand."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from kliento.audits.models import ServiceStandard, StandardCriterion
from kliento.audits.services import audit_record
from kliento.organisation.models import Agent, Location, Team
from tests.factories import (
    AgentFactory,
    LocationFactory,
    ServiceStandardFactory,
    StandardCriterionFactory,
    TeamFactory,
    UserFactory,
)

JUNE = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)  # Wednesday of the week starting Mon 8 June


@dataclass
class Org:
    vilnius: Location
    kaunas: Location
    sales: Team
    service: Team
    ona: Agent
    petras: Agent
    lina: Agent


@pytest.fixture
def org(db) -> Org:
    vilnius = LocationFactory(name="Vilnius – Akropolis", city="Vilnius")
    kaunas = LocationFactory(name="Kaunas – Mega", city="Kaunas")
    sales, service = TeamFactory(name="Pardavimai", location=vilnius), TeamFactory(
        name="Servisas", location=kaunas)
    return Org(
        vilnius, kaunas, sales, service,
        ona=AgentFactory(user=UserFactory(username="ona", first_name="Ona",
                                          last_name="Žukauskaitė"), team=sales),
        petras=AgentFactory(user=UserFactory(username="petras", first_name="Petras",
                                             last_name="Šimkus"), team=sales),
        lina=AgentFactory(user=UserFactory(username="lina", first_name="Lina",
                                           last_name="Čepulė"), team=service),
    )


@pytest.fixture
def standard(db) -> ServiceStandard:
    """Listening weighs 2; asking and closing weigh 1; closing is not checked in e-mails."""
    standard = ServiceStandardFactory(name="Bandomasis standartas")
    StandardCriterionFactory(standard=standard, position=1, weight=2, text_en="Listened")
    StandardCriterionFactory(standard=standard, position=2, weight=1, text_en="Asked")
    StandardCriterionFactory(standard=standard, position=3, weight=1, text_en="Closed",
                             for_emails=False)
    return standard


@pytest.fixture
def auditor(db):
    return UserFactory(username="slaptas-pirkejas", first_name="Ieva",
                       last_name="Kazlauskienė")


def criteria(standard: ServiceStandard) -> list[StandardCriterion]:
    return list(standard.criteria.order_by("position"))


@pytest.fixture
def record(standard, auditor):
    """Record a visit with answers given in the standard's order: record(agent, True, …)."""

    def record_visit(agent: Agent, *met: bool, at: datetime = JUNE, **fields):
        return audit_record(
            standard=standard, auditor=auditor, kind="visit", agent=agent, audited_at=at,
            checks={c.pk: answer for c, answer in zip(criteria(standard), met, strict=True)},
            **fields,
        )

    return record_visit
