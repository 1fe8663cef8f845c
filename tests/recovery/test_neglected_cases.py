"""No recovery case left neglected: a case nobody contacted by its due time reminds its
owner, then ``KLIENTO_RECOVERY_ESCALATION_HOURS`` later escalates to the owner's team lead,
once each; a contact made in time stops both (time-machine moves the clock)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from kliento.notices.models import Notice
from kliento.notices.recovery_reminders import recovery_escalations_send, recovery_reminders_send
from kliento.recovery.models import RecoveryCase
from kliento.recovery.protocol import recovery_case_listen, recovery_case_open
from tests.factories import CustomerFactory, SurveyResponseFactory
from tests.recovery.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(agent, lead) -> RecoveryCase:
    agent.user.email, lead.email = "rasa@example.lt", "ona@example.lt"
    agent.user.save()
    lead.save()
    response = SurveyResponseFactory(customer=CustomerFactory(full_name="Līga Bērziņa"), nps=2,
                                     responded_at=NOW)
    return recovery_case_open(customer=response.customer, survey_response=response,
                              assignee=agent.user, now=NOW)


def kinds() -> list[tuple[str, str]]:
    return sorted(Notice.objects.values_list("kind", "recipient__username"))


def sweep() -> tuple[int, int]:
    return recovery_reminders_send(), recovery_escalations_send()


def test_reminder_at_the_due_time_then_escalation_once_each(case, settings):
    settings.KLIENTO_RECOVERY_ESCALATION_HOURS = 24
    with time_machine.travel(case.due_at - timedelta(minutes=1), tick=False):
        assert sweep() == (0, 0)
    with time_machine.travel(case.due_at, tick=False):
        assert sweep() == (1, 0)
        assert sweep() == (0, 0)
    with time_machine.travel(case.due_at + timedelta(hours=23, minutes=59), tick=False):
        assert sweep() == (0, 0)
    with time_machine.travel(case.due_at + timedelta(hours=24), tick=False):
        assert sweep() == (0, 1)
    with time_machine.travel(case.due_at + timedelta(days=5), tick=False):
        assert sweep() == (0, 0)
    assert kinds() == [("recovery_escalation", "vadove"), ("recovery_reminder", "rasa")]
    assert [message.to for message in mail.outbox] == [["rasa@example.lt"], ["ona@example.lt"]]
    assert all("Līga Bērziņa" in message.subject for message in mail.outbox)
    assert set(Notice.objects.values_list("recovery_case", flat=True)) == {case.pk}


def test_a_contacted_case_is_neither_reminded_nor_escalated(case):
    recovery_case_listen(case, notes="Paskambinome.", now=case.due_at - timedelta(minutes=5))
    with time_machine.travel(case.due_at + timedelta(days=3), tick=False):
        assert sweep() == (0, 0)
    assert kinds() == []


def test_contact_after_the_reminder_stops_the_escalation(case):
    with time_machine.travel(case.due_at, tick=False):
        assert sweep() == (1, 0)
    recovery_case_listen(case, notes="Paskambinome.", now=case.due_at + timedelta(hours=2))
    with time_machine.travel(case.due_at + timedelta(days=3), tick=False):
        assert sweep() == (0, 0)
    assert kinds() == [("recovery_reminder", "rasa")]


def test_an_unassigned_case_has_nobody_to_remind(lead):
    response = SurveyResponseFactory(customer=CustomerFactory(), nps=1, responded_at=NOW)
    case = recovery_case_open(customer=response.customer, survey_response=response, now=NOW)
    assert case.assignee is None
    with time_machine.travel(case.due_at + timedelta(days=3), tick=False):
        assert sweep() == (0, 0)
