"""A line break in a customer's name cannot break a reminder e-mail, and a notice whose e-mail
cannot be sent is marked failed once, with the reason, instead of failing every sweep."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from kliento.customers.models import Customer
from kliento.notices.models import Notice
from kliento.notices.promise_reminders import promise_reminders_send
from tests.factories import AgentFactory, CustomerFactory, PromiseFactory, UserFactory

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
NAME = "Jūratė\r\nBcc: everyone@example.com\nĄžuolaitė"

pytestmark = pytest.mark.django_db


def due_promise(email="owner@example.lt", full_name="Jūratė Ąžuolaitė"):
    owner = AgentFactory(user=UserFactory(username="owner", email=email))
    return PromiseFactory(owner=owner, due_at=NOW + timedelta(minutes=45),
                          customer=CustomerFactory(full_name=full_name))


def test_a_line_break_in_a_customers_name_cannot_break_the_reminder_e_mail(channels):
    due_promise(full_name=NAME)
    assert promise_reminders_send(now=NOW) == 1
    [message] = mail.outbox
    assert message.subject.startswith("Promise to Jūratė Bcc: everyone@example.com Ąžuolaitė")
    assert message.recipients() == ["owner@example.lt"]  # no header was added
    assert "\n" not in message.message()["Subject"] and "Bcc" not in message.message()
    assert Customer.objects.get().full_name == NAME  # the name is kept as written
    notice = Notice.objects.get()
    assert (notice.emailed_at, notice.email_failed_at) == (NOW, None)


def test_a_notice_that_cannot_be_sent_is_marked_failed_once_with_the_reason(channels):
    due_promise(email="owner@example.lt\nBcc: everyone@example.com")
    assert promise_reminders_send(now=NOW) == 1
    assert mail.outbox == []
    notice = Notice.objects.get()
    assert (notice.emailed_at, notice.email_failed_at) == (None, NOW)
    assert "carriage return" in notice.email_error
    # The next sweeps neither try again nor fail again: the notice is there, marked.
    assert promise_reminders_send(now=NOW + timedelta(minutes=1)) == 0
    assert Notice.objects.count() == 1 and mail.outbox == []
