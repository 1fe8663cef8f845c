"""``recovery_case.opened`` is announced once per case, however many sweeps find the signal."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction

from kliento.recovery.models import RecoveryCase
from kliento.recovery.sweeps import recovery_cases_open_for_new_signals
from kliento.webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from tests.factories import InteractionFactory
from tests.recovery.conftest import NOW

COMPLAINTS = 3


def complaints_and_a_listener():
    WebhookEndpoint.objects.create(url="http://example.invalid/",
                                   events=[Event.RECOVERY_CASE_OPENED])
    for hours in range(1, COMPLAINTS + 1):
        InteractionFactory(kind="complaint", opened_at=NOW - timedelta(hours=hours))


def announced_cases() -> list[int]:
    return sorted(WebhookDelivery.objects.filter(event=Event.RECOVERY_CASE_OPENED)
                  .values_list("payload__recovery_case", flat=True))


@pytest.mark.django_db
def test_a_second_sweep_does_not_announce_a_case_again(channels):
    complaints_and_a_listener()
    assert recovery_cases_open_for_new_signals(now=NOW) == COMPLAINTS
    assert recovery_cases_open_for_new_signals(now=NOW) == 0
    assert announced_cases() == sorted(RecoveryCase.objects.values_list("pk", flat=True))
    assert len(announced_cases()) == COMPLAINTS


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_do_not_announce_a_case_twice(channels):
    """The first sweep stores and announces the cases but has not committed when the second
    one looks: the second finds the same signals without a case, waits on the first's rows,
    stores nothing — and must announce nothing either."""
    complaints_and_a_listener()
    first_stored = threading.Event()
    found = {}

    def first():
        try:
            with transaction.atomic():
                found["first"] = recovery_cases_open_for_new_signals(now=NOW)
                first_stored.set()
                time.sleep(0.5)  # the second sweep reaches the same rows meanwhile
        finally:
            connection.close()

    def second():
        try:
            first_stored.wait(timeout=10)
            found["second"] = recovery_cases_open_for_new_signals(now=NOW)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # Both found every signal without a case: the race did happen.
    assert found == {"first": COMPLAINTS, "second": COMPLAINTS}
    assert RecoveryCase.objects.count() == COMPLAINTS
    assert announced_cases() == sorted(RecoveryCase.objects.values_list("pk", flat=True))
