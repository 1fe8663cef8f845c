"""The fill's one scan per fact table gives, for every grain and breakdown, exactly what the
pages' grouped query per grain and breakdown gives (on both databases: the PostgreSQL pass
runs GROUPING SETS, the SQLite pass its materialised CTE)."""

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kliento.analytics.buckets import Grain, next_bucket_of
from kliento.analytics.fill_scan import FILLED_GRAINS, fill_stats
from kliento.analytics.metrics import (
    ADDITIVE_STATS,
    SKETCH_STATS,
    Breakdown,
    MetricsQuery,
    PercentileMethod,
    collect_stats,
)
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset
from tests.factories import CustomerFactory, InteractionFactory, PromiseFactory

START, END = date(2026, 7, 20), date(2026, 10, 11)  # twelve weeks over four months


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo(DemoPlan(interactions=1500, weeks=12, seed=11, end=END))
        yield
        demo_reset()


def whole_buckets(grain: Grain, stats: dict, first: date, last: date) -> dict:
    return {key: s for key, s in stats.items()
            if key[0] >= first and next_bucket_of(grain, key[0]) - timedelta(days=1) <= last}


def assert_same(scanned, reference, where):
    assert set(scanned) == set(reference), where
    for key, s in reference.items():
        mine = scanned[key]
        for name in ADDITIVE_STATS:
            theirs, ours = getattr(s, name), getattr(mine, name)
            if isinstance(theirs, float) or isinstance(ours, float):
                assert math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-9), (where, key, name)
            else:
                assert ours == theirs, (where, key, name)
        for name in SKETCH_STATS:
            theirs, ours = getattr(s, name), getattr(mine, name)
            assert (ours and (ours.bins, ours.zeros)) == (theirs and (theirs.bins, theirs.zeros)), (
                where, key, name)


def the_same_as_each_grouped_query(first: date, last: date):
    found = fill_stats(first, last)
    assert set(found) == {(grain, b) for grain in FILLED_GRAINS for b in Breakdown}
    checked = 0
    for (grain, breakdown), stats in found.items():
        mine = whole_buckets(grain, stats, first, last)
        buckets = sorted({bucket for bucket, _group in mine})
        assert buckets, (grain, breakdown)
        reference = collect_stats(MetricsQuery(
            buckets[0], next_bucket_of(grain, buckets[-1]) - timedelta(days=1), grain,
            breakdown), PercentileMethod.SKETCH)
        assert_same(mine, reference, (grain, breakdown))
        checked += len(reference)
    return checked


@pytest.mark.django_db
def test_every_grain_and_breakdown_equals_its_grouped_query(demo):
    # Weeks that cross a month's end are two segments, added back together.
    assert the_same_as_each_grouped_query(START, END) > 500


@pytest.mark.django_db
def test_rows_at_the_edges_are_counted_as_the_grouped_queries_count_them(demo):
    customer = CustomerFactory()
    # Monday 31 August: its week is a day in August and six in September.
    monday_31st = datetime(2026, 8, 31, 9, 0, tzinfo=UTC)
    for first_response, resolution in ((0, 0), (None, 7200), (45, None), (0.5, 3)):
        InteractionFactory(
            customer=customer, opened_at=monday_31st, agent=None, team=None,
            first_response_at=None if first_response is None
            else monday_31st + timedelta(seconds=first_response),
            resolved_at=None if resolution is None else monday_31st + timedelta(seconds=resolution))
    PromiseFactory(customer=customer, status="broken", due_at=monday_31st - timedelta(days=2))
    InteractionFactory(customer=customer, kind="complaint", opened_at=monday_31st)
    assert the_same_as_each_grouped_query(date(2026, 8, 1), date(2026, 9, 30)) > 100


@pytest.mark.django_db
def test_a_month_at_a_time_one_read_per_fact_table():
    with CaptureQueriesContext(connection) as queries:
        fill_stats(date(2026, 8, 3), date(2026, 10, 4))
    reads = [q["sql"] for q in queries.captured_queries
             if q["sql"].startswith(("SELECT", "WITH")) and "set_config" not in q["sql"]]
    # Four facts and the durations, for each of the three calendar months touched.
    assert len(reads) == 5 * 3
