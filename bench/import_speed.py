#!/usr/bin/env python3
"""`make bench`, third part: importing interactions from CSV against the database's own raw
bulk load of the same file (sqlite3 ``executemany``; PostgreSQL ``COPY``), measured in the
same run on fresh databases. Writes bench/results-imports.md.

BENCH_IMPORT_ROWS (default 1000000) sets the file's size; BENCH_BACKENDS (sqlite,postgresql)
the databases. The raw load does only what the database needs: read the CSV and insert the
columns, no checking — Kliento's import also checks every cell, resolves customers and
agents, derives the local day and durations, skips rows already there and reports refusals.
"""

import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "1000000"))
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",")
RESULTS = HERE / os.environ.get("BENCH_IMPORT_RESULTS", "results-imports.md")
CHANNELS = ("phone", "email", "chat", "store", "web")
GNU_TIME = "/usr/bin/time"  # GNU time (Debian package "time") reports a command's peak memory


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    rng = random.Random(7)
    customers = max(1000, rows // 4)
    customer_file = folder / "customers.csv"
    with customer_file.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "full_name", "preferred_language"])
        for n in range(customers):
            writer.writerow([f"C-{n}", f"Klientė Nr. {n} Ąžuolaitė", "lt"])
    interaction_file = folder / "interactions.csv"
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with interaction_file.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "customer_external_id", "channel", "kind", "opened_at",
                         "first_response_at", "resolved_at", "language", "text"])
        for n in range(rows):
            opened = start + timedelta(seconds=rng.randrange(0, 300 * 86400))
            answered = opened + timedelta(seconds=rng.randrange(30, 7200))
            resolved = answered + timedelta(seconds=rng.randrange(60, 86400))
            writer.writerow([f"T-{n}", f"C-{rng.randrange(customers)}", rng.choice(CHANNELS),
                             "question", opened.isoformat(timespec="seconds"),
                             answered.isoformat(timespec="seconds"),
                             resolved.isoformat(timespec="seconds"), "lt",
                             "Kada atvyks mano užsakymas?"])
    return customer_file, interaction_file


def raw_load(database_url: str, path: str) -> None:
    """Inside Django (for the channel and customer ids): the raw load of the same rows."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from kliento.customers.models import Customer
    from kliento.interactions.models import Channel

    channels = dict(Channel.objects.values_list("code", "pk"))
    customers = dict(Customer.objects.values_list("external_id", "pk"))
    columns = ("external_id", "customer_id", "channel_id", "kind", "opened_at",
               "first_response_at", "resolved_at", "language", "text", "opened_on",
               "upsell_offered", "upsell_accepted")
    started = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as handle, transaction.atomic(), \
            connection.cursor() as cursor:
        reader = csv.reader(handle)
        next(reader)
        rows = ((row[0], customers[row[1]], channels[row[2]], row[3], row[4], row[5], row[6],
                 row[7], row[8], row[4][:10], False, False) for row in reader)
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                    f"COPY interactions_interaction ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join("?" * len(columns))
            cursor.cursor.executemany(
                f"INSERT INTO interactions_interaction ({', '.join(columns)}) "
                f"VALUES ({placeholders})", rows)
    print(json.dumps({"seconds": time.perf_counter() - started,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def database(backend: str, folder: Path, name: str, server: str | None) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / (name + '.sqlite3')}"
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + f"/{name}"


def kliento(url: str, folder: Path, *args: str) -> tuple[float, float]:
    """Run a kliento command; its wall time and its own peak memory (GNU time's %M)."""
    env = os.environ | {"DATABASE_URL": url, "KLIENTO_VAR_DIR": str(folder)}
    peak_file = folder / "peak.txt"
    started = time.perf_counter()
    subprocess.run([GNU_TIME, "-f", "%M", "-o", str(peak_file), PYTHON, "-m", "kliento.cli",
                    *args], env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, int(peak_file.read_text().split()[-1]) / 1024


def measure(backend: str, folder: Path, server: str | None) -> dict:
    customers, interactions = folder / "customers.csv", folder / "interactions.csv"
    result = {"backend": backend, "rows": ROWS}
    for path in ("raw", "kliento"):
        url = database(backend, folder, f"kliento_bench_import_{path}", server)
        kliento(url, folder, "migrate", "-v", "0")
        kliento(url, folder, "import", "customers", str(customers))
        if path == "raw":
            env = os.environ | {"DATABASE_URL": url, "KLIENTO_VAR_DIR": str(folder)}
            out = subprocess.run([PYTHON, __file__, "raw", url, str(interactions)], env=env,
                                 check=True, capture_output=True, text=True)
            result["raw"] = json.loads(out.stdout.strip().splitlines()[-1])
        else:
            seconds, peak_mib = kliento(url, folder, "import", "interactions", str(interactions))
            result["kliento"] = {"seconds": seconds, "peak_mib": peak_mib}
        print(f"  {backend} {path}: {result.get(path)}", file=sys.stderr, flush=True)
    return result


def report(results: list[dict], seconds: float) -> str:
    lines = [
        "# Import speed: interactions from CSV",
        "",
        f"{ROWS:,} rows; {os.cpu_count()} cores; whole run {seconds / 60:.1f} min. Generated "
        "by `make bench` (bench/import_speed.py). *Raw* is the database's own bulk load of "
        "the same file with no checking (sqlite3 `executemany`, PostgreSQL `COPY`); "
        "*Kliento* is `kliento import interactions FILE`, which checks every cell, resolves "
        "customers, derives local days and durations, skips rows already there and reports "
        "refusals, stages the rows and stores them with each one's next contact (repeat "
        "contacts), then marks the rollups to recompute. Both start from a fresh "
        "database holding the customers.",
        "",
        "| database | raw (s) | raw rows/s | Kliento (s) | Kliento rows/s | share of raw speed "
        "| Kliento peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        raw, ours = r["raw"]["seconds"], r["kliento"]["seconds"]
        lines.append(f"| {r['backend']} | {raw:.1f} | {ROWS / raw:,.0f} | {ours:.1f} "
                     f"| {ROWS / ours:,.0f} | {raw / ours:.0%} | {r['kliento']['peak_mib']:.0f} |")
    lines += ["", "Raw figures:", "", "```json", json.dumps(results, indent=1), "```", ""]
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["raw"]:
        raw_load(sys.argv[2], sys.argv[3])
        return
    server = os.environ.get("KLIENTO_TEST_POSTGRES_URL") or (
        os.environ.get("DATABASE_URL") if os.environ.get("KLIENTO_BENCH_INSIDE") else None)
    if "postgresql" in BACKENDS and not server:
        if os.environ.get("KLIENTO_BENCH_INSIDE"):
            sys.exit("no PostgreSQL server")
        sys.exit(subprocess.run([PYTHON, str(ROOT / "scripts" / "with_postgres.py"), "env",
                                 "KLIENTO_BENCH_INSIDE=1", PYTHON, __file__]).returncode)
    if not Path(GNU_TIME).exists():
        sys.exit("bench/import_speed.py needs GNU time at /usr/bin/time (apt-get install time)")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kliento-import-bench-") as workdir:
        folder = Path(workdir)
        write_files(folder, ROWS)
        results = [measure(backend, folder, server) for backend in BACKENDS]
    text = report(results, time.perf_counter() - started)
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
