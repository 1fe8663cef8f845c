"""Rollups must change how fast the numbers come, never what they are: counts and sums
exactly, percentiles within the histograms' stated relative error."""

import random
from dataclasses import asdict
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import Breakdown, MetricsQuery, run_metrics
from kliento.analytics.models import KpiRollup, RollupFillState
from kliento.analytics.rollups import (
    last_final_bucket,
    rollups_fill,
    rollups_rebuild,
    rows_and_total_with_rollups,
    run_metrics_with_rollups,
)
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset
from kliento.interactions.models import Interaction
from kliento.measure.sketches import DEFAULT_RELATIVE_ACCURACY

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
PERCENTILES = ("first_response_p50", "first_response_p90", "resolution_p50", "resolution_p90")


def assert_same_numbers(reference_rows, rollup_rows):
    """Counts, sums and estimates to the last digit; percentiles within α of the exact
    (interpolated) percentile, as the histogram promises."""
    reference, rolled = flat(reference_rows), flat(rollup_rows)
    assert rolled.keys() == reference.keys()
    exact = {k: v for k, v in reference.items() if k[2] not in PERCENTILES}
    assert {k: rolled[k] for k in exact} == pytest.approx(exact, rel=1e-12)
    for key, value in reference.items():
        if key[2] in PERCENTILES:
            bound = DEFAULT_RELATIVE_ACCURACY * abs(value) * (1 + 1e-9)  # None is -1 on both
            assert abs(rolled[key] - value) <= bound, key


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.grain}-{q.breakdown}-{q.start}")
def test_rollups_give_the_live_numbers(filled, query):
    live = run_metrics(query)
    assert live
    assert_same_numbers(live, run_metrics_with_rollups(query))


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.grain}-{q.breakdown}-{q.start}")
def test_stored_weeks_read_again_give_the_same_numbers(filled, query):
    """The stored part is kept until the next fill: a second read takes it from there, and
    what a reader does to its rows stays its own."""
    first = run_metrics_with_rollups(query)
    for row in first:
        row.interactions = -1
    with CaptureQueriesContext(connection) as queries:
        again = run_metrics_with_rollups(query)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "analytics_rollupfillstate" in read and "analytics_kpirollup" not in read
    assert_same_numbers(run_metrics(query), again)
    rows, total = rows_and_total_with_rollups(query)
    assert_same_numbers(again, rows)
    assert total.interactions == sum(row.interactions for row in again)


@pytest.mark.django_db
def test_random_periods_grains_and_focuses_match_the_row_by_row_reference(filled):
    rng = random.Random(21)
    groups = {
        Breakdown.TEAM: [str(t) for t in Interaction.objects.values_list("team_id", flat=True)
                         .distinct() if t is not None],
        Breakdown.AGENT: [str(a) for a in Interaction.objects.values_list("agent_id", flat=True)
                          .distinct() if a is not None],
        Breakdown.CHANNEL: [str(c) for c in Interaction.objects.values_list(
            "channel_id", flat=True).distinct()],
    }
    for _ in range(12):
        start = date(2026, 7, 15) + timedelta(days=rng.randrange(40))
        end = start + timedelta(days=rng.randrange(7, 80))
        breakdown = rng.choice([Breakdown.NONE, *groups])
        only = rng.choice(groups[breakdown]) if breakdown != Breakdown.NONE else None
        query = MetricsQuery(start, end, rng.choice([None, Grain.WEEK, Grain.MONTH]),
                             breakdown, only)
        reference = [row for row in run_metrics(MetricsQuery(
            start, end, query.grain, breakdown)) if only is None or row.group == only]
        assert_same_numbers(reference, run_metrics_with_rollups(query))


@pytest.mark.django_db
def test_a_focus_is_a_where_not_a_filter_after_computing_every_group(filled,
                                                                   django_assert_max_num_queries):
    agent = str(Interaction.objects.exclude(agent=None).values_list("agent_id", flat=True)[0])
    query = MetricsQuery(date(2026, 8, 3), date(2026, 10, 11), None, Breakdown.AGENT, agent)
    # Fill state, rollups, the settled days' shared part (looked for, then stored: the
    # first process to need it scans them), 6 live scans, and whether any survey is
    # anonymous.
    with django_assert_max_num_queries(11):
        rows = run_metrics_with_rollups(query)
    assert {row.group for row in rows} == {agent}


@pytest.mark.django_db
def test_a_focus_on_a_group_that_cannot_exist_shows_nothing(filled):
    query = MetricsQuery(date(2026, 8, 3), date(2026, 10, 11), None, Breakdown.AGENT, "abc")
    assert run_metrics_with_rollups(query) == []


@pytest.mark.django_db
def test_rebuild_from_a_date_replaces_rather_than_duplicates(filled):
    before = KpiRollup.objects.count()
    rollups_rebuild(since=date(2026, 9, 1), today=TODAY)
    assert KpiRollup.objects.count() == before
    assert_same_numbers(run_metrics(QUERIES[0]), run_metrics_with_rollups(QUERIES[0]))


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
