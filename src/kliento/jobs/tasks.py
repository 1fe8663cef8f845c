"""The periodic job: the database worker's scheduler and Celery beat both enqueue it every
``KLIENTO_JOBS_INTERVAL_SECONDS``."""

from dataclasses import asdict

from django.tasks import task

from kliento.jobs.services import run_due_jobs


@task()
def run_periodic_sweeps() -> dict[str, int]:
    return asdict(run_due_jobs())
