#!/usr/bin/env python3
"""One benchmark measurement in a fresh process (so peak memory is its own):

    kpi_paths.py load N           build N demo interactions in $DATABASE_URL
    kpi_paths.py counts           how many an already loaded database holds
    kpi_paths.py live             full KPI set by week × channel, straight from the tables
    kpi_paths.py rollups          the same through the rollups (fill once, then read)
    kpi_paths.py pandas           the same KPIs computed by a straightforward pandas program
    kpi_paths.py pages            the dashboard and explore pages for every period and focus,
                                  and /api/v1/metrics for a year by week × channel
    kpi_paths.py duckdb           a hand-written DuckDB query of that year by week × channel

The page measurements and the rollup fill run on the data's last day (time-machine), so the
unfinished weeks are computed live as on a working day.

Prints one JSON line: seconds per run (best and median of REPEAT) and peak RSS in MiB.
"""

import json
import os
import resource
import statistics
import sys
import time
import warnings
from datetime import date, timedelta

import django
import time_machine
from django.db.models import Count

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
DATA_END = date(2026, 11, 15)  # the demo's last day (a Sunday): the pages look from it
NOW = "2026-11-15 17:00:00+02:00"
PERIODS = (12, 26, 52)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function) -> dict:
    seconds = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    # "first": the first of the runs, before anything was kept in Django's cache (the pages
    # keep the finished weeks' figures until the rollups' next fill): as after a fill.
    return {"best": min(seconds), "median": statistics.median(seconds), "first": seconds[0],
            "rows": len(result)}


def span():
    from django.db.models import Max, Min

    from kliento.interactions.models import Interaction

    found = Interaction.objects.aggregate(first=Min("opened_on"), last=Max("opened_on"))
    return found["first"], found["last"]


def query():
    from kliento.analytics.buckets import Grain
    from kliento.analytics.metrics import Breakdown, MetricsQuery

    first, last = span()
    return MetricsQuery(first, last, Grain.WEEK, Breakdown.CHANNEL)


def year_by_week_and_channel() -> dict:
    first_monday = DATA_END - timedelta(days=DATA_END.weekday()) - timedelta(weeks=51)
    return {"start": str(first_monday), "end": str(DATA_END), "grain": "week",
            "breakdown": "channel"}


def page_timings() -> dict:
    """Each page through Django's test client (views, selectors, templates, JSON), as a
    manager asks for it; times in seconds."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kliento.interactions.models import Interaction

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
    user, _ = get_user_model().objects.get_or_create(
        username="bench-manager", defaults={"is_superuser": True, "is_staff": True})
    client = Client()
    client.force_login(user)
    busiest = {kind: str(Interaction.objects.exclude(**{kind: None}).values(kind)
                         .annotate(n=Count("id")).order_by("-n").values_list(kind, flat=True)[0])
               for kind in ("team_id", "agent_id")}
    focuses = {"none": "", "team": f"team:{busiest['team_id']}",
               "agent": f"agent:{busiest['agent_id']}"}

    def get(url, params):
        def call():
            response = client.get(url, params)
            assert response.status_code == 200, (url, params, response.status_code)
            return [response]
        return timed(call)

    # The process's own first request (templates, translations, URL patterns loaded) on a
    # period not measured, so that each measurement's "first" is only its own first request:
    # nothing kept yet for its period, as after a fill of the rollups.
    client.get("/dashboard/", {"weeks": 4})
    out: dict = {"dashboard": {}, "explore": {}}
    for weeks in PERIODS:
        for name, focus in focuses.items():
            out["dashboard"][f"{weeks}/{name}"] = get("/dashboard/", {"weeks": weeks,
                                                                      "focus": focus})
        start = DATA_END - timedelta(days=DATA_END.weekday()) - timedelta(weeks=weeks - 1)
        out["explore"][f"{weeks}"] = get("/dashboard/explore/", {
            "start": str(start), "end": str(DATA_END), "grain": "week",
            "breakdown": "channel"})
    out["metrics_api"] = get("/api/v1/metrics", year_by_week_and_channel())
    return out


DUCKDB_QUERY = """
WITH i AS (
  SELECT date_trunc('week', opened_on) AS week, channel_id, count(*) AS interactions,
         count(frt) AS answered, count(*) FILTER (frt <= target) AS within_target,
         count(*) FILTER (next_contact <= 604800) AS repeats, count(resolved_at) AS resolved,
         count(*) FILTER (resolved_at IS NOT NULL AND NOT coalesce(next_contact <= 604800, false))
           AS first_contact_resolved,
         quantile_cont(frt, [0.5, 0.9]) AS first_response, quantile_cont(res, [0.5, 0.9])
           AS resolution
  FROM contacts WHERE opened_on BETWEEN $start AND $end GROUP BY ALL),
