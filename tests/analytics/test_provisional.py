"""The days before today that have not settled are stored by the worker's sweep, replaced at
each sweep, and read while fresh: the figures stay those of every row as of the last sweep,
today's rows count at once, and without a recent sweep everything is live again."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kliento.access.roles import Role
from kliento.analytics.buckets import Grain
from kliento.analytics.finished import forget_kept
from kliento.analytics.metrics import Breakdown, MetricsQuery, run_metrics
from kliento.analytics.models import KpiRollup
from kliento.analytics.provisional import (
    FRESH_FOR,
    provisional_days_refresh,
    provisional_through,
)
from kliento.analytics.rollups import rollups_fill, rollups_forget, run_metrics_with_rollups
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset
from kliento.interactions.models import Interaction
from kliento.jobs.services import run_due_jobs
from tests.analytics.test_rollups import assert_same_numbers
from tests.factories import InteractionFactory, UserFactory

TODAY = date(2026, 10, 14)
NOON = datetime(2026, 10, 14, 10, 0, tzinfo=UTC)  # noon in Vilnius
# Settled up to 6 October; the 7th to the 13th are stored provisionally.
PROVISIONAL_DAYS = [date(2026, 10, 7) + timedelta(days=n) for n in range(7)]


@pytest.fixture(scope="module")
def recent(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo(DemoPlan(interactions=2500, weeks=10, seed=3, end=date(2026, 10, 14)))
        with time_machine.travel(NOON, tick=False):
            rollups_fill(today=TODAY)
        yield
        demo_reset()


def queries() -> list[MetricsQuery]:
    agent = str(Interaction.objects.filter(opened_on__in=PROVISIONAL_DAYS)
                .exclude(agent=None).values_list("agent_id", flat=True).first())
    return [
        MetricsQuery(date(2026, 8, 3), TODAY, Grain.WEEK, Breakdown.CHANNEL),
        MetricsQuery(date(2026, 8, 5), TODAY, None, Breakdown.NONE),
        MetricsQuery(date(2026, 9, 1), TODAY, Grain.MONTH, Breakdown.TEAM),
        MetricsQuery(date(2026, 8, 3), TODAY, Grain.WEEK, Breakdown.AGENT, agent),
    ]


def interactions_on(day: date) -> int:
    rows = run_metrics_with_rollups(MetricsQuery(day, day, None))
    return rows[0].interactions if rows else 0


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_the_stored_days_give_the_figures_of_every_row(recent):
    assert provisional_days_refresh() > 0
    assert provisional_through()[0] == date(2026, 10, 13)
    assert set(KpiRollup.objects.filter(grain="day").values_list("bucket", flat=True)) == set(
        PROVISIONAL_DAYS)
    for query in queries():
        assert_same_numbers(run_metrics(query), run_metrics_with_rollups(query))


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_a_request_reads_only_today_live(recent):
    run_due_jobs()  # the worker's sweep stores them
    query = queries()[0]
    run_metrics_with_rollups(query)  # the stored days kept once read
    with CaptureQueriesContext(connection) as captured:
        run_metrics_with_rollups(query)
    read = " ".join(q["sql"] for q in captured.captured_queries)
    # Each live scan's range of days, as SQLite and PostgreSQL print it.
    ranges = re.findall(r"BETWEEN '(\d{4}-\d\d-\d\d)'(?:::date)? AND '(\d{4}-\d\d-\d\d)'",
                        read)
    assert ranges
    assert {(date.fromisoformat(a), date.fromisoformat(b)) for a, b in ranges} == {(TODAY, TODAY)}


@pytest.mark.django_db
def test_changes_show_at_the_next_sweep_today_at_once_and_all_live_without_sweeps(recent):
    with time_machine.travel(NOON, tick=False):
        provisional_days_refresh()
        yesterday, today = interactions_on(date(2026, 10, 13)), interactions_on(TODAY)
        InteractionFactory(opened_at=datetime(2026, 10, 13, 9, 0, tzinfo=UTC))
        InteractionFactory(opened_at=NOON)
        assert interactions_on(TODAY) == today + 1  # today is live
        assert interactions_on(date(2026, 10, 13)) == yesterday  # as of the last sweep
        provisional_days_refresh()
        forget_kept()
        assert interactions_on(date(2026, 10, 13)) == yesterday + 1
        InteractionFactory(opened_at=datetime(2026, 10, 13, 9, 30, tzinfo=UTC))
    # No sweep for longer than FRESH_FOR (the worker stopped): every figure live.
    with time_machine.travel(NOON + FRESH_FOR + timedelta(seconds=1), tick=False):
        assert provisional_through() is None
        assert interactions_on(date(2026, 10, 13)) == yesterday + 2
    # Nor are yesterday's stored days read the next day.
    with time_machine.travel(NOON + timedelta(days=1), tick=False):
        assert provisional_through() is None


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_an_import_of_those_days_forgets_them_until_the_next_sweep(recent):
    provisional_days_refresh()
    before = interactions_on(date(2026, 10, 10))
    InteractionFactory(opened_at=datetime(2026, 10, 10, 9, 0, tzinfo=UTC))
    rollups_forget(since=date(2026, 10, 10))  # as an import does
    assert provisional_through() is None
    assert not KpiRollup.objects.filter(grain="day").exists()
    assert interactions_on(date(2026, 10, 10)) == before + 1


@pytest.mark.django_db
@time_machine.travel(NOON, tick=False)
def test_the_dashboard_says_as_of_when_the_days_before_today_were_stored(recent, client):
    client.force_login(UserFactory(role=Role.MANAGER))
    live = client.get("/dashboard/", {"weeks": 4}).content.decode()
    assert "data-recent-as-of" not in live
    provisional_days_refresh()
    with translation.override("lt"):
        stored = client.get("/lt/dashboard/", {"weeks": 4}).content.decode()
    # 10:00 UTC is 13:00 in Vilnius.
    assert "dienos iki šiandien – 13:00 duomenimis, šiandiena – gyvai" in stored
