#!/usr/bin/env python3
"""One benchmark measurement in a fresh process (so peak memory is its own):

    kpi_paths.py load N           build N demo interactions in $DATABASE_URL
    kpi_paths.py live             full KPI set by week × channel, straight from the tables
    kpi_paths.py rollups          the same through the rollups (fill once, then read)
    kpi_paths.py pandas           the same KPIs computed by a straightforward pandas program

Prints one JSON line: seconds per run (best and median of REPEAT) and peak RSS in MiB.
"""

import json
import os
import resource
import statistics
import sys
import time
import warnings
from datetime import date

import django

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function) -> dict:
    seconds = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return {"best": min(seconds), "median": statistics.median(seconds), "rows": len(result)}


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
        a["grade"] = 0.125 * (a.tangibles + a.responsiveness + a.assurance + a.empathy) \
            + 0.5 * a.reliability
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
                                      end=date(2026, 11, 15), batch_size=20_000))
        result |= {"seconds": time.perf_counter() - started, "interactions": summary.interactions,
                   "survey_responses": summary.survey_responses}
    elif action == "live":
        from kliento.analytics.metrics import run_metrics

        q = query()
        result |= timed(lambda: run_metrics(q))
    elif action == "rollups":
        from kliento.analytics.rollups import rollups_fill, run_metrics_with_rollups

        started = time.perf_counter()
        written = rollups_fill()
        result["fill_seconds"] = time.perf_counter() - started
        result["fill_rows"] = written
        q = query()
        result |= timed(lambda: run_metrics_with_rollups(q))
    elif action == "pandas":
        read_seconds, compute = pandas_kpis()
        result["read_seconds"] = read_seconds
        result |= timed(compute)
    result["peak_mib"] = peak_mib()
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
