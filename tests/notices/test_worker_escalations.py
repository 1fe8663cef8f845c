"""Handover escalations and recovery reminders and escalations go out exactly once from a
real job worker, on both backends — the database worker and Celery with a real Redis: the
worker sweeps every second; once every notice is there, further sweeps add none."""

import os
import secrets
import subprocess
import sys
import time
from collections import Counter

from tests.notices.handover_scenario import EXPECTED
from tests.notices.test_worker_kill import (  # noqa: F401  (the fixtures redis_url, worker_database)
    REPO,
    TIMEOUT,
    Worker,
    WorkerDatabase,
    forget_queue,
    redis_url,
    wait_for,
    worker_database,
)

SWEEPS_AFTER = 4  # seconds of further one-second sweeps that must add nothing


def notices(database: WorkerDatabase) -> Counter:
    return Counter(dict(database.rows(
        "SELECT kind, COUNT(*) FROM notices_notice GROUP BY kind")))


def run_and_check(database: WorkerDatabase, tmp_path, extra_env: dict[str, str]) -> None:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KLIENTO_CELERY_", "DJANGO_SETTINGS_MODULE"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.notices.worker_settings",
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "src")]),
        "DATABASE_URL": database.url, "KLIENTO_VAR_DIR": str(tmp_path / "var"),
        "KLIENTO_JOBS_INTERVAL_SECONDS": "1", "KLIENTO_TEST_MAIL_DELAY": "0",
        **extra_env,
    }
    subprocess.run([sys.executable, "-m", "tests.notices.handover_scenario"], env=env,
                   cwd=REPO, check=True, timeout=TIMEOUT)
    expected = Counter(EXPECTED)
    worker = Worker(env, tmp_path / "worker.log")
    try:
        worker.start()
        wait_for(lambda: notices(database) == expected, f"the notices {dict(expected)}", worker)
        deadline = time.monotonic() + SWEEPS_AFTER
        while time.monotonic() < deadline:
            assert notices(database) == expected, worker.output()
            time.sleep(0.2)
    finally:
        worker.stop()
    # Each escalation to the lead, each reminder to the case's owner.
    assert sorted(database.rows(
        "SELECT n.kind, u.username FROM notices_notice n JOIN accounts_user u "
        "ON u.id = n.recipient_id")) == [
        ("promise_handover_escalation", "lead"), ("recovery_escalation", "lead"),
        ("recovery_reminder", "keeper"), ("recovery_reminder", "keeper")]


def test_database_worker_escalates_exactly_once(worker_database, tmp_path):  # noqa: F811
    run_and_check(worker_database, tmp_path, {})


def test_celery_worker_escalates_exactly_once(worker_database, tmp_path,  # noqa: F811
                                               redis_url):  # noqa: F811
    queue = f"kliento-test-{secrets.token_hex(4)}"
    try:
        run_and_check(worker_database, tmp_path, {"KLIENTO_CELERY_BROKER_URL": redis_url,
                                                  "KLIENTO_CELERY_QUEUE": queue})
    finally:
        forget_queue(redis_url, queue)
