"""Reminders before a promise falls due, escalations after: sent once, to the right person,
at the right time (time-machine moves the clock; the services read it themselves)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from kliento.notices import services as notice_services
from kliento.notices.models import Notice
from kliento.notices.promise_reminders import promise_escalations_send, promise_reminders_send
from kliento.promises.models import Promise
from kliento.promises.services import promise_close
from tests.factories import AgentFactory, CustomerFactory, PromiseFactory, TeamFactory, UserFactory

DUE = datetime(2026, 6, 1, 13, 0, tzinfo=UTC)  # 16:00 in Vilnius


@pytest.fixture
def lead(db):
    return UserFactory(username="vadove", first_name="Dalia", last_name="Vadovė",
                       email="dalia@example.lt")


@pytest.fixture
def owner(lead):
    user = UserFactory(username="rasa", first_name="Rasa", last_name="Petraitė",
                       email="rasa@example.lt")
    return AgentFactory(user=user, team=TeamFactory(lead=lead))


@pytest.fixture
def promise(owner):
    return PromiseFactory(owner=owner, due_at=DUE, description="Paskambinti dėl grąžinimo",
                          customer=CustomerFactory(full_name="Jūratė Ąžuolaitė"))


def reminders() -> list[Notice]:
    return list(Notice.objects.filter(kind=Notice.Kind.PROMISE_REMINDER))


def escalations() -> list[Notice]:
    return list(Notice.objects.filter(kind=Notice.Kind.PROMISE_ESCALATION))


@time_machine.travel(datetime(2026, 6, 1, 10, 59, tzinfo=UTC), tick=False)
def test_no_reminder_before_the_lead_time(promise):
    assert promise_reminders_send() == 0
    assert reminders() == [] and mail.outbox == []


def test_the_owner_is_reminded_once_within_the_lead_time(promise):
    with time_machine.travel(datetime(2026, 6, 1, 11, 0, tzinfo=UTC), tick=False):
        assert promise_reminders_send() == 1
    [notice] = reminders()
    assert notice.recipient == promise.owner.user
    assert notice.promise == promise
    assert notice.created_at == notice.emailed_at == datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
    assert notice.read_at is None
    assert "Jūratė Ąžuolaitė" in notice.subject
    assert "Paskambinti dėl grąžinimo" in notice.body
    [message] = mail.outbox
    assert message.to == ["rasa@example.lt"]
    assert (message.subject, message.body) == (notice.subject, notice.body)

    for minute in (1, 30, 59):  # the sweep runs every minute until the promise is due
        with time_machine.travel(datetime(2026, 6, 1, 12, minute, tzinfo=UTC), tick=False):
            assert promise_reminders_send() == 0
    assert len(reminders()) == 1 and len(mail.outbox) == 1


def test_the_lead_time_is_a_setting(promise, settings):
    settings.KLIENTO_PROMISE_REMINDER_LEAD_MINUTES = 30
    assert promise_reminders_send(datetime(2026, 6, 1, 12, 29, tzinfo=UTC)) == 0
    assert promise_reminders_send(datetime(2026, 6, 1, 12, 30, tzinfo=UTC)) == 1


def test_no_reminder_once_due_kept_or_without_owner(promise, owner):
    promise_close(PromiseFactory(owner=owner, due_at=DUE), done_at=datetime(2026, 6, 1, 10, 0,
                                                                            tzinfo=UTC))
    PromiseFactory(owner=None, due_at=DUE)
    assert promise_reminders_send(DUE) == 0  # due now: too late for a reminder
    assert promise_reminders_send(datetime(2026, 6, 1, 12, 0, tzinfo=UTC)) == 1
    assert [notice.promise for notice in reminders()] == [promise]


def test_a_promise_closed_while_the_sweep_runs_is_not_reminded(promise, monkeypatch):
    """The sweep reads its list once, then sends one e-mail after another: a promise kept
    meanwhile must not be reminded."""
    original = notice_services.send_mail
    later = PromiseFactory(owner=promise.owner, due_at=DUE.replace(minute=30))

    def send_and_close_the_other(**message):
        Promise.objects.filter(pk=later.pk).update(status=Promise.Status.KEPT, kept_at=DUE)
        return original(**message)

    monkeypatch.setattr(notice_services, "send_mail", send_and_close_the_other)
    assert promise_reminders_send(datetime(2026, 6, 1, 12, 0, tzinfo=UTC)) == 1
    assert [notice.promise for notice in reminders()] == [promise]


def test_a_failed_e_mail_leaves_no_notice_and_the_next_sweep_sends_it(promise, owner,
                                                                     monkeypatch):
    other = PromiseFactory(owner=AgentFactory(user=UserFactory(email="jonas@example.lt")),
                           due_at=DUE)
    original = notice_services.send_mail

    def refuse_rasa(**message):
        if message["recipient_list"] == ["rasa@example.lt"]:
            raise ConnectionRefusedError("the mail server is down")
        return original(**message)

    monkeypatch.setattr(notice_services, "send_mail", refuse_rasa)
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    assert promise_reminders_send(now) == 1  # one failure does not hold the others up
    assert [notice.promise for notice in reminders()] == [other]

    monkeypatch.setattr(notice_services, "send_mail", original)
    assert promise_reminders_send(now) == 1
    assert {notice.promise for notice in reminders()} == {promise, other}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "jonas@example.lt", "rasa@example.lt"]


def test_an_owner_without_an_address_gets_the_notice_only(promise):
    promise.owner.user.email = ""
    promise.owner.user.save()
    assert promise_reminders_send(datetime(2026, 6, 1, 12, 0, tzinfo=UTC)) == 1
    [notice] = reminders()
    assert notice.emailed_at is None and mail.outbox == []


@time_machine.travel(datetime(2026, 6, 1, 12, 59, tzinfo=UTC), tick=False)
def test_no_escalation_before_the_due_time(promise):
    assert promise_escalations_send() == 0
    assert escalations() == []


def test_the_team_lead_hears_once_when_the_due_time_passes(promise, lead):
    with time_machine.travel(DUE, tick=False):
        assert promise_escalations_send() == 1
    [notice] = escalations()
    assert (notice.recipient, notice.promise) == (lead, promise)
    assert "Rasa Petraitė" in notice.subject and "Jūratė Ąžuolaitė" in notice.subject
    [message] = mail.outbox
    assert message.to == ["dalia@example.lt"]

    for hour in (14, 18, 23):
        with time_machine.travel(DUE.replace(hour=hour), tick=False):
            assert promise_escalations_send() == 0
    assert len(escalations()) == 1 and len(mail.outbox) == 1
    assert reminders() == []  # the reminder's time had passed unseen: no late reminder


def test_no_escalation_when_kept_or_nobody_leads(promise, owner):
    promise_close(promise, done_at=DUE.replace(hour=12))
    PromiseFactory(owner=AgentFactory(team=TeamFactory(lead=None)), due_at=DUE)
    PromiseFactory(owner=AgentFactory(team=None, location=None), due_at=DUE)
    PromiseFactory(owner=None, due_at=DUE)
    assert promise_escalations_send(DUE.replace(hour=15)) == 0
    assert escalations() == [] and mail.outbox == []


def test_reminder_then_escalation_make_one_of_each(promise, owner, lead):
    """The day of a promise nobody keeps: a reminder to its owner, then its escalation."""
    for hour, minute in [(10, 0), (11, 30), (12, 0), (12, 59), (13, 0), (13, 1), (17, 0)]:
        now = datetime(2026, 6, 1, hour, minute, tzinfo=UTC)
        promise_reminders_send(now)
        promise_escalations_send(now)
    assert [(n.kind, n.recipient) for n in Notice.objects.order_by("created_at")] == [
        (Notice.Kind.PROMISE_REMINDER, owner.user), (Notice.Kind.PROMISE_ESCALATION, lead)]
    assert [message.to for message in mail.outbox] == [["rasa@example.lt"],
                                                       ["dalia@example.lt"]]
