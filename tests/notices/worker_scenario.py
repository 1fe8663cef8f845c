"""Data for the worker kill tests, written by a process of its own against the worker's
database (the test's own database is in memory or inside a transaction):

    python -m tests.notices.worker_scenario DUE_SOON OVERDUE

adds, to the already migrated database, DUE_SOON open promises due in half an hour (described
"soon") and OVERDUE ones due an hour ago ("overdue"), owned by one agent whose team has a lead.
"""

import sys
from datetime import timedelta

import django


def main(due_soon: int, overdue: int) -> None:
    django.setup()
    from django.utils import timezone

    from tests.factories import AgentFactory, PromiseFactory, TeamFactory, UserFactory

    now = timezone.now()
    lead = UserFactory(username="lead", email="lead@example.lt")
    owner = AgentFactory(user=UserFactory(username="owner", email="owner@example.lt"),
                         team=TeamFactory(lead=lead))
    for description, count, due_at in [("soon", due_soon, now + timedelta(minutes=30)),
                                       ("overdue", overdue, now - timedelta(hours=1))]:
        for _ in range(count):
            PromiseFactory(owner=owner, description=description,
                           promised_at=now - timedelta(days=1), due_at=due_at)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
