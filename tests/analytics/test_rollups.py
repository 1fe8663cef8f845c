"""Rollups must change how fast the numbers come, never what they are."""

from dataclasses import asdict
from datetime import date

import pytest

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import Breakdown, MetricsQuery, run_metrics
from kliento.analytics.models import KpiRollup, RollupFillState
from kliento.analytics.rollups import (
    last_final_bucket,
    rollups_fill,
    rollups_rebuild,
    run_metrics_with_rollups,
)
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset

TODAY = date(2026, 10, 14)  # weeks up to Sunday 4 October are final


@pytest.fixture(scope="module")
def filled(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo(DemoPlan(interactions=3000, weeks=12, seed=8, end=date(2026, 10, 12)))
        written = rollups_fill(today=TODAY)
        yield written
        demo_reset()


def test_a_bucket_is_final_a_settling_period_after_it_ends():
    assert last_final_bucket(Grain.WEEK, date(2026, 10, 14)) == date(2026, 9, 28)
    assert last_final_bucket(Grain.WEEK, date(2026, 10, 13)) == date(2026, 9, 28)
    assert last_final_bucket(Grain.WEEK, date(2026, 10, 12)) == date(2026, 9, 28)
    assert last_final_bucket(Grain.WEEK, date(2026, 10, 11)) == date(2026, 9, 21)
    assert last_final_bucket(Grain.MONTH, date(2026, 10, 8)) == date(2026, 9, 1)
    assert last_final_bucket(Grain.MONTH, date(2026, 10, 7)) == date(2026, 8, 1)


@pytest.mark.django_db
def test_fill_records_how_far_it_got_and_is_idempotent(filled):
    assert filled > 0
    states = set(RollupFillState.objects.values_list("grain", "breakdown", "filled_through"))
    assert ("week", "channel", date(2026, 9, 28)) in states
    assert ("month", "none", date(2026, 9, 1)) in states
    count = KpiRollup.objects.count()
    assert rollups_fill(today=TODAY) == 0
    assert KpiRollup.objects.count() == count


QUERIES = [
    MetricsQuery(date(2026, 7, 20), date(2026, 10, 11), Grain.WEEK, Breakdown.CHANNEL),
    MetricsQuery(date(2026, 7, 23), date(2026, 9, 30), Grain.WEEK, Breakdown.NONE),
    MetricsQuery(date(2026, 7, 1), date(2026, 10, 11), Grain.MONTH, Breakdown.LANGUAGE),
    MetricsQuery(date(2026, 8, 3), date(2026, 10, 11), None, Breakdown.NONE),
    MetricsQuery(date(2026, 8, 3), date(2026, 10, 11), None, Breakdown.JOURNEY_STAGE),
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.grain}-{q.breakdown}-{q.start}")
def test_rollups_give_exactly_the_live_numbers(filled, query):
    live = run_metrics(query)
    assert live
    assert flat(run_metrics_with_rollups(query)) == pytest.approx(flat(live), rel=1e-12)


@pytest.mark.django_db
def test_rebuild_from_a_date_replaces_rather_than_duplicates(filled):
    before = KpiRollup.objects.count()
    rollups_rebuild(since=date(2026, 9, 1), today=TODAY)
    assert KpiRollup.objects.count() == before
    assert flat(run_metrics_with_rollups(QUERIES[0])) == pytest.approx(
        flat(run_metrics(QUERIES[0])), rel=1e-12)


def flat(rows) -> dict:
    """Every number of every row, keyed by row and field; sums of floats may differ in the
    last binary digit when added in another order, so numbers are compared with approx."""
    out = {}
    for row in rows:
        for name, value in asdict(row).items():
            if isinstance(value, dict):
                for part, number in value.items():
                    out[(row.bucket, row.group, name, part)] = number
            elif name not in ("bucket", "group"):
                out[(row.bucket, row.group, name)] = -1 if value is None else value
    return out
