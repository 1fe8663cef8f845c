#!/usr/bin/env python3
"""`make bench`: the full KPI set by week × channel on SQLite and PostgreSQL, through the live
SQL path and through the rollups, each against a straightforward pandas program measured in
the same run on the same data. Writes bench/results.md.

BENCH_SIZES=1000000,10000000 (default 1000000) sets the interaction counts, BENCH_BACKENDS
(default sqlite,postgresql) the databases and BENCH_RESULTS the report's file name in bench/.
PostgreSQL is KLIENTO_TEST_POSTGRES_URL's server, or a throwaway cluster started for the run.
BENCH_REUSE_SQLITE / BENCH_REUSE_POSTGRESQL name databases already loaded by
``kpi_paths.py load`` (same seed and size) to skip loading them again.

Besides the KPI paths it times the dashboard and explore pages for every period (12, 26, 52
weeks) and focus (none, the busiest team, the busiest agent), and ``/api/v1/metrics`` for a
year by week × channel against a hand-written DuckDB query of the same rows.
"""

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",")
RESULTS = HERE / os.environ.get("BENCH_RESULTS", "results.md")


def measure(action: str, url: str, *args: str) -> dict:
    env = os.environ | {"DATABASE_URL": url}
    out = subprocess.run([PYTHON, str(HERE / "kpi_paths.py"), action, *args], env=env,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  {action:8s} {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


def postgres_database(server_url: str, name: str) -> str:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def run_all(sizes: list[int], postgres_server: str | None) -> list[dict]:
    results = []
    reuse = {"SQLite": os.environ.get("BENCH_REUSE_SQLITE"),
             "PostgreSQL": os.environ.get("BENCH_REUSE_POSTGRESQL")}
    with tempfile.TemporaryDirectory(prefix="kliento-bench-") as workdir:
        for size in sizes:
            targets = {}
            if "sqlite" in BACKENDS:
                targets["SQLite"] = (reuse["SQLite"]
                                     or f"sqlite:///{workdir}/bench-{size}.sqlite3")
            if "postgresql" in BACKENDS:
                targets["PostgreSQL"] = reuse["PostgreSQL"] or postgres_database(
                    postgres_server, f"kliento_bench_{size}")
            for backend, url in targets.items():
                print(f"{backend}, {size:,} interactions", file=sys.stderr, flush=True)
                row = {"backend": backend, "size": size,
                       "load": (measure("counts", url) if reuse[backend]
                                else measure("load", url, str(size)))}
                row["pandas"] = measure("pandas", url)
                row["live"] = measure("live", url)
                row["rollups"] = measure("rollups", url)
                row["pages"] = measure("pages", url)
                row["duckdb"] = measure("duckdb", url)
                results.append(row)
    return results


TARGET_SECONDS = 0.3  # dashboard and explore at 1M interactions
TARGET_SECONDS_10M = 1.0  # … and above 1M, up to 10M
TARGET_FILL_SECONDS_10M = 300  # the rollup fill at 10M


def page_target(size: int) -> float:
    return TARGET_SECONDS if size <= 1_000_000 else TARGET_SECONDS_10M
TARGET_DUCKDB_RATIO = 3.0  # /api/v1/metrics within 3× of DuckDB


def pages_report(results: list[dict]) -> list[str]:
    lines = [
        "", "## Pages: dashboard and explore for every period and focus", "",
        f"Best of {os.environ.get('BENCH_REPEAT', '3')} requests through Django's test client "
        "(view, selectors, template), looking from the data's last day so the unfinished "
        f"weeks are computed live. Target: under {TARGET_SECONDS * 1000:.0f} ms at 1M "
        f"interactions, under {TARGET_SECONDS_10M * 1000:.0f} ms at 10M. Explore is by week × "
        "channel with its driver and broken-promise cards. Before the pages, the worker's "
        "sweep (every minute) stores the unsettled days before today once, as it would have "
        "(kliento.analytics.provisional); only today is computed live.",
        "",
        "| database | interactions | the sweep's provisional days (s) "
        "| the worker's preparation of the pages' settled parts, once per fill and day (s) |",
        "|---|---:|---:|---:|",
        *(f"| {r['backend']} | {r['size']:,} | {r['pages'].get('provisional_seconds', 0):.1f} "
          f"| {r['pages'].get('prepare_seconds', 0):.1f} |" for r in results),
        "",
        "| database | interactions | page | 12 weeks (ms) | 26 weeks (ms) | 52 weeks (ms) "
        "| all under target? |",
        "|---|---:|---|---:|---:|---:|---|",
    ]
    for r in results:
        pages = r["pages"]
        rows = [(f"dashboard, focus {focus}",
                 [pages["dashboard"][f"{weeks}/{focus}"]["best"] for weeks in (12, 26, 52)])
                for focus in ("none", "team", "agent")]
        rows.append(("explore", [pages["explore"][str(weeks)]["best"] for weeks in (12, 26, 52)]))
        for name, seconds in rows:
            met = "yes" if max(seconds) < page_target(r["size"]) else "no"
            lines.append(f"| {r['backend']} | {r['size']:,} | {name} | "
                         + " | ".join(f"{s * 1000:.0f}" for s in seconds) + f" | {met} |")
    if all("first" in r["pages"]["explore"]["12"] for r in results):
        lines += [
            "", "The first request of each page, period and focus in the measuring process: "
            "nothing kept in its memory, as in a web process right after a fill (the process "
            "itself is warmed by a request not measured); what the worker prepared and shared "
            "(the settled days' parts, kliento.analytics.prepared) is read from the database, "
            "the stored weeks' rows are read and added up.", "",
            "| database | page | 12 weeks (ms) | 26 weeks (ms) | 52 weeks (ms) |",
            "|---|---|---:|---:|---:|",
        ]
        for r in results:
            pages = r["pages"]
            for focus in ("none", "team", "agent"):
                lines.append(f"| {r['backend']} | dashboard, focus {focus} | " + " | ".join(
                    f"{pages['dashboard'][f'{weeks}/{focus}']['first'] * 1000:.0f}"
                    for weeks in (12, 26, 52)) + " |")
            lines.append(f"| {r['backend']} | explore | " + " | ".join(
                f"{pages['explore'][str(weeks)]['first'] * 1000:.0f}"
                for weeks in (12, 26, 52)) + " |")
    lines += [
        "", "## /api/v1/metrics against DuckDB: a year by week × channel", "",
        "DuckDB runs a hand-written query over the same raw rows already in its memory "
        "(loading them is not timed); the API is timed as a request (rollups for finished "
        f"weeks, live SQL for the rest, JSON). Target: ratio at most {TARGET_DUCKDB_RATIO:.0f}.",
        "",
        "| database | interactions | API (ms) | DuckDB (ms) | ratio API ÷ DuckDB | met? |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        api, duck = r["pages"]["metrics_api"]["best"], r["duckdb"]["best"]
        lines.append(f"| {r['backend']} | {r['size']:,} | {api * 1000:.0f} | {duck * 1000:.0f} "
                     f"| {api / duck:.1f} "
                     f"| {'yes' if api / duck <= TARGET_DUCKDB_RATIO else 'no'} |")
    return lines


def write_report(results: list[dict], seconds: float) -> str:
    lines = [
        "# KPI benchmark: full KPI set by week × channel",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; whole run {seconds / 60:.1f} min. "
        "Generated by `make bench` (bench/run.py); times are the best of "
        f"{os.environ.get('BENCH_REPEAT', '3')} runs, peak memory is the measuring process's "
        "maximum RSS.",
        "",
        "The baseline is a straightforward pandas program computing the same KPIs (NPS, CSAT, "
        "CES, KV, service grade, first-response and resolution p50/p90, SLA attainment, "
        "promise-kept rate, first-contact resolution, repeat contact) from the same tables: "
        "`pandas read` is loading the columns from the database, `pandas compute` the "
        "group-by work on data already in memory. Ratios are pandas (read + compute) ÷ the "
        "path; above 1 means Kliento's path is faster. The rollup fill is one process reading "
        "each fact table once a month for every grain and breakdown "
        f"(kliento.analytics.fill_scan); target at 10M: under {TARGET_FILL_SECONDS_10M} s.",
        "",
        "| database | interactions | responses | pandas read + compute (s) | pandas peak MiB "
        "| live SQL (s) | ratio | live peak MiB | rollup fill, once (s) | rollup read (s) "
        "| ratio | rollup peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        pandas_total = r["pandas"]["read_seconds"] + r["pandas"]["best"]
        lines.append(
            f"| {r['backend']} | {r['size']:,} | {r['load']['survey_responses']:,} "
            f"| {r['pandas']['read_seconds']:.2f} + {r['pandas']['best']:.2f} "
            f"| {r['pandas']['peak_mib']:.0f} "
            f"| {r['live']['best']:.2f} | {pandas_total / r['live']['best']:.2f} "
            f"| {r['live']['peak_mib']:.0f} "
            f"| {r['rollups']['fill_seconds']:.1f} | {r['rollups']['best']:.3f} "
            f"| {pandas_total / r['rollups']['best']:.2f} | {r['rollups']['peak_mib']:.0f} |"
        )
    lines += pages_report(results)
    lines += ["", "Raw figures:", "", "```json", json.dumps(results, indent=1), "```", ""]
    return "\n".join(lines)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000000").split(",")]
    server = os.environ.get("KLIENTO_TEST_POSTGRES_URL") or (
        os.environ.get("DATABASE_URL") if os.environ.get("KLIENTO_BENCH_INSIDE") else None)
    if not server and "postgresql" in BACKENDS and not os.environ.get("BENCH_REUSE_POSTGRESQL"):
        # Re-run ourselves inside a throwaway cluster.
        sys.exit(subprocess.run([PYTHON, str(ROOT / "scripts" / "with_postgres.py"), "env",
                                 "KLIENTO_BENCH_INSIDE=1", PYTHON, __file__]).returncode
                 if not os.environ.get("KLIENTO_BENCH_INSIDE") else 1)
    started = time.perf_counter()
    results = run_all(sizes, server)
    report = write_report(results, time.perf_counter() - started)
    RESULTS.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
