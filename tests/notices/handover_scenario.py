"""Data for the worker escalation tests, written by a process of its own against the worker's
database:

    python -m tests.notices.handover_scenario

adds a promise handed over five hours ago and not acknowledged (one handover escalation
due), one acknowledged (none), a recovery case whose first contact was due 30 hours ago
(a reminder and an escalation), one due an hour ago (a reminder) and one contacted (none).
"""

from datetime import timedelta

import django

EXPECTED = {"promise_handover_escalation": 1, "recovery_reminder": 2,
            "recovery_escalation": 1}


def main() -> None:
    django.setup()
    from django.utils import timezone

    from kliento.promises.services import promise_acknowledge, promise_create
    from kliento.recovery.models import RecoveryCase
    from kliento.recovery.protocol import recovery_case_listen, recovery_case_open
    from tests.factories import AgentFactory, CustomerFactory, TeamFactory, UserFactory

    now = timezone.now()
    lead = UserFactory(username="lead", email="lead@example.lt")
    team = TeamFactory(lead=lead)
    maker = AgentFactory(user=UserFactory(username="maker", email="maker@example.lt"),
                         team=team)
    keeper = AgentFactory(user=UserFactory(username="keeper", email="keeper@example.lt"),
                          team=team)
    for acknowledged in (False, True):
        promise = promise_create(customer=CustomerFactory(), kind="callback",
                                 description="handed over", due_at=now + timedelta(days=2),
                                 owner=keeper, created_by=maker.user, notify_customer=False,
                                 now=now - timedelta(hours=5))
        if acknowledged:
            promise_acknowledge(promise, by=keeper.user, now=now - timedelta(hours=4))
    for due_ago, contacted in ((timedelta(hours=30), False), (timedelta(hours=1), False),
                               (timedelta(hours=30), True)):
        opened = now - due_ago - timedelta(hours=24)
        case = recovery_case_open(customer=CustomerFactory(), assignee=keeper.user, now=opened)
        RecoveryCase.objects.filter(pk=case.pk).update(due_at=now - due_ago)
        if contacted:
            recovery_case_listen(case, notes="Paskambinome.", now=opened + timedelta(hours=1))


if __name__ == "__main__":
    main()
