#!/usr/bin/env python3
"""`make bench`, scale-out: a week of contacts arriving day by day on PostgreSQL, and the
rollup fill that follows, in one process and spread over Celery workers. Writes
bench/results-scale-out.md.

Each simulated day (Monday 25 to Sunday 31 May 2026, a week that ends a month) imports
BENCH_SCALE_OUT_DAILY interactions (default 1,000,000) and a tenth as many survey answers
with ``kliento import``, then measures what grows: the tables' size, the daily fill's
planning (nothing is final yet) and the live figures of the week so far, which a dashboard
computes from raw rows until the week is final. Then the clock moves to 9 June, when the
week and May are both final (SETTLE_DAYS after), and the fill stores them: once in one
process (``kliento rollups fill``), once forgotten and spread by month of buckets over
BENCH_SCALE_OUT_WORKERS Celery workers (default 2; needs Redis, KLIENTO_TEST_REDIS_URL or
redis://127.0.0.1:6379/0), whose wall time is measured from enqueueing to the last part.

BENCH_SCALE_OUT_DAYS (7) sets the days. PostgreSQL is KLIENTO_TEST_POSTGRES_URL's server, or
a throwaway cluster; the bench makes a database of its own and drops it at the end
(BENCH_SCALE_OUT_KEEP=1 keeps it).
"""

import csv
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from postgres_server import postgres_server  # bench/ is on sys.path as the script's folder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
DAILY = int(os.environ.get("BENCH_SCALE_OUT_DAILY", "1000000"))
DAYS = int(os.environ.get("BENCH_SCALE_OUT_DAYS", "7"))
WORKERS = int(os.environ.get("BENCH_SCALE_OUT_WORKERS", "2"))
RESULTS = HERE / os.environ.get("BENCH_SCALE_OUT_RESULTS", "results-scale-out.md")
FIRST_DAY = date(2026, 5, 25)  # a Monday; the week ends on Sunday 31 May, the month's end
FILL_DAY = date(2026, 6, 9)  # the week and May are final (SETTLE_DAYS after they end)
CHANNELS = ("phone", "email", "chat", "store", "web")
LANGUAGES = ("lt", "lt", "lt", "lv", "ru", "pl", "en")
TEAMS, AGENTS_PER_TEAM, LOCATIONS, TOUCHPOINTS = 12, 20, 4, 16
RESPONSE_SHARE = 0.1


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


# Steps run inside Kliento (a process of their own, as the workers' database is committed) --

def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")
    import django

    django.setup()


def step_setup() -> dict:
    """Locations, teams, agents and touchpoints: what the interactions name."""
    _django()
    from django.contrib.auth import get_user_model

    from kliento.interactions.models import Channel, JourneyStage, Touchpoint
    from kliento.organisation.models import Agent, Location, Team

    locations = [Location.objects.create(name=f"Vieta {n}", kind="store")
                 for n in range(LOCATIONS)]
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"agent{n}", first_name=f"Agent {n}")
         for n in range(TEAMS * AGENTS_PER_TEAM)])
    for t in range(TEAMS):
        team = Team.objects.create(name=f"Komanda {t}", location=locations[t % LOCATIONS])
        Agent.objects.bulk_create(
            Agent(user=users[t * AGENTS_PER_TEAM + a], team=team, location=team.location,
                  hired_on=date(2024, 1, 1)) for a in range(AGENTS_PER_TEAM))
    channels = list(Channel.objects.filter(code__in=CHANNELS))
    stages = list(JourneyStage.values)
    Touchpoint.objects.bulk_create(
        Touchpoint(name=f"Taškas {n}", journey_stage=stages[n % len(stages)],
                   channel=channels[n % len(channels)]) for n in range(TOUCHPOINTS))
    return {"agents": Agent.objects.count()}


