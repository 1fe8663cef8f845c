"""Background jobs for promises (django.tasks: the database worker or Celery, the same code).
Thin wrappers: the services hold the logic and are safe to run any number of times."""

from django.tasks import task

from kliento.notices.promise_reminders import (
    promise_escalations_send,
    promise_handover_escalations_send,
    promise_reminders_send,
)
from kliento.notices.recovery_reminders import recovery_escalations_send, recovery_reminders_send


@task()
def send_promise_reminders() -> int:
    return promise_reminders_send()


@task()
def send_promise_escalations() -> int:
    return promise_escalations_send()


@task()
def send_promise_handover_escalations() -> int:
    return promise_handover_escalations_send()


@task()
def send_recovery_reminders() -> int:
    return recovery_reminders_send()


@task()
def send_recovery_escalations() -> int:
    return recovery_escalations_send()
