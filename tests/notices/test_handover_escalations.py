"""A promise made by one person and owned by another: the new owner acknowledges it, and an
unacknowledged one escalates to their team lead once, ``KLIENTO_PROMISE_HANDOVER_ACK_HOURS``
after the handover (time-machine moves the clock; the services read it themselves)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from kliento.access.roles import Role
from kliento.notices.models import Notice
from kliento.notices.promise_reminders import promise_handover_escalations_send
from kliento.promises.models import Promise
from kliento.promises.services import promise_acknowledge, promise_create, promise_update
from tests.factories import AgentFactory, CustomerFactory, TeamFactory, UserFactory

MADE = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DUE = MADE + timedelta(days=2)


@pytest.fixture
def lead(db):
    return UserFactory(username="vadove", first_name="Dalia", last_name="Vadovė",
                       email="dalia@example.lt", role=Role.TEAM_LEAD)


@pytest.fixture
def team(lead):
    return TeamFactory(lead=lead)


@pytest.fixture
def maker(team):
    """Rasa takes the call and makes the promise."""
    return AgentFactory(user=UserFactory(username="rasa", first_name="Rasa",
                                         email="rasa@example.lt", role=Role.AGENT), team=team)


@pytest.fixture
def keeper(team):
    """Tomas is to keep it."""
    return AgentFactory(user=UserFactory(username="tomas", first_name="Tomas",
                                         last_name="Žukauskas", email="tomas@example.lt",
                                         role=Role.AGENT), team=team)


def make(owner, by, at=MADE) -> Promise:
    return promise_create(customer=CustomerFactory(full_name="Jūratė Ąžuolaitė"),
                          kind="callback", description="Paskambinti dėl grąžinimo",
                          due_at=DUE, owner=owner, created_by=by.user, now=at,
                          notify_customer=False)


def escalations() -> list[Notice]:
    return list(Notice.objects.filter(kind=Notice.Kind.PROMISE_HANDOVER_ESCALATION))


def test_a_promise_kept_by_its_maker_needs_no_acknowledgement(maker):
    promise = make(maker, maker)
    assert promise.handed_over_at is None
    with time_machine.travel(MADE + timedelta(days=1), tick=False):
        assert promise_handover_escalations_send() == 0
    with pytest.raises(ValidationError, match="not handed over"):
        promise_acknowledge(promise, by=maker.user)


def test_an_unacknowledged_handover_escalates_to_the_lead_exactly_once(maker, keeper, lead,
                                                                        settings):
    settings.KLIENTO_PROMISE_HANDOVER_ACK_HOURS = 4
    promise = make(keeper, maker)
    assert promise.handed_over_at == MADE and promise.acknowledged_at is None

    with time_machine.travel(MADE + timedelta(hours=3, minutes=59), tick=False):
        assert promise_handover_escalations_send() == 0
    with time_machine.travel(MADE + timedelta(hours=4), tick=False):
        assert promise_handover_escalations_send() == 1
        assert promise_handover_escalations_send() == 0  # again at once: nothing new
    with time_machine.travel(MADE + timedelta(hours=30), tick=False):
        assert promise_handover_escalations_send() == 0  # a day later: still once

    [notice] = escalations()
    assert (notice.recipient, notice.promise) == (lead, promise)
    assert notice.created_at == MADE + timedelta(hours=4)
    assert "Jūratė Ąžuolaitė" in notice.subject and "Tomas Žukauskas" in notice.subject
    assert [message.to for message in mail.outbox] == [["dalia@example.lt"]]


def test_an_acknowledged_handover_does_not_escalate(maker, keeper):
    promise = make(keeper, maker)
    with time_machine.travel(MADE + timedelta(hours=1), tick=False):
        promise_acknowledge(promise, by=keeper.user)
        # Pressing the button twice keeps the first time.
        promise_acknowledge(promise, by=keeper.user,
                            now=MADE + timedelta(hours=2))
    assert Promise.objects.get().acknowledged_at == MADE + timedelta(hours=1)
    with time_machine.travel(MADE + timedelta(hours=10), tick=False):
        assert promise_handover_escalations_send() == 0
    assert escalations() == [] and mail.outbox == []


def test_only_the_new_owner_acknowledges(maker, keeper, lead):
    promise = make(keeper, maker)
    for someone in (maker.user, lead):
        with pytest.raises(ValidationError, match="Only the promise's owner"):
            promise_acknowledge(promise, by=someone)
    assert Promise.objects.get().acknowledged_at is None


def test_a_closed_promise_is_neither_acknowledged_nor_escalated(maker, keeper):
    promise = make(keeper, maker)
    promise_update(promise, status="kept", done_at=MADE + timedelta(hours=1),
                   now=MADE + timedelta(hours=1))
    with pytest.raises(ValidationError, match="closed already"):
        promise_acknowledge(promise, by=keeper.user)
    with time_machine.travel(MADE + timedelta(hours=10), tick=False):
        assert promise_handover_escalations_send() == 0


def test_handing_over_again_asks_the_next_owner(maker, keeper, team):
    promise = make(keeper, maker)
    promise_acknowledge(promise, by=keeper.user, now=MADE + timedelta(hours=1))
    third = AgentFactory(user=UserFactory(username="ona", role=Role.AGENT), team=team)
    moved = MADE + timedelta(hours=2)
    promise = promise_update(promise, owner=third, by=keeper.user, now=moved)
    assert (promise.handed_over_at, promise.acknowledged_at) == (moved, None)
    # Taking it on oneself is no handover.
    promise = promise_update(promise, owner=keeper, by=keeper.user,
                             now=MADE + timedelta(hours=3))
    assert (promise.handed_over_at, promise.acknowledged_at) == (None, None)


def test_without_a_team_lead_nobody_is_escalated_to(maker):
    loner = AgentFactory(user=UserFactory(username="vienas", role=Role.AGENT),
                         team=TeamFactory(lead=None))
    make(loner, maker)
    with time_machine.travel(MADE + timedelta(days=1), tick=False):
        assert promise_handover_escalations_send() == 0
