"""GET /api/v1/customers/{id}/timeline against a fixture with one event of every kind, and
GET /api/v1/kv-bands against hand-counted bands."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from kliento.access.roles import Role
from kliento.customers.models import Customer
from kliento.interactions.models import Channel
from kliento.journeys.services import lifecycle_refresh
from kliento.notices.models import Notice
from kliento.orders.services import order_create
from kliento.organisation.calendar import local_date
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.surveys.models import Invitation, Survey
from tests.factories import (
    CustomerFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    return client


@pytest.fixture
def customer(channels):
    """One event of every kind, an hour apart, in this order."""
    customer = CustomerFactory(full_name="Jurate Azuolaite", external_id="C-1")
    manager = UserFactory(username="rasa")
    interaction = InteractionFactory(customer=customer, opened_at=at(0), kind="complaint",
                                     text="Sofa atvežta ne ta spalva")
    SurveyResponseFactory(customer=customer, responded_at=at(1), nps=4,
                          comment="Labai nusivyliau")
    promise = PromiseFactory(customer=customer, promised_at=at(2), due_at=at(30),
                             description="Atvežti pilką sofą", interaction=interaction)
    case = RecoveryCase.objects.create(
        customer=customer, trigger="complaint", interaction=interaction, opened_at=at(3),
        opened_on=local_date(at(3)), due_at=at(6), listening_notes="Spalva ne ta")
    CompensationGrant.objects.create(case=case, granted_by=manager, amount=Decimal("15.00"),
                                     kind="discount", reason="Už nepatogumus",
                                     created_at=at(4))
    survey = Survey.objects.create(name="Po pristatymo")
    Invitation.objects.create(survey=survey, customer=customer, channel=Channel.objects.get(
        code="email"), delivery="email", language="lt", token_digest="d" * 64,
        created_at=at(5), expires_at=at(500))
    Notice.objects.create(recipient=manager, kind="promise_reminder", promise=promise,
                          subject="Pažadas baigiasi rytoj", created_at=at(6))
    order_create(external_id="O-1", customer=customer, ordered_at=at(7),
                 amount=Decimal("499.00"), items="Pilka sofa")
    # Someone else's events never appear.
    InteractionFactory(customer=CustomerFactory(full_name="Kitas"), opened_at=at(8))
    # The name as the customer corrects it: with its letters.
    customer.full_name = "Jūratė Ąžuolaitė"
    customer.save()
    return customer


def test_the_timeline_holds_every_kind_of_event_newest_first(manager, customer):
    body = manager.get(f"/api/v1/customers/{customer.pk}/timeline").json()
    assert body["count"] == 8
    assert [(e["kind"], e["label"], e["text"]) for e in body["items"]] == [
        ("order", "EUR", "Pilka sofa"),
        ("notice", "promise_reminder", "Pažadas baigiasi rytoj"),
        ("invitation", "email", "Po pristatymo"),
        ("grant", "discount", "Už nepatogumus"),
        ("case", "open", "Spalva ne ta"),
        ("promise", "open", "Atvežti pilką sofą"),
        ("response", "4", "Labai nusivyliau"),
        ("interaction", "complaint", "Sofa atvežta ne ta spalva"),
    ]
    assert [e["score"] for e in body["items"][:2]] == [499.0, None]
    assert datetime.fromisoformat(body["items"][-1]["at"]) == at(0)


def test_the_timeline_pages(manager, customer):
    page = manager.get(f"/api/v1/customers/{customer.pk}/timeline?limit=3&offset=3").json()
    assert [e["kind"] for e in page["items"]] == ["grant", "case", "promise"]
    assert page["count"] == 8
    assert manager.get(f"/api/v1/customers/{customer.pk}/timeline?limit=0").status_code == 422


def test_scores_segment_and_the_name_with_its_corrections(manager, customer):
    lifecycle_refresh(at(10))
    body = manager.get(f"/api/v1/customers/{customer.pk}/timeline").json()
    assert body["full_name"] == "Jūratė Ąžuolaitė"
    assert [n["full_name"] for n in body["name_history"]] == ["Jurate Azuolaite",
                                                              "Jūratė Ąžuolaitė"]
    assert (body["last_nps"], body["nps_class"]) == (4, "detractor")
    assert body["segment"] == "at_risk"  # a detractor with an open case
    assert (Decimal(body["spend"]), body["orders"]) == (Decimal("499.00"), 1)


def test_an_agent_who_never_served_the_customer_gets_404(client, customer):
    client.force_login(UserFactory(username="agent", role=Role.AGENT))
    assert client.get(f"/api/v1/customers/{customer.pk}/timeline").status_code == 404
    missing = Customer.objects.order_by("-pk").first().pk + 1
    client.force_login(UserFactory(username="boss", role=Role.MANAGER))
    assert client.get(f"/api/v1/customers/{missing}/timeline").status_code == 404


def test_kv_bands_by_month(manager, channels):
    touchpoint = TouchpointFactory()
    for experience, expectation, day in ((6, 8, 3), (8, 8, 4), (9, 6, 5), (9, 8, 6)):
        SurveyResponseFactory(responded_at=datetime(2026, 10, day, 12, tzinfo=UTC),
                              experience=experience, expectation=expectation,
                              touchpoint=touchpoint)
    SurveyResponseFactory(responded_at=datetime(2026, 11, 3, 12, tzinfo=UTC), experience=4,
                          expectation=8)
    rows = manager.get("/api/v1/kv-bands?start=2026-10-01&end=2026-11-30").json()
    october, november = rows
    assert (october["n"], october["disappointed"], october["satisfied"],
            october["delighted"]) == (4, 0.25, 0.25, 0.5)
    assert october["expectation"] == pytest.approx(7.5)
    assert october["kv"] == pytest.approx((6 / 8 + 1 + 9 / 6 + 9 / 8) / 4)
    assert (november["n"], november["kv"]) == (1, 0.5)
    only = manager.get(f"/api/v1/kv-bands?start=2026-10-01&end=2026-11-30"
                       f"&touchpoint_id={touchpoint.pk}").json()
    assert [row["n"] for row in only] == [4]
    assert manager.get("/api/v1/kv-bands?start=2026-11-30&end=2026-10-01").status_code == 422
