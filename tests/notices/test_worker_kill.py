"""A job worker killed in the middle of a sweep (SIGKILL) and started again shows no notice
twice and loses none — on the database backend and on Celery with a real Redis.

Real processes: ``kliento worker`` runs against a database of its own (an SQLite file, or a
scratch database on the PostgreSQL server the suite runs on), its e-mail slowed down so that
a sweep takes over a second (``worker_settings``). The test waits for the first notices, kills the
worker's whole process group with SIGKILL, starts it again and waits for the sweeps to finish.
Every wait polls the database with a time limit; nothing depends on a guessed sleep.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import dj_database_url
import psycopg
import pytest
import redis

REPO = Path(__file__).resolve().parents[2]
DUE_SOON, OVERDUE = 40, 20
EXPECTED = DUE_SOON + OVERDUE  # one reminder per promise due soon, one escalation per overdue
KILL_AFTER = 5  # notices committed before the kill: the worker is surely mid-sweep then
TIMEOUT = 120  # seconds for any one wait; a healthy run needs a few


class WorkerDatabase:
    """The worker's database, read with plain DB-API so the test needs no Django for it."""

    def __init__(self, url: str):
        self.url = url
        config = dj_database_url.parse(url)
        self.vendor = "sqlite" if "sqlite" in config["ENGINE"] else "postgresql"
        self.sqlite_path = config["NAME"] if self.vendor == "sqlite" else None

    def rows(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            import sqlite3

            with sqlite3.connect(self.sqlite_path, timeout=30) as connection:
                return connection.execute(sql).fetchall()
        with psycopg.connect(self.url.replace("postgres://", "postgresql://", 1)) as connection:
            return connection.execute(sql).fetchall()

    def notice_count(self) -> int:
        return self.rows("SELECT COUNT(*) FROM notices_notice")[0][0]

    def notices_by_promise(self) -> dict[str, Counter]:
        """For "soon" and "overdue" promises: how many have 0, 1, 2… notices of each kind."""
        rows = self.rows(
            "SELECT p.id, p.description, n.kind FROM promises_promise p "
            "LEFT JOIN notices_notice n ON n.promise_id = p.id")
        per_promise: dict[tuple, Counter] = {}
        for promise_id, description, kind in rows:
            counts = per_promise.setdefault((promise_id, description), Counter())
            if kind:
                counts[kind] += 1
        summary: dict[str, Counter] = {}
        for (_, description), counts in per_promise.items():
            shape = (counts["promise_reminder"], counts["promise_escalation"])
            summary.setdefault(description, Counter())[shape] += 1
        return summary


@pytest.fixture
def worker_database(scratch_database) -> WorkerDatabase:
    """A fresh, migrated database for the worker, on the server the suite itself runs on."""
    return WorkerDatabase(scratch_database)


class Worker:
    """``kliento worker`` in its own process group, with its output kept for a failure."""

    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kliento.cli", "worker"], env=self.env, cwd=REPO,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self) -> None:
        """SIGKILL to the worker and every process it started, as a power cut would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Ask for a warm shutdown: the job at hand is finished first."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


def wait_for(condition: Callable[[], bool], what: str, worker: Worker) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if worker.process.poll() is not None:
            pytest.fail(f"The worker exited ({worker.process.returncode}) before {what}:\n"
                        f"{worker.output()}")
        if time.monotonic() > deadline:
            pytest.fail(f"Not within {TIMEOUT} s: {what}. Worker output:\n{worker.output()}")
        time.sleep(0.05)


def emails_written(mail_dir: Path) -> int:
    if not mail_dir.exists():
        return 0
    return sum(path.read_bytes().count(b"\nMessage-ID: ") for path in mail_dir.iterdir())


def kill_mid_sweep_and_restart(database: WorkerDatabase, tmp_path: Path,
                               extra_env: dict[str, str]) -> None:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KLIENTO_CELERY_", "DJANGO_SETTINGS_MODULE"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.notices.worker_settings",
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "src")]),
        "DATABASE_URL": database.url,
        "KLIENTO_VAR_DIR": str(tmp_path / "var"),
        "KLIENTO_JOBS_INTERVAL_SECONDS": "1",
        # 60 e-mails at 20 ms: the sweep lasts over a second, so the kill, which comes within
        # 50 ms of the fifth notice, lands mid-sweep (asserted below) and no sleep is longer.
        "KLIENTO_TEST_MAIL_DELAY": "0.02",
        **extra_env,
    }
    subprocess.run([sys.executable, "-m", "tests.notices.worker_scenario", str(DUE_SOON),
                    str(OVERDUE)], env=env, cwd=REPO, check=True, timeout=TIMEOUT)
    mail_dir = tmp_path / "var" / "mail"
    worker = Worker(env, tmp_path / "worker.log")
    try:
        worker.start()
        wait_for(lambda: database.notice_count() >= KILL_AFTER,
                 f"{KILL_AFTER} notices before the kill", worker)
        worker.kill()
        cut_short = database.notice_count()
        assert KILL_AFTER <= cut_short < EXPECTED, "the kill did not land mid-sweep"
        # The e-mail is sent just before its notice commits: a kill in between leaves one
        # e-mail without its notice, which the next sweep sends again.
        assert cut_short <= emails_written(mail_dir) <= cut_short + 1

        worker.start()
        wait_for(lambda: database.notice_count() >= EXPECTED, "every notice after the restart",
                 worker)
        wait_for(lambda: emails_written(mail_dir) >= EXPECTED, "every e-mail", worker)
    finally:
        worker.stop()

    assert database.notices_by_promise() == {
        "soon": Counter({(1, 0): DUE_SOON}),  # each: one reminder, no escalation
        "overdue": Counter({(0, 1): OVERDUE}),  # each: one escalation, no reminder
    }, worker.output()
    assert database.notice_count() == EXPECTED
    assert EXPECTED <= emails_written(mail_dir) <= EXPECTED + 1  # at most one resent e-mail


def test_database_worker_killed_mid_sweep_sends_no_duplicate_and_loses_nothing(
        worker_database, tmp_path):
    kill_mid_sweep_and_restart(worker_database, tmp_path, {})


# Celery with a real Redis -------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_redis(url: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            redis.Redis.from_url(url).ping()
            return
        except redis.ConnectionError:
            if process is not None and process.poll() is not None:
                pytest.fail(f"redis-server exited with {process.returncode}")
            if time.monotonic() > deadline:
                pytest.fail(f"Redis at {url} did not answer within 30 s")
            time.sleep(0.05)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory) -> Iterator[str]:
    """KLIENTO_TEST_REDIS_URL when set (CI); otherwise a throwaway redis-server of our own."""
    if url := os.environ.get("KLIENTO_TEST_REDIS_URL"):
        wait_for_redis(url)
        yield url
        return
    server = shutil.which("redis-server")
    if server is None:
        message = ("redis-server is not installed (apt-get install redis-server) and "
                   "KLIENTO_TEST_REDIS_URL is not set: the Celery kill test cannot run.")
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # CI must prove the Celery path, never skip it
        pytest.skip(message)
    port, workdir = free_port(), tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"redis://127.0.0.1:{port}/0"
        wait_for_redis(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def forget_queue(url: str, queue: str) -> None:
    """Remove what the test left on a Redis it shares: its queue, its binding, and the
    message the killed worker had taken but not acknowledged."""
    client = redis.Redis.from_url(url)
    client.delete(*client.keys(f"{queue}*"), f"_kombu.binding.{queue}",
                  f"_kombu.binding_permanent.{queue}")
    for tag, payload in client.hgetall("unacked").items():
        if f'"{queue}"'.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def test_celery_worker_killed_mid_sweep_sends_no_duplicate_and_loses_nothing(
        worker_database, tmp_path, redis_url):
    queue = f"kliento-test-{secrets.token_hex(4)}"  # nobody else's worker takes our jobs
    try:
        kill_mid_sweep_and_restart(worker_database, tmp_path, {
            "KLIENTO_CELERY_BROKER_URL": redis_url, "KLIENTO_CELERY_QUEUE": queue})
    finally:
        forget_queue(redis_url, queue)