def step_probe(day: str) -> dict:
    """What grows with the data, measured after a day's import."""
    _django()
    from django.db import connection

    from kliento.analytics.buckets import Grain
    from kliento.analytics.metrics import Breakdown, MetricsQuery
    from kliento.analytics.rollups import rollups_fill, run_metrics_with_rollups

    today = date.fromisoformat(day)
    found: dict = {}
    with connection.cursor() as cursor:
        for table in ("interactions_interaction", "surveys_surveyresponse",
                      "analytics_kpirollup"):
            cursor.execute("SELECT pg_total_relation_size(%s), pg_relation_size(%s)",
                           [table, table])
            total, heap = cursor.fetchone()
            found[table] = {"total_mib": total / 2**20, "heap_mib": heap / 2**20}
        cursor.execute("SELECT COUNT(*) FROM interactions_interaction")
        found["interactions"] = cursor.fetchone()[0]
    started = time.perf_counter()
    found["daily_fill_rows"] = rollups_fill(today=today + timedelta(days=1))
    found["daily_fill_seconds"] = time.perf_counter() - started
    # The week so far as a dashboard asks for it: every KPI for the period, then by agent.
    for name, query in {
            "week_so_far": MetricsQuery(FIRST_DAY, today, None),
            "week_so_far_by_agent": MetricsQuery(FIRST_DAY, today, None, Breakdown.AGENT),
            "week_by_day_by_channel": MetricsQuery(FIRST_DAY, today, Grain.DAY,
                                                   Breakdown.CHANNEL)}.items():
        started = time.perf_counter()
        rows = run_metrics_with_rollups(query)
        found[f"{name}_seconds"] = time.perf_counter() - started
        found[f"{name}_rows"] = len(rows)
    return found


def step_fill(mode: str, day: str) -> dict:
    """``inline``: the whole fill here; ``forget``: every bucket forgotten; ``spread``: the
    parts planned and sent to the workers; ``parts``: the parts' record."""
    _django()
    from kliento.analytics.models import RollupFillPart, RollupFillState
    from kliento.analytics.rollups import rollups_fill, rollups_fill_spread, rollups_forget

    today = date.fromisoformat(day)
    if mode == "forget":
        rollups_forget()
        return {}
    if mode == "parts":
        return {"parts": [{"grain": p.grain, "breakdown": p.breakdown, "first": str(p.first),
                           "last": str(p.last), "done": p.done_at is not None,
                           "filled_by": p.filled_by, "rows": p.rows,
                           "seconds": round(p.seconds, 2)}
                          for p in RollupFillPart.objects.order_by("grain", "breakdown")],
                "states": sorted({(s.grain, str(s.filled_through))
                                  for s in RollupFillState.objects.all()})}
    started = time.perf_counter()
    if mode == "inline":
        rows = rollups_fill(today=today)
        return {"rows": rows, "seconds": time.perf_counter() - started}
    return {"parts_sent": rollups_fill_spread(today=today),
            "seconds": time.perf_counter() - started}


def step_after(day: str) -> dict:
    """The same dashboard questions once the week is stored."""
    _django()
    from kliento.analytics.metrics import Breakdown, MetricsQuery
    from kliento.analytics.rollups import run_metrics_with_rollups

    last = FIRST_DAY + timedelta(days=6)  # the whole week: one whole bucket, however many
    found = {"asked_through": str(last)}  # days the run imported
    for name, query in {"week": MetricsQuery(FIRST_DAY, last, None),
                        "week_by_agent": MetricsQuery(FIRST_DAY, last, None,
                                                      Breakdown.AGENT)}.items():
        started = time.perf_counter()
        run_metrics_with_rollups(query)
        found[f"{name}_seconds"] = time.perf_counter() - started
    return found


STEPS = {"setup": step_setup, "probe": step_probe, "fill": step_fill, "after": step_after}


# The driver -------------------------------------------------------------------------------

