#!/usr/bin/env python3
"""The customer as a whole at scale (issue 19): BENCH_JOURNEY_INTERACTIONS interactions
(default 1,000,000) over a quarter as many customers, with orders and responses, loaded by
SQL on a fresh SQLite database (DATABASE_URL to use another). Times, in one run: the lifecycle
refresh (a job), a customer's profile (timeline page, scores, status), the at-risk list's
first page, the journey map and its paths for a year — and the journey map's per-touchpoint
figures in pandas over the same rows, read out of the database, for the ratio.
Writes bench/results-journeys.md.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
INTERACTIONS = int(os.environ.get("BENCH_JOURNEY_INTERACTIONS", "1000000"))
RESULTS = HERE / os.environ.get("BENCH_JOURNEY_RESULTS", "results-journeys.md")


def timed(action, repeat: int = 5) -> float:
    """Median wall time of ``action`` in milliseconds (after one warm-up)."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def load(customers: int, interactions: int) -> None:
    """Rows made by the database itself (recursive CTEs): no Python loop per row."""
    from django.db import connection

    from kliento.interactions.models import Channel, Touchpoint
    from kliento.interactions.services import channels_ensure

    channels_ensure()
    stages = ("before", "before", "during", "during", "after", "after", "after", "after")
    for n, stage in enumerate(stages):
        Touchpoint.objects.get_or_create(name=f"Touchpoint {n}", defaults={
            "journey_stage": stage, "channel": Channel.objects.order_by("pk")[n % 7]})
    with connection.cursor() as cursor:
        cursor.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)
            INSERT INTO customers_customer (external_id, full_name, email, phone, city, country,
                preferred_language, consents_to_surveys, consents_to_promise_updates,
                consents_to_offers, created_at)
            SELECT 'C-' || i, 'Klientė Nr. ' || i || ' Žuolaitė', 'c' || i || '@example.lt',
                   '', '', 'LT', 'lt', 1, 0, 0, '2024-01-01 00:00:00' FROM n""", [customers])
        cursor.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)
            INSERT INTO interactions_interaction (customer_id, channel_id, touchpoint_id, kind,
                opened_at, opened_on, text, language, upsell_offered, upsell_accepted)
            SELECT 1 + (i * 7919) %% %s, 1 + i %% 7,
                   (SELECT MIN(id) FROM interactions_touchpoint) + (i * 31) %% 8,
                   CASE WHEN i %% 9 = 0 THEN 'complaint' ELSE 'question' END,
                   datetime('2025-12-01', '+' || ((i * 104729) %% 31536000) || ' seconds'),
                   date(datetime('2025-12-01', '+' || ((i * 104729) %% 31536000)
                        || ' seconds')), '', 'lt', 0, 0 FROM n""", [interactions, customers])
        cursor.execute("""
            INSERT INTO orders_order (external_id, customer_id, ordered_at, ordered_on, amount,
                currency, items, item_count)
            SELECT 'O-' || id, customer_id, opened_at, opened_on, 20 + (id * 37) %% 400,
                   'EUR', '', 1 FROM interactions_interaction WHERE id %% 3 = 0""", [])
        cursor.execute("""
            INSERT INTO surveys_surveyresponse (customer_id, interaction_id, touchpoint_id,
                responded_at, responded_on, language, nps, csat, expectation, experience,
                comment, answers)
            SELECT customer_id, id, touchpoint_id, opened_at, opened_on, 'lt',
                   (id * 13) %% 11, 1 + (id * 7) %% 5, 1 + (id * 3) %% 10,
                   1 + (id * 5 + touchpoint_id) %% 10, '', '{}'
            FROM interactions_interaction WHERE id %% 5 = 0""", [])
        cursor.execute("ANALYZE")


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="kliento-journeys-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")
    sys.path.insert(0, str(HERE.parent / "src"))
    import django

    django.setup()
    from datetime import UTC, datetime

    import pandas as pd
    from django.core.management import call_command
    from django.db import connection

    from kliento.customers.models import Customer
    from kliento.journeys import selectors
    from kliento.journeys.rollups import journey_rollups_fill
    from kliento.journeys.services import lifecycle_refresh
    from kliento.surveys.models import SurveyResponse

    call_command("migrate", verbosity=0)
    customers = max(1000, INTERACTIONS // 4)
    started = time.perf_counter()
    load(customers, INTERACTIONS)
    loaded = time.perf_counter() - started
    now = datetime(2026, 12, 1, tzinfo=UTC)
    started = time.perf_counter()
    lifecycle_refresh(now)
    refresh = time.perf_counter() - started
    started = time.perf_counter()
    state = journey_rollups_fill(now)
    fill = time.perf_counter() - started
    someone = Customer.objects.get(external_id=f"C-{customers // 2}").pk
    everyone = Customer.objects.all()
    # The map's default period on the fill day: twelve rolled-up months and one live day,
    # the paths read from the stored counts.
    start, end = state.paths_start, state.paths_end

    def profile():
        selectors.customer_timeline(someone, limit=30)
        selectors.customer_scores(someone)
        selectors.customer_status(someone)

    def at_risk():
        list(selectors.at_risk_list(everyone)[:25])
        selectors.at_risk_list(everyone).count()

    def journey():
        selectors.journey_map(start, end)
        selectors.journey_paths(start, end)

    def journey_pandas():
        rows = pd.DataFrame.from_records(SurveyResponse.objects.filter(
            responded_on__range=(start, end)).values_list(
            "touchpoint_id", "nps", "csat", "expectation", "experience"),
            columns=["touchpoint", "nps", "csat", "expectation", "experience"])
        rows["kv"] = rows["experience"] / rows["expectation"]
        rows.groupby("touchpoint").agg(
            n=("kv", "size"), kv=("kv", "mean"),
            promoters=("nps", lambda s: (s >= 9).sum()),
            detractors=("nps", lambda s: (s <= 6).sum()),
            satisfied=("csat", lambda s: (s >= 4).sum()))

    def journey_map_only():
        selectors.journey_map(start, end)

    def journey_raw():
        selectors.journey_map(start, end, use_rollups=False)
        selectors.journey_paths(start, end, use_rollups=False)

    def journey_map_raw():
        selectors.journey_map(start, end, use_rollups=False)

    results = {
        "interactions": INTERACTIONS, "customers": customers, "load_s": round(loaded, 1),
        "lifecycle_refresh_s": round(refresh, 1), "rollups_fill_s": round(fill, 1),
        "profile_ms": round(timed(profile), 1), "at_risk_ms": round(timed(at_risk), 1),
        "journey_map_and_paths_ms": round(timed(journey, 3), 1),
        "journey_map_ms": round(timed(journey_map_only, 3), 1),
        "journey_map_pandas_ms": round(timed(journey_pandas, 3), 1),
        "journey_map_raw_ms": round(timed(journey_map_raw, 1), 1),
        "journey_map_and_paths_raw_ms": round(timed(journey_raw, 1), 1),
        "database": connection.vendor,
    }
    results["map_ratio_to_pandas"] = round(results["journey_map_ms"]
                                           / results["journey_map_pandas_ms"], 2)
    print(json.dumps(results))
    RESULTS.write_text(
        "# Journeys at scale (issue 19)\n\n"
        f"{INTERACTIONS:,} interactions, {customers:,} customers, one order per three "
        "interactions, one response per five; "
        f"{results['database']}; medians of 5 runs (3 for the journey map) after a warm-up, "
        "on a machine shared with other work.\n\n"
        "| measure | time | target |\n|---|---|---|\n"
        f"| load (SQL) | {results['load_s']} s | — |\n"
        f"| lifecycle refresh (job) | {results['lifecycle_refresh_s']} s | — |\n"
        f"| journey rollups fill (job, after the refresh) | {results['rollups_fill_s']} s | — |\n"
        f"| profile: timeline page + scores + status | {results['profile_ms']} ms | < 300 ms |\n"
        f"| at-risk list: first page + count | {results['at_risk_ms']} ms | < 300 ms |\n"
        f"| journey map + paths (default year, rollups) | "
        f"{results['journey_map_and_paths_ms']} ms | < 1 s |\n"
        f"| journey map figures (rollups + live day) | {results['journey_map_ms']} ms | — |\n"
        f"| journey map + paths from the raw rows (median of 1) | "
        f"{results['journey_map_and_paths_raw_ms']} ms | — |\n"
        f"| journey map figures from the raw rows (median of 1) | "
        f"{results['journey_map_raw_ms']} ms | — |\n"
        f"| the same figures in pandas (rows read from the database) | "
        f"{results['journey_map_pandas_ms']} ms | — |\n"
        f"| ratio map ÷ pandas | {results['map_ratio_to_pandas']} | — |\n", encoding="utf-8")


if __name__ == "__main__":
    main()
