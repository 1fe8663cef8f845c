"""The new-promise page: made through promise_create, the delivery specification from its
own fields, the customer found by name, e-mail or phone within the maker's reach."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kliento.access.roles import Role
from kliento.customers.selectors import customer_search
from kliento.promises.models import Promise
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture
def desk(db, channels):
    class Desk:
        pass

    d = Desk()
    d.lead = UserFactory(username="ona-lead", role=Role.TEAM_LEAD)
    d.team = TeamFactory(name="Team A", lead=d.lead)
    d.agent = AgentFactory(user=UserFactory(username="rasa", role=Role.AGENT), team=d.team)
    d.other = AgentFactory(user=UserFactory(username="tomas", role=Role.AGENT),
                           team=TeamFactory(name="Team B"))
    d.customer = CustomerFactory(full_name="Jūratė Jonaitė", email="jurate@example.lt",
                                 phone="+370 612 34567", consents_to_promise_updates=True)
    d.stranger = CustomerFactory(full_name="Jūratė Kitokia", email="kita@example.lt")
    InteractionFactory(customer=d.customer, agent=d.agent, team=d.team,
                       opened_at=datetime(2026, 6, 1, 9, tzinfo=UTC))
    return d


def _due() -> str:
    return (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")


def test_a_delivery_is_made_with_its_specification(client, desk, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    client.force_login(desk.agent.user)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("promises:new"), {
            "customer": "jurate@example.lt", "kind": "delivery",
            "description": "Sofa pristatymas", "due_at": _due(), "owner": desk.agent.pk,
            "notify_customer": "on", "model": "Sofa Oslo", "colour": "pilka",
            "size": "3 vietų", "accessories": "pagalvėlės, kojelės"})
    assert answer.status_code == 302, answer.context["form"].errors
    promise = Promise.objects.get()
    assert (promise.customer, promise.owner, promise.created_by) == (
        desk.customer, desk.agent, desk.agent.user)
    assert promise.specification == {"model": "Sofa Oslo", "colour": "pilka",
                                     "size": "3 vietų",
                                     "accessories": ["pagalvėlės", "kojelės"]}
    assert [m.to for m in mailoutbox] == [["jurate@example.lt"]]


def test_a_partial_delivery_specification_is_refused_beside_its_field(client, desk):
    client.force_login(desk.agent.user)
    answer = client.post(reverse("promises:new"), {
        "customer": "Jonaitė", "kind": "delivery", "description": "Sofa", "due_at": _due(),
        "owner": desk.agent.pk, "colour": "pilka"})
    assert answer.status_code == 200
    assert "model" in answer.context["form"].errors
    assert not Promise.objects.exists()


def test_an_agent_cannot_give_a_promise_to_another_team(client, desk):
    client.force_login(desk.agent.user)
    answer = client.post(reverse("promises:new"), {
        "customer": "+370 612 34567", "kind": "callback", "description": "Perskambinti",
        "due_at": _due(), "owner": desk.other.pk})
    assert answer.status_code == 200
    assert "owner" in answer.context["form"].errors
    assert not Promise.objects.exists()


def test_customers_out_of_reach_are_neither_found_nor_named(client, desk):
    """Regression guard: the 'several match' error must not list strangers' e-mails."""
    client.force_login(desk.agent.user)
    answer = client.post(reverse("promises:new"), {
        "customer": "kita@example.lt", "kind": "callback", "description": "Perskambinti",
        "due_at": _due(), "owner": desk.agent.pk})
    assert "customer" in answer.context["form"].errors
    assert "Kitokia" not in str(answer.context["form"].errors)
    assert not Promise.objects.exists()


def test_customer_search_by_name_email_phone_digits_and_external_id(desk):
    assert customer_search("Jonaitė") == [desk.customer]
    assert customer_search("JURATE@example.lt") == [desk.customer]
    assert customer_search("61234567") == [desk.customer]
    assert customer_search("612-345-67") == [desk.customer]
    assert customer_search("C-404") == []
    assert set(customer_search("Jūratė")) == {desk.customer, desk.stranger}
