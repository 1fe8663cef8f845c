#!/usr/bin/env python3
"""`make bench`, second part: the customer's survey submission under load.

A real server (gunicorn, PostgreSQL behind it) is driven by a small asyncio client
(aiohttp) with BENCH_CLIENTS concurrent customers (default 100) for BENCH_SECONDS each
(default 20): first Django's cheapest possible view (``/healthz``) for the ceiling, then
survey submissions — every customer sends answers to fresh invitations one after another.
Afterwards the database is counted: every accepted submission must be stored exactly once.
Each phase also reports the CPU it cost per request in gunicorn, in PostgreSQL's backends
and in the client (from /proc and getrusage): on a shared machine requests/s move with
whatever else runs, CPU per request hardly does.
Writes bench/results-surveys.md.
"""

import asyncio
import json
import os
import random
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

from postgres_server import postgres_server  # bench/ is on sys.path as the script's folder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "100"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
# Threads let a worker serve others while one request waits for PostgreSQL's commit to reach
# the disk; PostgreSQL then flushes several commits together.
THREADS = int(os.environ.get("BENCH_THREADS", "8"))
INVITATIONS = int(os.environ.get("BENCH_INVITATIONS", "60000"))
RESULTS = HERE / os.environ.get("BENCH_SURVEY_RESULTS", "results-surveys.md")