def step(env: dict, name: str, *args: str) -> dict:
    done = subprocess.run([PYTHON, __file__, "step", name, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"step {name} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def kliento(env: dict, *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "kliento.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"kliento {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
    return time.perf_counter() - started


def write_customers(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "full_name", "preferred_language"])
        for n in range(count):
            writer.writerow([f"C-{n}", f"Klientas {n}", LANGUAGES[n % len(LANGUAGES)]])


def write_day(folder: Path, day: date, customers: int, rng: random.Random) -> tuple[Path, Path]:
    interactions, responses = folder / f"interactions-{day}.csv", folder / f"responses-{day}.csv"
    midnight = datetime(day.year, day.month, day.day, 4, 0, tzinfo=UTC)  # 07:00 in Vilnius
    with interactions.open("w", newline="", encoding="utf-8") as i_handle, \
            responses.open("w", newline="", encoding="utf-8") as r_handle:
        i_writer, r_writer = csv.writer(i_handle), csv.writer(r_handle)
        i_writer.writerow(["external_id", "customer_external_id", "channel", "kind",
                           "opened_at", "first_response_at", "resolved_at", "agent_username",
                           "team", "location", "touchpoint", "language", "text"])
        r_writer.writerow(["external_id", "customer_external_id", "interaction_external_id",
                           "responded_at", "language", "nps", "csat", "ces", "expectation",
                           "experience", "reliability"])
        for n in range(DAILY):
            key = f"{day:%m%d}-{n}"
            customer = f"C-{rng.randrange(customers)}"
            opened = midnight + timedelta(seconds=rng.randrange(0, 14 * 3600))
            answered = (opened + timedelta(seconds=rng.randrange(20, 7200))
                        if rng.random() < 0.93 else None)
            resolved = (answered + timedelta(seconds=rng.randrange(60, 86400))
                        if answered and rng.random() < 0.85 else None)
            agent = rng.randrange(TEAMS * AGENTS_PER_TEAM)
            team = agent // AGENTS_PER_TEAM
            language = LANGUAGES[rng.randrange(len(LANGUAGES))]
            i_writer.writerow([
                f"T-{key}", customer, CHANNELS[rng.randrange(len(CHANNELS))],
                "complaint" if rng.random() < 0.04 else "question",
                opened.isoformat(timespec="seconds"),
                answered.isoformat(timespec="seconds") if answered else "",
                resolved.isoformat(timespec="seconds") if resolved else "",
                f"agent{agent}", f"Komanda {team}", f"Vieta {team % LOCATIONS}",
                f"Taškas {rng.randrange(TOUCHPOINTS)}", language, "Kada atvyks užsakymas?"])
            if rng.random() < RESPONSE_SHARE:
                expectation = rng.randint(4, 10)
                r_writer.writerow([
                    f"R-{key}", customer, f"T-{key}",
                    (opened + timedelta(hours=2)).isoformat(timespec="seconds"), language,
                    rng.randint(0, 10), rng.randint(1, 5), rng.randint(1, 7), expectation,
                    max(1, min(10, expectation + rng.randint(-3, 2))), rng.randint(1, 10)])
    return interactions, responses


def database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server.replace("postgres://", "postgresql://", 1),
                         autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + f"/{name}"


def drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server.replace("postgres://", "postgresql://", 1),
                         autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def parts_undone(url: str) -> int:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM analytics_rollupfillpart WHERE done_at IS NULL").fetchone()[0]


def spread_fill(env: dict, folder: Path, url: str) -> dict:
    """The fill sent to WORKERS Celery workers (each ``kliento worker --no-schedule
    --hostname wN@%h``), timed from enqueueing to the last part stored."""
    import redis

    redis_url = os.environ.get("KLIENTO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(redis_url).ping()
    except redis.ConnectionError:
        return {"skipped": f"no Redis at {redis_url}"}
    queue = f"kliento-bench-{secrets.token_hex(4)}"
    celery_env = env | {"KLIENTO_CELERY_BROKER_URL": redis_url, "KLIENTO_CELERY_QUEUE": queue}
    workers = []
    try:
        for n in range(1, WORKERS + 1):
            log = (folder / f"w{n}.log").open("ab")
            workers.append((folder / f"w{n}.log", subprocess.Popen(
                [PYTHON, "-m", "kliento.cli", "worker", "--no-schedule", "--concurrency=1",
                 f"--hostname=w{n}@%h"], env=celery_env, cwd=ROOT, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)))
        for path, process in workers:
            while " ready." not in path.read_text(errors="replace"):
                if process.poll() is not None:
                    sys.exit(f"worker exited:\n{path.read_text()[-3000:]}")
                time.sleep(0.2)
        started = time.perf_counter()
        sent = step(celery_env, "fill", "spread", str(FILL_DAY))
        while parts_undone(url):
            time.sleep(0.5)
        wall = time.perf_counter() - started
    finally:
        for _path, process in workers:
            process.terminate()
        for _path, process in workers:
            process.wait(timeout=120)
        client = redis.Redis.from_url(redis_url)
        if keys := client.keys(f"{queue}*"):
            client.delete(*keys)
    return {"seconds": wall, "parts_sent": sent["parts_sent"], "load": load()}


def _per_worker(parts: list[dict]) -> dict[str, dict]:
    workers: dict[str, dict] = {}
    for part in parts:
        mine = workers.setdefault(part["filled_by"].split(":")[0], {"parts": 0, "seconds": 0.0})
        mine["parts"] += 1
        mine["seconds"] += part["seconds"]
    return workers


def report(r: dict) -> str:
    """bench/results-scale-out.md from the run's figures; the 1M-a-day column scales the
    measured per-row rates linearly, and says so."""
    days, daily = r["days_measured"], r["daily"]
    rows = days[-1]["interactions"]
    import_rate = sum(d["interactions"] - (days[i - 1]["interactions"] if i else 0)
                      for i, d in enumerate(days)) / sum(d["import_seconds"] for d in days)
    lines = [
        "# Scale-out: a week of contacts, day by day, and the fill that keeps up",
        "",
        f"Generated by `make bench` (bench/scale_out.py) on PostgreSQL; {r['cores']} cores "
        f"shared with other work (load averages, 1/5/15 min, beside each figure); whole run "
        f"{r['minutes']:.0f} min. {len(days)} days of {daily:,} interactions each "
        f"({rows:,} in all) and a tenth as many survey answers, imported with "
        "`kliento import`; 240 agents in 12 teams, 4 locations, 16 touchpoints, "
        f"{r['customers']:,} customers. The week is 25–31 May 2026 (it ends a month); the "
        "fill runs as on 9 June, when the week and May are final.",
        "",
        "## Day by day",
        "",
        "The daily fill finds nothing final (a week is final 8 days after it ends): its cost "
        "is its planning. Until then a dashboard computes the week from raw rows: *live* "
        "columns are every KPI of the week so far, the same by agent, and by day × channel.",
        "",
        "| day | interactions in table | import (s) | rows/s | answers import (s) "
        "| table + indexes (MiB) | daily fill (s) | live week (s) | live by agent (s) "
        "| live day × channel (s) | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    previous = 0
    for d in days:
        added = d["interactions"] - previous
        previous = d["interactions"]
        lines.append(
            f"| {d['day']} | {d['interactions']:,} | {d['import_seconds']:.0f} "
            f"| {added / d['import_seconds']:,.0f} | {d['responses_seconds']:.0f} "
            f"| {d['interactions_interaction']['total_mib']:,.0f} "
            f"| {d['daily_fill_seconds']:.2f} | {d['week_so_far_seconds']:.1f} "
            f"| {d['week_so_far_by_agent_seconds']:.1f} "
            f"| {d['week_by_day_by_channel_seconds']:.1f} | {d['load_after']} |")
    inline, spread = r["inline"], r.get("spread", {})
    parts = r["spread_parts"]["parts"] if "seconds" in spread else []
    lines += [
        "",
        "## The week and the month become final",
        "",
        "| fill | parts | rollup rows | wall time (s) | load |",
        "|---|---:|---:|---:|---|",
        f"| one process (`kliento rollups fill`) | {len(r['inline_parts']['parts'])} "
        f"| {inline['rows']:,} | {inline['seconds']:.0f} | {inline['load']} |",
    ]
    if parts:
        lines.append(
            f"| spread by month over {r['workers']} Celery workers "
            f"| {spread['parts_sent']} | {sum(p['rows'] for p in parts):,} "
            f"| {spread['seconds']:.0f} | {spread['load']} |")
        lines += ["", "Parts per worker (Celery's own names): " + ", ".join(
            f"{name} {w['parts']} parts in {w['seconds']:.0f} s"
            for name, w in sorted(_per_worker(parts).items())) + "."]
    else:
        lines += ["", f"Spread fill not measured: {spread.get('skipped', 'no figures')}."]
    by_grain: dict[str, list[float]] = {}
    for part in r["inline_parts"]["parts"]:
        by_grain.setdefault(part["grain"], []).append(part["seconds"])
    week_fill, month_fill = sum(by_grain.get("week", [0])), sum(by_grain.get("month", [0]))
    before, after = r["before_fill"], r["after_fill"]
    first_rate = days[0]["interactions"] / days[0]["import_seconds"]
    last_rate = (rows - days[-2]["interactions"]) / days[-1]["import_seconds"] if len(
        days) > 1 else first_rate
    trend = (f"stays level ({first_rate:,.0f} on the first day, {last_rate:,.0f} on the last)"
             if abs(last_rate / first_rate - 1) < 0.2 else
             f"goes from {first_rate:,.0f} on the first day to {last_rate:,.0f} on the last")
    lines += [
        "",
        ("" if after.get("asked_through") or len(days) >= 7 else
         "(This run asked for its imported days only, a part of the week, which is computed "
         "live: its *after* figures below are not from the rollups.) ")
        + f"One process: the week's 8 breakdowns {week_fill:.0f} s, May's 8 breakdowns "
        f"{month_fill:.0f} s ({rows:,} rows each, every breakdown a scan of them). The week "
        f"as a dashboard asks for it: {before['week_seconds']:.1f} s live before the fill, "
        f"{after['week_seconds'] * 1000:.0f} ms from the rollups after; by agent "
        f"{before['week_by_agent_seconds']:.1f} s → "
        f"{after['week_by_agent_seconds'] * 1000:.0f} ms.",
        "",
        "Spread over the workers the fill's work is mostly PostgreSQL's: each part is "
        "chiefly a scan that the database runs while its worker waits, so more workers "
        "help as far as the "
        "database has cores and disk to scan with (here 2 cores, shared). A day-grain "
        "question is never stored (only weeks and months are): the week by day × channel "
        f"took {r['final_probe']['week_by_day_by_channel_seconds']:.1f} s after the fill "
        "too.",
        "",
        "## At a million a day (scaled from the figures above)",
        "",
        "Every step here is an append or a scan of the rows it covers, so it is scaled "
        f"linearly in rows: the import's rows/s {trend} as the table grows, and a live scan "
        "costs the median of its seconds per row over the days (the shared machine makes "
        "single days noisy). Scaled, not measured:",
        "",
    ]
    scale = 1_000_000 / daily
    week_rows = 7_000_000
    per_row_week = week_fill / rows
    mib_per_million = days[-1]["interactions_interaction"]["total_mib"] / rows * 1e6
    per_row_month = month_fill / rows
    live_per_row = statistics.median(d["week_so_far_seconds"] / d["interactions"]
                                     for d in days)
    lines += [
        f"- import: {1_000_000 / import_rate / 60:.0f} min a day at the measured "
        f"{import_rate:,.0f} rows/s (one import process; the answers "
        f"{sum(d['responses_seconds'] for d in days) / len(days) * scale / 60:.1f} min more);",
        f"- the weekly fill, once a week: {per_row_week * week_rows / 60:.0f} min for "
        f"{week_rows:,} rows in one process;",
        f"- the monthly fill, once a month: {per_row_month * 31_000_000 / 60:.0f} min for "
        "31,000,000 rows in one process;",
        f"- storage: {mib_per_million / 1024 * 365:,.0f} GiB a year for the interactions "
        f"with their indexes ({mib_per_million:,.0f} MiB per "
        "million rows);",
        f"- a live week so far at 7,000,000 rows: {live_per_row * week_rows:.0f} s per "
        "dashboard request; the unsettled stretch is up to 15 days (the current week and "
        f"the 8 settling days), {live_per_row * 15_000_000:.0f} s.",
        "",
        f"Raw figures: bench/{RESULTS.with_suffix('.json').name}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["step"]:
        print(json.dumps(STEPS[sys.argv[2]](*sys.argv[3:])))
        return
    if sys.argv[1:2] == ["report"]:
        RESULTS.write_text(report(json.loads(RESULTS.with_suffix(".json").read_text())))
        return
    server = postgres_server(__file__)
    started = time.perf_counter()
    name = f"kliento_scaleout_{os.getpid()}"
    url = database(server, name)
    result: dict = {"daily": DAILY, "days": DAYS, "workers": WORKERS, "cores": os.cpu_count(),
                    "days_measured": []}
    rng = random.Random(21)
    try:
        with tempfile.TemporaryDirectory(prefix="kliento-scale-out-") as workdir:
            folder = Path(workdir)
            env = {key: value for key, value in os.environ.items()
                   if not key.startswith(("KLIENTO_CELERY_", "DJANGO_SETTINGS_MODULE"))}
            env |= {"DATABASE_URL": url, "KLIENTO_VAR_DIR": str(folder / "var"),
                    "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
            kliento(env, "migrate", "-v", "0")
            step(env, "setup")
            customers = max(10_000, DAILY // 2)
            write_customers(folder / "customers.csv", customers)
            result["customers"] = customers
            result["customers_seconds"] = kliento(env, "import", "customers",
                                                  str(folder / "customers.csv"))
            for offset in range(DAYS):
                day = FIRST_DAY + timedelta(days=offset)
                interactions, responses = write_day(folder, day, customers, rng)
                measured = {"day": str(day), "load_before": load()}
                measured["import_seconds"] = kliento(env, "import", "interactions",
                                                     str(interactions))
                measured["responses"] = sum(1 for _ in responses.open()) - 1
                measured["responses_seconds"] = kliento(env, "import", "survey_responses",
                                                        str(responses))
                measured |= step(env, "probe", str(day))
                measured["load_after"] = load()
                interactions.unlink()
                responses.unlink()
                result["days_measured"].append(measured)
                print(json.dumps(measured), file=sys.stderr, flush=True)
            last_day = str(FIRST_DAY + timedelta(days=DAYS - 1))
            result["before_fill"] = step(env, "after", last_day)
            result["inline"] = step(env, "fill", "inline", str(FILL_DAY)) | {"load": load()}
            result["inline_parts"] = step(env, "fill", "parts", str(FILL_DAY))
            print(json.dumps(result["inline"]), file=sys.stderr, flush=True)
            result["after_fill"] = step(env, "after", last_day)
            step(env, "fill", "forget", str(FILL_DAY))
            result["spread"] = spread_fill(env, folder, url)
            result["spread_parts"] = step(env, "fill", "parts", str(FILL_DAY))
            print(json.dumps(result["spread"]), file=sys.stderr, flush=True)
            result["final_probe"] = step(env, "probe", last_day)
    finally:
        if not os.environ.get("BENCH_SCALE_OUT_KEEP"):
            drop(server, name)
    result["minutes"] = (time.perf_counter() - started) / 60
    RESULTS.with_suffix(".json").write_text(json.dumps(result, indent=1))
    RESULTS.write_text(report(result))
    print(f"done in {result['minutes']:.1f} min; {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