s AS (
  SELECT date_trunc('week', responded_on) AS week, channel_id, count(*) AS responses,
         count(*) FILTER (nps >= 9) AS promoters, count(*) FILTER (nps <= 6) AS detractors,
         count(*) FILTER (nps BETWEEN 7 AND 8) AS passives, count(csat) AS csat_n,
         count(*) FILTER (csat >= 4) AS satisfied, avg(ces) AS ces, stddev(ces) AS ces_sd,
         avg(experience / expectation) AS kv, stddev(experience / expectation) AS kv_sd,
         avg(0.6 * reliability + 0.1 * (tangibles + responsiveness + assurance + empathy))
           AS grade
  FROM answers WHERE responded_on BETWEEN $start AND $end GROUP BY ALL),
p AS (
  SELECT date_trunc('week', due_on) AS week, channel_id, count(*) AS due,
         count(*) FILTER (status = 'kept') AS kept
  FROM promises WHERE due_on BETWEEN $start AND $end AND due_at < $now GROUP BY ALL)
SELECT * FROM i FULL JOIN s USING (week, channel_id) FULL JOIN p USING (week, channel_id)
"""


def duckdb_timings() -> dict:
    """The raw rows loaded into DuckDB's memory first (not timed), then the query."""
    import duckdb
    import pandas as pd
    from django.db import connection

    connection.ensure_connection()
    db = duckdb.connect()
    tables = {
        "contacts": "SELECT i.channel_id, i.opened_on, i.resolved_at, "
                    "i.first_response_seconds AS frt, i.resolution_seconds AS res, "
                    "i.next_contact_seconds AS next_contact, "
                    "c.first_response_target_seconds AS target FROM interactions_interaction i "
                    "JOIN interactions_channel c ON c.id = i.channel_id",
        "answers": "SELECT responded_on, channel_id, nps, csat, ces, experience, expectation, "
                   "tangibles, reliability, responsiveness, assurance, empathy "
                   "FROM surveys_surveyresponse",
        "promises": "SELECT p.due_on, p.due_at, p.status, i.channel_id FROM promises_promise p "
                    "LEFT JOIN interactions_interaction i ON i.id = p.interaction_id",
    }
    for name, sql in tables.items():
        frame = pd.read_sql_query(sql, connection.connection)
        for column in ("opened_on", "responded_on", "due_on"):
            if column in frame:
                frame[column] = pd.to_datetime(frame[column]).dt.date
        if "due_at" in frame:
            frame["due_at"] = pd.to_datetime(frame["due_at"], utc=True, format="mixed")
        db.register(f"{name}_frame", frame)
        db.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_frame")
    year = year_by_week_and_channel()
    params = {"start": date.fromisoformat(year["start"]), "end": DATA_END,
              "now": pd.Timestamp(NOW)}
    return timed(lambda: db.execute(DUCKDB_QUERY, params).fetchall())


