"""A phone channel with three weeks of contacts, a lunch peak at 12:00–13:00 on weekdays,
agents and a roster: the staffing plan built from the same services the product uses."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from kliento.access.roles import Role
from kliento.access.services import user_role_assign
from kliento.workforce.models import ServiceTarget
from kliento.workforce.services import roster_entry_add, shift_create
from tests.factories import AgentFactory, CustomerFactory, InteractionFactory, UserFactory

WEEK = date(2026, 6, 15)  # a Monday
HISTORY_START = WEEK - timedelta(weeks=3)


def _local(day: date, hour: int, minute: int) -> datetime:
    # Vilnius is UTC+3 in June.
    return datetime(day.year, day.month, day.day, hour - 3, minute, tzinfo=UTC)


@pytest.fixture
def history(channels):
    """Each weekday of three weeks: 4 calls between 09:00 and 10:00, 12 at 12:00–13:00;
    answered after 30 s and handled in 240 s."""
    customer = CustomerFactory()
    for offset in range(21):
        day = HISTORY_START + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for hour, count in ((9, 4), (12, 12)):
            for i in range(count):
                opened = _local(day, hour, i * 60 // count)
                InteractionFactory(customer=customer, channel=channels["phone"],
                                   opened_at=opened,
                                   first_response_at=opened + timedelta(seconds=30),
                                   resolved_at=opened + timedelta(seconds=270))
    return channels


@pytest.fixture
def sparse_chat(channels):
    """Three weeks of a chat with two contacts each weekday, at hours that move from day to
    day between 09:00 and 17:00: ten a week, no interval with a contact more than once."""
    customer = CustomerFactory()
    for offset in range(21):
        day = HISTORY_START + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for hour in (9 + (offset * 3) % 8, 13 + offset % 4):
            opened = _local(day, hour, 10)
            InteractionFactory(customer=customer, channel=channels["chat"], opened_at=opened,
                               first_response_at=opened + timedelta(seconds=40),
                               resolved_at=opened + timedelta(seconds=400))
    return channels


@pytest.fixture
def roster(history):
    agents = [AgentFactory(user=UserFactory(username=f"agentas-{i}")) for i in range(2)]
    early = shift_create(name="Early", starts_at=time(8), ends_at=time(16, 30))
    for offset in range(7):
        for agent in agents:
            roster_entry_add(day=WEEK + timedelta(days=offset), agent=agent, shift=early,
                             channel=history["phone"])
    return agents


@pytest.fixture
def planner(db):
    user = UserFactory(username="planuotoja")
    user_role_assign(user, Role.MANAGER)
    return user


@pytest.fixture
def daily_emails(channels):
    """Three weeks of e-mail, ten every day between 09:00 and 10:00 (70 a week), each
    handled in 6 minutes, with a 24 h answer target; one agent on e-mail 08:00–16:30."""
    customer = CustomerFactory()
    for offset in range(21):
        day = HISTORY_START + timedelta(days=offset)
        for i in range(10):
            opened = _local(day, 9, i * 6)
            InteractionFactory(customer=customer, channel=channels["email"], opened_at=opened,
                               first_response_at=opened + timedelta(minutes=30),
                               resolved_at=opened + timedelta(minutes=36))
    ServiceTarget.objects.create(channel=channels["email"], answer_within_seconds=24 * 3600)
    agent = AgentFactory(user=UserFactory(username="rasytoja"))
    early = shift_create(name="E-mail day", starts_at=time(8), ends_at=time(16, 30))
    for offset in range(7):
        roster_entry_add(day=WEEK + timedelta(days=offset), agent=agent, shift=early,
                         channel=channels["email"])
    return channels