def prepare(count: int, tokens_file: str) -> None:
    """Inside Django: one survey, consenting customers and ``count`` open invitations whose
    links are written to ``tokens_file`` (only their digests reach the database)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from kliento.accounts.tokens import token_digest, token_new
    from kliento.customers.models import Customer
    from kliento.interactions.services import channels_ensure
    from kliento.surveys.models import Invitation
    from kliento.surveys.services import survey_create

    channels = channels_ensure()
    survey = survey_create(name="Load", blocks=["nps", "csat", "kv", "comment"])
    customers = Customer.objects.bulk_create(
        Customer(full_name=f"Klientas Nr. {n}", preferred_language="lt",
                 consents_to_surveys=True) for n in range(count))
    tokens = [token_new() for _ in range(count)]
    now = timezone.now()
    Invitation.objects.bulk_create(
        (Invitation(survey=survey, customer=customer, channel=channels["store"],
                    delivery=Invitation.Delivery.LINK, language="lt",
                    token_digest=token_digest(token), created_at=now,
                    expires_at=now + timedelta(days=14))
         for customer, token in zip(customers, tokens, strict=True)), batch_size=5000)
    Path(tokens_file).write_text("\n".join(tokens))
    answers = {"nps": "9", "csat": "5", "expectation": "7", "experience": "8",
               "comment": "Viskas puiku, ačiū!"}
    print(json.dumps({f"q{q.pk}": answers[q.kind] for q in survey.questions.all()}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def drive(base: str, *, tokens: Iterator[str] | None, answers: dict | None,
                pace: float = 0.0) -> dict:
    """CLIENTS customers for SECONDS: GET /healthz, or submissions when ``tokens`` given;
    each sends its next request as soon as the last is answered, or, with ``pace``, that many
    seconds after the last one started (so the load is offered, not taken as fast as the
    server answers)."""
    import aiohttp

    latencies, statuses, accepted_all = [], {}, [0]
    queue = tokens if tokens is not None else iter(())
    timeout = aiohttp.ClientTimeout(total=30)
    deadline = time.perf_counter() + SECONDS + 2  # 2 s warm-up, not counted

    # The page sets no cookie and needs no CSRF token (its link is the key), so every
    # customer sends the same encoded form, worked out once: the client's own work stays
    # small next to the server's on the cores they share.
    body = urlencode((answers or {}) | {"action": "send", "lang": "lt"}).encode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}

    async def customer() -> None:
        connector = aiohttp.TCPConnector(limit=1)
        async with aiohttp.ClientSession(base, cookie_jar=aiohttp.DummyCookieJar(),
                                         connector=connector, timeout=timeout) as session:
            if pace:
                await asyncio.sleep(random.uniform(0, pace))  # customers do not come in step
            while (now := time.perf_counter()) < deadline:
                counted = now > deadline - SECONDS
                started = time.perf_counter()
                try:
                    if tokens is None:
                        async with session.get("/healthz") as reply:
                            await reply.read()
                            status = reply.status
                    else:
                        try:
                            token = next(queue)
                        except StopIteration:
                            return
                        async with session.post(f"/s/{token}/", data=body, headers=form,
                                                allow_redirects=False) as reply:
                            await reply.read()
                            status = reply.status
                except (aiohttp.ClientError, TimeoutError) as error:
                    status = type(error).__name__
                accepted_all[0] += status == (302 if tokens is not None else 200)
                if counted:
                    latencies.append(time.perf_counter() - started)
                    statuses[status] = statuses.get(status, 0) + 1
                if pace:
                    await asyncio.sleep(max(0.0, started + pace - time.perf_counter()))

    began = time.perf_counter()
    await asyncio.gather(*(customer() for _ in range(CLIENTS)))
    elapsed = min(time.perf_counter() - began - 2, SECONDS)
    ok = 302 if tokens is not None else 200
    return {"requests": len(latencies), "per_second": statuses.get(ok, 0) / elapsed,
            "p50_ms": 1000 * percentile(latencies, 0.50),
            "p99_ms": 1000 * percentile(latencies, 0.99),
            "mean_ms": 1000 * statistics.fmean(latencies) if latencies else float("nan"),
            "statuses": {str(k): v for k, v in statuses.items()},
            "errors": sum(v for k, v in statuses.items() if k != ok),
            "accepted": statuses.get(ok, 0), "accepted_with_warm_up": accepted_all[0]}


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    import urllib.request

    for _ in range(200):
        if server.poll() is not None:
            sys.exit("gunicorn stopped before it served a request")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    sys.exit("gunicorn did not answer /healthz within 20 s")


TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used, all its threads; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def parent_pid(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def server_pids(server: subprocess.Popen, database_url: str) -> dict[str, list[int]]:
    """gunicorn's workers, and PostgreSQL's backends serving the benchmark's database."""
    import psycopg

    workers = [int(entry.name) for entry in Path("/proc").iterdir()
               if entry.name.isdigit() and parent_pid(int(entry.name)) == server.pid]
    with psycopg.connect(database_url) as connection:
        backends = [pid for (pid,) in connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")]
    return {"gunicorn": [server.pid, *workers], "postgresql": backends}


def measured(phase, server: subprocess.Popen, database_url: str) -> dict:
    """Run a phase and add the CPU it cost per accepted request in gunicorn, in
    PostgreSQL's backends and in the load client: unlike requests/s, hardly changed by
    whatever else runs on the machine at the same time."""
    before = {pid: process_cpu(pid) for pids in server_pids(server, database_url).values()
              for pid in pids}
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    result = phase()
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = {name: sum(process_cpu(pid) - before.get(pid, 0.0) for pid in pids)
           for name, pids in server_pids(server, database_url).items()}
    cpu["client"] = (client_after.ru_utime + client_after.ru_stime
                     - client_before.ru_utime - client_before.ru_stime)
    cpu["total"] = sum(cpu.values())
    requests = result["accepted_with_warm_up"] or 1
    result["cpu_ms_per_request"] = {name: 1000 * seconds / requests
                                    for name, seconds in cpu.items()}
    return result


def stored_counts(database_url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(database_url) as connection:
        responses = connection.execute("SELECT count(*) FROM surveys_surveyresponse").fetchone()
        answered = connection.execute(
            "SELECT count(*) FROM surveys_invitation WHERE answered_at IS NOT NULL "
            "AND response_id IS NOT NULL").fetchone()
    return responses[0], answered[0]


def run(server_url: str) -> dict:
    import psycopg

    name = "kliento_bench_surveys"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    database_url = server_url.rsplit("/", 1)[0] + f"/{name}"
    with tempfile.TemporaryDirectory(prefix="kliento-load-") as workdir:
        env = os.environ | {"DATABASE_URL": database_url, "KLIENTO_VAR_DIR": workdir,
                            "KLIENTO_SECRET_KEY": "bench-" + "x" * 40,
                            "KLIENTO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                            "DJANGO_SETTINGS_MODULE": "kliento.config.settings"}
        subprocess.run([PYTHON, "-m", "kliento.cli", "migrate", "--no-input", "-v", "0"],
                       env=env, check=True)
        tokens_file = f"{workdir}/tokens.txt"
        out = subprocess.run([PYTHON, __file__, "prepare", str(INVITATIONS), tokens_file],
                             env=env, check=True, capture_output=True, text=True)
        answers = json.loads(out.stdout.strip().splitlines()[-1])
        tokens = iter(Path(tokens_file).read_text().split())  # each link used once, all phases
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [GUNICORN, "kliento.config.wsgi", "--workers", str(WORKERS), "--threads",
             str(THREADS), "--worker-class", "gthread", "--bind",
             f"127.0.0.1:{port}", "--backlog", "2048", "--log-level", "warning"],
            env=env, cwd=workdir)
        try:
            wait_until_up(base, server)
            print(f"ceiling: {CLIENTS} clients on /healthz for {SECONDS:.0f} s", file=sys.stderr)
            ceiling = measured(lambda: asyncio.run(drive(base, tokens=None, answers=None)),
                               server, database_url)
            print(f"  {ceiling}", file=sys.stderr)
            print(f"submissions: {CLIENTS} clients for {SECONDS:.0f} s", file=sys.stderr)
            submit = measured(lambda: asyncio.run(drive(base, tokens=tokens, answers=answers)),
                              server, database_url)
            print(f"  {submit}", file=sys.stderr)
            # What customers wait at a load the server can carry: half the rate above,
            # offered by the same number of customers.
            offered = submit["per_second"] / 2
            print(f"paced: {CLIENTS} clients sending {offered:.0f}/s", file=sys.stderr)
            paced = measured(lambda: asyncio.run(drive(
                base, tokens=tokens, answers=answers, pace=CLIENTS / offered)),
                server, database_url)
            paced["offered_per_second"] = offered
            print(f"  {paced}", file=sys.stderr)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        stored, answered = stored_counts(database_url)
    client_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"clients": CLIENTS, "seconds": SECONDS, "workers": WORKERS, "threads": THREADS,
            "ceiling": ceiling,
            "submit": submit, "paced": paced, "stored_responses": stored,
            "answered_invitations": answered,
            "client_peak_mib": client_peak}


def floor_note(ceiling: dict, submit: dict) -> str:
    """How near the ceiling sending could come at best on these shared cores: if the server's
    Python cost no more than for the ceiling's view, PostgreSQL's work and the client's extra
    work would still be added to every request."""
    extra = submit["postgresql"] + max(0.0, submit["client"] - ceiling["client"])
    best = ceiling["total"] / (ceiling["total"] + extra)
    python = submit["gunicorn"] - ceiling["gunicorn"]
    return (f"Where the difference goes: sending costs the server's Python {python:.2f} ms more "
            f"than the ceiling's view, and PostgreSQL {submit['postgresql']:.2f} ms. Even if "
            f"the Python cost nothing more than for `/healthz`, PostgreSQL's share alone (on the "
            f"same cores) would hold sending to {best:.0%} of the ceiling.")


def targets(result: dict, lost: bool) -> list[str]:
    """The issue's targets, each with what this run measured: met or not, said plainly."""
    ceiling, submit, paced = result["ceiling"], result["submit"], result["paced"]
    share = submit["per_second"] / ceiling["per_second"]
    errors = submit["errors"] + paced["errors"]
    rows = [
        ("at least half the ceiling's requests/s", f"{share:.0%}", share >= 0.5),
        (f"p99 under 100 ms, {result['clients']} customers in a closed loop",
         f"{submit['p99_ms']:.0f} ms (the ceiling's own view: {ceiling['p99_ms']:.0f} ms)",
         submit["p99_ms"] < 100),
        (f"(added) p99 under 100 ms, the same {result['clients']} customers offering half "
         "the rate they reach: what customers wait at a load the server carries",
         f"{paced['p99_ms']:.0f} ms", paced["p99_ms"] < 100),
        ("zero errors", f"{errors}", errors == 0),
        ("zero lost responses", "none lost" if not lost else "MISMATCH", not lost),
    ]
    return ["| target | measured | met |", "|---|---|---|",
            *(f"| {name} | {measured} | {'yes' if met else '**no**'} |"
              for name, measured, met in rows)]


def report(result: dict) -> str:
    ceiling, submit, paced = result["ceiling"], result["submit"], result["paced"]
    accepted = submit["accepted_with_warm_up"] + paced["accepted_with_warm_up"]
    # Every accepted submission (302) must be in the database once; the warm-up's are too.
    lost = not (result["answered_invitations"] == result["stored_responses"] == accepted)
    return "\n".join([
        "# Survey submission under load",
        "",
        f"Machine: {os.cpu_count()} cores shared by the server (gunicorn, {result['workers']} "
        f"workers × {result['threads']} threads), PostgreSQL and the load client; "
        f"{result['clients']} concurrent customers for {result['seconds']:.0f} s per row after "
        "a 2 s warm-up. Generated by "
        "`make bench` (bench/survey_load.py).",
        "",
        "| endpoint | requests/s | p50 (ms) | p99 (ms) | errors |",
        "|---|---:|---:|---:|---:|",
        f"| `GET /healthz` (Django's cheapest view: the ceiling) | {ceiling['per_second']:.0f} "
        f"| {ceiling['p50_ms']:.1f} | {ceiling['p99_ms']:.1f} | {ceiling['errors']} |",
        f"| `POST /s/<token>/` (a survey submission) | {submit['per_second']:.0f} "
        f"| {submit['p50_ms']:.1f} | {submit['p99_ms']:.1f} | {submit['errors']} |",
        f"| the same, paced: {result['clients']} customers offering "
        f"{paced['offered_per_second']:.0f}/s in all (half the rate above) "
        f"| {paced['per_second']:.0f} | {paced['p50_ms']:.1f} | {paced['p99_ms']:.1f} "
        f"| {paced['errors']} |",
        "",
        "The first two rows are closed loops: each customer sends again the moment it is "
        "answered, so the latency there is mostly waiting in line (customers ÷ requests/s).",
        "",
        f"Submissions reach {submit['per_second'] / ceiling['per_second']:.0%} of the ceiling. "
        f"Stored responses: {result['stored_responses']:,}; answered invitations: "
        f"{result['answered_invitations']:,}; accepted (302) including the warm-ups: "
        f"{accepted:,} — "
        + ("**MISMATCH: responses were lost or doubled.**" if lost else
           "every accepted submission is stored exactly once."),
        "",
        *targets(result, lost),
        "",
        "CPU per request (ms; user + system, warm-up included) hardly depends on what else "
        "runs on the machine meanwhile: on idle cores the requests/s would be about "
        "cores ÷ total.",
        "",
        "| endpoint | gunicorn | PostgreSQL | load client | total | cores ÷ total (req/s) |",
        "|---|---:|---:|---:|---:|---:|",
        *(f"| {name} | {cpu['gunicorn']:.2f} | {cpu['postgresql']:.2f} | {cpu['client']:.2f} "
          f"| {cpu['total']:.2f} | {1000 * os.cpu_count() / cpu['total']:.0f} |"
          for name, cpu in (("`GET /healthz`", ceiling["cpu_ms_per_request"]),
                            ("`POST /s/<token>/`", submit["cpu_ms_per_request"]),
                            ("`POST /s/<token>/`, paced", paced["cpu_ms_per_request"]))),
        "",
        floor_note(ceiling["cpu_ms_per_request"], submit["cpu_ms_per_request"]),
        "",
        "Raw figures:", "", "```json", json.dumps(result, indent=1), "```", "",
    ])


def main() -> None:
    if sys.argv[1:2] == ["prepare"]:
        prepare(int(sys.argv[2]), sys.argv[3])
        return
    server = postgres_server(__file__)
    result = run(server)
    text = report(result)
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