def pandas_kpis():
    """The obvious pandas program: read the columns, group, aggregate."""
    import numpy as np
    import pandas as pd
    from django.db import connection

    from kliento.measure import CSAT_SATISFIED_FROM, DETRACTOR_UP_TO, PROMOTER_FROM

    connection.ensure_connection()
    read = time.perf_counter()
    contacts = pd.read_sql_query(
        "SELECT i.customer_id, i.channel_id, i.opened_at, i.opened_on, i.resolved_at, "
        "i.first_response_seconds AS frt, i.resolution_seconds AS res, "
        "c.first_response_target_seconds AS target FROM interactions_interaction i "
        "JOIN interactions_channel c ON c.id = i.channel_id", connection.connection)
    answers = pd.read_sql_query(
        "SELECT responded_on, channel_id, nps, csat, ces, experience, expectation, tangibles, "
        "reliability, responsiveness, assurance, empathy FROM surveys_surveyresponse",
        connection.connection)
    promises = pd.read_sql_query(
        "SELECT p.due_on, p.due_at, p.status, i.channel_id FROM promises_promise p "
        "LEFT JOIN interactions_interaction i ON i.id = p.interaction_id", connection.connection)
    read_seconds = time.perf_counter() - read

    def compute():
        def week(days):
            days = pd.to_datetime(days)
            return (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.date

        c = contacts.assign(week=week(contacts.opened_on),
                            opened=pd.to_datetime(contacts.opened_at, utc=True, format="mixed"))
        c = c.sort_values(["customer_id", "opened"])
        following = c.groupby("customer_id")["opened"].shift(-1)
        c["repeat"] = (following - c.opened) <= pd.Timedelta(days=7)
        c["resolved"] = c.resolved_at.notna()
        c["met"] = c.frt <= c.target
        c["fcr"] = c.resolved & ~c.repeat
        g = c.groupby(["week", "channel_id"])
        table = g.agg(interactions=("customer_id", "size"), answered=("frt", "count"),
                      met=("met", "sum"), repeats=("repeat", "sum"),
                      resolved=("resolved", "sum"), fcr=("fcr", "sum"))
        quantiles = g[["frt", "res"]].quantile([0.5, 0.9]).unstack()
        quantiles.columns = [f"{name}_p{round(q * 100)}" for name, q in quantiles.columns]
        a = answers.assign(week=week(answers.responded_on))
        a["promoter"], a["detractor"] = a.nps >= PROMOTER_FROM, a.nps <= DETRACTOR_UP_TO
        a["top"] = a.csat >= CSAT_SATISFIED_FROM
        a["kv"] = a.experience / a.expectation
        a["grade"] = 0.1 * (a.tangibles + a.responsiveness + a.assurance + a.empathy) \
            + 0.6 * a.reliability
        s = a.groupby(["week", "channel_id"]).agg(
            nps_n=("nps", "count"), promoters=("promoter", "sum"),
            detractors=("detractor", "sum"), csat_n=("csat", "count"), top=("top", "sum"),
            ces=("ces", "mean"), kv=("kv", "mean"), grade=("grade", "mean"))
        s["nps"] = 100 * (s.promoters - s.detractors) / s.nps_n
        now = pd.Timestamp.now(tz="UTC")
        p = promises[pd.to_datetime(promises.due_at, utc=True, format="mixed") < now]
        p = p.assign(week=week(p.due_on), kept=p.status == "kept")
        k = p.groupby(["week", "channel_id"]).agg(due=("kept", "size"), kept=("kept", "sum"))
        out = table.join(quantiles, how="outer").join(s, how="outer").join(k, how="outer")
        out["sla"] = 100 * out.met / out.answered
        return out[np.isfinite(out.interactions.fillna(0))]

    return read_seconds, compute


def main() -> None:
    # pandas warns that it only vouches for SQLAlchemy and sqlite3 connections; psycopg works.
    warnings.filterwarnings("ignore", message="pandas only supports SQLAlchemy")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")
    django.setup()
    action = sys.argv[1]
    result: dict = {"action": action}
    if action == "load":
        from django.core.management import call_command

        from kliento.demo.generator import DemoPlan, build_demo

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        summary = build_demo(DemoPlan(interactions=int(sys.argv[2]), seed=7, weeks=52,
                                      end=DATA_END, batch_size=20_000))
        result |= {"seconds": time.perf_counter() - started, "interactions": summary.interactions,
                   "survey_responses": summary.survey_responses}
    elif action == "counts":
        from kliento.interactions.models import Interaction
        from kliento.surveys.models import SurveyResponse

        result |= {"reused": True, "interactions": Interaction.objects.count(),
                   "survey_responses": SurveyResponse.objects.count()}
    elif action == "live":
        from kliento.analytics.metrics import run_metrics

        q = query()
        result |= timed(lambda: run_metrics(q))
    elif action == "rollups":
        from kliento.analytics.rollups import (
            rollups_fill,
            rollups_forget,
            run_metrics_with_rollups,
        )

        with time_machine.travel(NOW, tick=True):
            rollups_forget()  # a database loaded before: the fill is measured all the same
            started = time.perf_counter()
            written = rollups_fill()
            result["fill_seconds"] = time.perf_counter() - started
            result["fill_rows"] = written
            q = query()
            result |= timed(lambda: run_metrics_with_rollups(q))
    elif action == "pages":
        from kliento.analytics.finished import forget_kept
        from kliento.analytics.prepared import pages_prepare
        from kliento.analytics.provisional import provisional_days_refresh

        with time_machine.travel(NOW, tick=True):
            if os.environ.get("BENCH_PAGES_LIVE"):  # as with no worker running: all live
                result["provisional_rows"] = 0
            else:  # the worker's sweep, every minute, stores the days before today
                started = time.perf_counter()
                result["provisional_rows"] = provisional_days_refresh()
                result["provisional_seconds"] = time.perf_counter() - started
                # and, once per fill and day, the parts pages read from raw rows of settled
                # days; then the measuring process forgets them, as a new web process has
                # only what the worker shared.
                started = time.perf_counter()
                result["prepared_parts"] = pages_prepare()
                result["prepare_seconds"] = time.perf_counter() - started
                forget_kept()
            result |= page_timings()
    elif action == "duckdb":
        result |= duckdb_timings()
    elif action == "pandas":
        read_seconds, compute = pandas_kpis()
        result["read_seconds"] = read_seconds
        result |= timed(compute)
    result["peak_mib"] = peak_mib()
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
