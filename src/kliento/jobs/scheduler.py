"""The schedule for the database backend: enqueue the periodic sweeps on a timer, beside the
worker that runs them (with Celery, beat does this)."""

import logging
import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kliento.jobs.tasks import run_periodic_sweeps

logger = logging.getLogger(__name__)


def periodic_sweeps_enqueue() -> bool:
    """Enqueue the sweeps unless a run is already waiting: after the worker was busy or
    stopped there is no point in running them back to back. Returns whether it enqueued."""
    sweeps = DBTaskResult.objects.filter(task_path=run_periodic_sweeps.module_path)
    # Each run leaves a row (1,440 a day at the default interval): keep a day of successful
    # ones; failed ones stay for a look.
    sweeps.successful().filter(finished_at__lt=timezone.now() - timedelta(days=1)).delete()
    if sweeps.ready().exists():
        return False
    run_periodic_sweeps.enqueue()
    return True


def periodic_sweeps_schedule(interval_seconds: float, stop: threading.Event) -> None:
    """Enqueue the sweeps now and every ``interval_seconds`` until ``stop`` is set."""
    while True:
        try:
            periodic_sweeps_enqueue()
        except Exception:
            # The database may be away for a moment; the next tick tries again.
            logger.exception("Could not enqueue the periodic sweeps")
        finally:
            connection.close()  # this thread's own connection: a fresh one each tick
        if stop.wait(interval_seconds):
            return
