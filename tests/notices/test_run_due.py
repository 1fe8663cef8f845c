"""`kliento jobs run-due`, the tasks around the sweeps, and the database worker's schedule."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kliento.jobs import services as job_services
from kliento.jobs.scheduler import periodic_sweeps_enqueue
from kliento.jobs.tasks import run_periodic_sweeps
from kliento.notices.models import Notice
from kliento.notices.tasks import send_promise_escalations, send_promise_reminders
from kliento.promises.services import promise_close
from kliento.surveys.services import survey_create
from tests.factories import AgentFactory, CustomerFactory, PromiseFactory, TeamFactory, UserFactory

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def due_work(channels):
    """One promise due within the hour, one overdue, one kept this morning (whose customer a
    survey asks after it closes)."""
    lead = UserFactory(username="lead", email="lead@example.lt")
    owner = AgentFactory(user=UserFactory(username="owner", email="owner@example.lt"),
                         team=TeamFactory(lead=lead))
    PromiseFactory(owner=owner, due_at=NOW + timedelta(minutes=45))
    PromiseFactory(owner=owner, due_at=NOW - timedelta(minutes=5))
    kept = PromiseFactory(owner=owner, due_at=NOW - timedelta(hours=2),
                          customer=CustomerFactory(email="jurate@example.lt"))
    promise_close(kept, done_at=NOW - timedelta(hours=3))
    survey_create(name="Po pažado", blocks=["nps"], trigger="promise_closed")


@time_machine.travel(NOW, tick=False)
def test_run_due_sends_what_is_due_and_nothing_twice(due_work, capsys):
    call_command("jobs", "run-due")
    assert capsys.readouterr().out == (
        "1 promise reminders, 1 promise escalations, 0 handover escalations, "
        "1 survey invitations, 0 webhook deliveries sent; 0 recovery cases opened, "
        "0 recovery reminders, 0 recovery escalations; 0 rollup rows stored.\n")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "jurate@example.lt", "lead@example.lt", "owner@example.lt"]

    call_command("jobs", "run-due")
    assert capsys.readouterr().out == (
        "0 promise reminders, 0 promise escalations, 0 handover escalations, "
        "0 survey invitations, 0 webhook deliveries sent; 0 recovery cases opened, "
        "0 recovery reminders, 0 recovery escalations; 0 rollup rows stored.\n")
    assert len(mail.outbox) == 3 and Notice.objects.count() == 2


@time_machine.travel(NOW, tick=False)
def test_a_failing_sweep_does_not_stop_the_others(due_work, monkeypatch):
    def broken(*, now):
        raise RuntimeError("surveys are broken")

    monkeypatch.setattr(job_services, "invitations_for_recent_events", broken)
    with pytest.raises(RuntimeError, match="surveys are broken"):
        job_services.run_due_jobs()
    assert Notice.objects.count() == 2


@time_machine.travel(NOW, tick=False)
def test_the_tasks_call_the_services(due_work, settings):
    settings.TASKS = IMMEDIATE
    assert send_promise_reminders.enqueue().return_value == 1
    assert send_promise_escalations.enqueue().return_value == 1
    assert run_periodic_sweeps.enqueue().return_value == {
        "promise_reminders": 0, "promise_escalations": 0, "promise_handover_escalations": 0,
        "survey_invitations": 1, "webhook_deliveries": 0, "recovery_cases_opened": 0,
        "recovery_reminders": 0, "recovery_escalations": 0, "rollup_rows": 0,
        "topic_texts_placed": 0, "retention_removed": 0, "lifecycle_customers_placed": 3,
        # 1 June 2026 is the first working day of both, but nobody here holds a manager's
        # permissions (the report's owners) or keeps an alert: nothing to send.
        "monthly_reports_sent": 0, "alert_digests_sent": 0,
        "provisional_day_rows": 0,  # no contact in the days before today
        "shared_parts_prepared": 0}  # no rollups filled: the pages compute everything live


@pytest.mark.django_db
def test_the_schedule_keeps_one_sweep_waiting_and_prunes_old_ones():
    assert periodic_sweeps_enqueue() is True
    assert periodic_sweeps_enqueue() is False  # the worker has not taken the first one yet
    waiting = DBTaskResult.objects.get()
    assert waiting.task_path == "kliento.jobs.tasks.run_periodic_sweeps"
    assert waiting.status == TaskResultStatus.READY

    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL, finished_at=two_days_ago)
    assert periodic_sweeps_enqueue() is True
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY  # the old one is gone
