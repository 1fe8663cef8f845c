"""``kliento worker``: run the background jobs, on whichever backend ``TASKS`` names."""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils.module_loading import import_string
from django_tasks_celery import CeleryBackend
from django_tasks_db import DatabaseBackend

from kliento.jobs.scheduler import periodic_sweeps_schedule


class Command(BaseCommand):
    help = ("Run the background jobs and, every KLIENTO_JOBS_INTERVAL_SECONDS (60), the "
            "periodic sweeps: promise reminders and escalations, survey invitations. On the "
            "database backend this is django-tasks-db's worker plus a scheduler; with Celery "
            "a Celery worker with beat. Ctrl-C stops it after the job at hand.")

    def add_arguments(self, parser):
        parser.add_argument("--no-schedule", action="store_true",
                            help="only run jobs, do not enqueue the periodic sweeps (for "
                                 "extra workers beside one that schedules)")
        parser.add_argument("--concurrency", type=int, default=1,
                            help="Celery only: jobs run at once (default 1)")
        parser.add_argument("--hostname",
                            help="Celery only: the worker's name, unique among the workers "
                                 "(default celery@<host>; e.g. w2@%%h for a second worker "
                                 "on one machine)")

    def handle(self, *args, no_schedule, concurrency, hostname, verbosity, **options):
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if isinstance(backend, DatabaseBackend):
            self._run_database_worker(no_schedule, verbosity)
        elif isinstance(backend, CeleryBackend):
            self._run_celery_worker(no_schedule, concurrency, hostname, verbosity)
        else:
            raise CommandError(f"No worker for the task backend {type(backend).__name__}.")

    def _run_database_worker(self, no_schedule: bool, verbosity: int) -> None:
        stop = threading.Event()
        if not no_schedule:
            # A daemon thread: it holds no transaction between ticks, so it may die with the
            # process at any moment.
            threading.Thread(
                target=periodic_sweeps_schedule, name="kliento-scheduler", daemon=True,
                args=(settings.KLIENTO_JOBS_INTERVAL_SECONDS, stop),
            ).start()
        try:
            call_command("db_worker", reload=False, startup_delay=False, verbosity=verbosity)
        finally:
            stop.set()

    def _run_celery_worker(self, no_schedule: bool, concurrency: int, hostname: str | None,
                           verbosity: int) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)  # beat keeps its schedule there
        argv = ["worker", f"--concurrency={concurrency}",
                f"--loglevel={'WARNING' if verbosity == 0 else 'INFO'}"]
        if hostname:
            argv.append(f"--hostname={hostname}")
        if not no_schedule:
            argv.append("--beat")
        # The Celery app the task backend is configured with (the project's configuration).
        celery_app = import_string(settings.TASKS["default"]["OPTIONS"]["CELERY_APP"])
        celery_app.worker_main(argv)
