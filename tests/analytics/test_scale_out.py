"""The production shape, for real: PostgreSQL, Redis and two Celery workers with names of
their own (``w1@host``, ``w2@host``, as on two machines) share one rollup fill, planned by
month of buckets. Both take parts; the fill, enqueued twice at once and every part's job then
sent again, stores what one process filling alone stores: no bucket counted twice.

Real processes, as in the worker kill test (tests/notices/test_worker_kill.py, whose Redis
fixture this uses): the workers run ``kliento worker --no-schedule --hostname …`` against a
committed scratch database; every wait polls with a time limit.
"""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.notices.test_worker_kill import (  # noqa: F401 (redis_url is a fixture)
    REPO,
    WorkerDatabase,
    forget_queue,
    redis_url,
)

pytestmark = pytest.mark.postgresql  # concurrent writers on one database need a server
TODAY = "2026-10-14"  # the demo ends on 12 October: weeks to 28 September and September final
TIMEOUT = 120


def scenario(env: dict[str, str], *args: str):
    done = subprocess.run([sys.executable, "-m", "tests.analytics.scale_out_scenario", *args],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def stored_rollups(database: WorkerDatabase) -> list[tuple]:
    columns = [name for (name,) in database.rows(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'analytics_kpirollup' AND column_name <> 'id' "
        "ORDER BY ordinal_position")]
    quoted = ", ".join(f'"{name}"' for name in columns)
    return database.rows(f'SELECT {quoted} FROM analytics_kpirollup '
                         'ORDER BY grain, breakdown, bucket, "group"')


def exact(row: tuple) -> tuple:
    return tuple(value for value in row if not isinstance(value, float))


def floats(rows: list[tuple]) -> list[float]:
    return [value for row in rows for value in row if isinstance(value, float)]


class Workers:
    def __init__(self, env: dict[str, str], logs: Path):
        self.env, self.logs, self.processes = env, logs, {}

    def start(self, name: str) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "kliento.cli", "worker", "--no-schedule",
             "--concurrency=1", f"--hostname={name}@%h"],
            env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def output(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]

    def wait_ready(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        for name, process in self.processes.items():
            while " ready." not in self.output(name):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"worker {name} not ready:\n{self.output(name)}")
                time.sleep(0.1)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait(timeout=30)


def test_two_celery_workers_share_one_fill_and_store_what_one_process_stores(
        scratch_database, tmp_path, redis_url):  # noqa: F811
    database = WorkerDatabase(scratch_database)
    assert database.vendor == "postgresql"
    queue = f"kliento-test-{secrets.token_hex(4)}"  # nobody else's worker takes our jobs
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KLIENTO_CELERY_", "DJANGO_SETTINGS_MODULE"))}
    env |= {"DJANGO_SETTINGS_MODULE": "tests.analytics.worker_settings",
            "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "src")]),
            "DATABASE_URL": scratch_database, "KLIENTO_VAR_DIR": str(tmp_path / "var"),
            "KLIENTO_CELERY_BROKER_URL": redis_url, "KLIENTO_CELERY_QUEUE": queue}
    workers = Workers(env, tmp_path)
    try:
        workers.start("w1")  # they start while the data is written
        workers.start("w2")
        assert scenario(env, "build") > 1500
        workers.wait_ready()
        sent = scenario(env, "spread", TODAY)
        deadline = time.monotonic() + TIMEOUT
        while database.rows("SELECT COUNT(*) FROM analytics_rollupfillpart "
                            "WHERE done_at IS NULL")[0][0]:
            if time.monotonic() > deadline:
                pytest.fail(f"parts left undone:\n{workers.output('w1')}\n"
                            f"{workers.output('w2')}")
            time.sleep(0.1)
        spread = stored_rollups(database)
        resent = scenario(env, "resend")
    finally:
        workers.stop()
        forget_queue(redis_url, queue)

    parts = database.rows("SELECT grain, breakdown, first, last, filled_by, rows "
                          "FROM analytics_rollupfillpart")
    # 16 weeks of data, June to September final: 4 months of week parts and 4 of month
    # parts, for each of the 8 breakdowns; each sent by one of the two coordinators.
    assert len(parts) == 2 * 4 * 8
    assert sorted(sent) != [0, 0] and sum(sent) == len(parts)
    fillers = {filled_by.split("@")[0] for *_, filled_by, _rows in parts}
    assert fillers == {"w1", "w2"}, "both workers took parts"
    assert all(filled_by.endswith(f"@{os.uname().nodename}") for *_, filled_by, _ in parts)
    # Sent again after they were done (a redelivered message): each worker finds it done.
    assert len(resent) == len(parts)
    assert {result["outcome"] for result in resent} == {"skipped"}
    assert stored_rollups(database) == spread
    states = dict(((grain, breakdown), through) for grain, breakdown, through in database.rows(
        "SELECT grain, breakdown, filled_through FROM analytics_rollupfillstate"))
    assert len(states) == 16
    assert {str(through) for (grain, _), through in states.items() if grain == "week"} == {
        "2026-09-28"}
    assert {str(through) for (grain, _), through in states.items() if grain == "month"} == {
        "2026-09-01"}
    assert sum(rows for *_, rows in parts) == len(spread)

    # The reference: everything forgotten and filled again by one process, in one part per
    # grain and breakdown. Every count, date and histogram bin the same; the sums of
    # fractions (KV ratios, grades) to the last digits the database's own float SUM keeps,
    # as it adds the same values in another order when it reads a month instead of four.
    assert scenario(env, "rebuild", TODAY) == len(spread)
    alone = stored_rollups(database)
    assert [exact(row) for row in alone] == [exact(row) for row in spread]
    assert floats(alone) == pytest.approx(floats(spread), rel=1e-12)
