"""A fill in parts (spread over workers) stores what a fill in one go stores, never a bucket
twice, and shows a bucket only once it and every one before it are stored. The workers
themselves, for real, are in test_scale_out.py; here the parts run in this process, in any
order, twice, or forgotten halfway."""

from datetime import date

import pytest
from django_tasks_db.models import DBTaskResult

from kliento.analytics import rollups
from kliento.analytics.models import KpiRollup, RollupFillPart, RollupFillState
from kliento.analytics.rollups import (
    rollup_part_fill,
    rollup_parts_plan,
    rollups_fill,
    rollups_fill_spread,
    rollups_forget,
)
from kliento.analytics.tasks import rollup_part_fill_task
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset

TODAY = date(2026, 10, 14)  # weeks to 28 September and September are final
FIELDS = [f.name for f in KpiRollup._meta.fields if f.name != "id"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo(DemoPlan(interactions=1200, weeks=12, seed=5, end=date(2026, 10, 12)))
        yield
        demo_reset()


def stored() -> list[tuple]:
    return list(KpiRollup.objects.order_by("grain", "breakdown", "bucket", "group")
                .values_list(*FIELDS))


def exact(row: tuple) -> tuple:
    return tuple(value for value in row if not isinstance(value, float))


def floats(rows: list[tuple]) -> list[float]:
    return [value for row in rows for value in row if isinstance(value, float)]


def through() -> dict[tuple[str, str], date | None]:
    return {(s.grain, s.breakdown): s.filled_through for s in RollupFillState.objects.all()}


@pytest.mark.django_db
def test_parts_by_month_in_any_order_store_what_one_fill_stores(demo):
    assert rollups_fill(today=TODAY) > 0
    alone, alone_through = stored(), through()
    rollups_forget()

    parts = rollup_parts_plan(TODAY, by_month=True)
    # July to September (the data starts in late July): three months of week parts and of
    # month parts, for each of the eight breakdowns.
    assert len(parts) == 2 * 3 * 8
    assert {(p.first.month, p.last.month) for p in parts if p.grain == "week"} == {
        (7, 7), (8, 8), (9, 9)}
    first_week = RollupFillPart.objects.get(
        first=min(p.first for p in parts if p.grain == "week"), grain="week", breakdown="none")
    scans = 0
    for part in reversed(parts):  # the latest first: nothing may show before July is in
        if RollupFillPart.objects.get(pk=first_week.pk).done_at is None:
            assert through()[("week", "none")] is None
        done_before = RollupFillPart.objects.get(pk=part.pk).done_at is not None
        filled = rollup_part_fill(part.pk, "w9@test")
        # One scan fills every part over the same days: those filled with an earlier one
        # are done when their own turn comes.
        assert filled["outcome"] == ("skipped" if done_before else "filled")
        scans += filled["outcome"] == "filled"
    assert 3 <= scans < len(parts)
    assert through() == alone_through
    # Counts, dates and histograms the same; sums of fractions to the float's last digits
    # (the database adds the same values in another order when it reads a month at a time).
    assert [exact(row) for row in stored()] == [exact(row) for row in alone]
    assert floats(stored()) == pytest.approx(floats(alone), rel=1e-12)
    assert set(RollupFillPart.objects.values_list("filled_by", flat=True)) == {"w9@test"}


@pytest.mark.django_db
def test_a_part_is_stored_once_however_often_it_is_sent(demo):
    part = rollup_parts_plan(TODAY, by_month=True)[0]
    assert rollup_part_fill(part.pk, "w1@a")["outcome"] == "filled"
    rows = stored()
    assert rollup_part_fill(part.pk, "w2@b") == {"part": part.pk, "worker": "w2@b", "rows": 0,
                                                 "outcome": "skipped"}
    assert stored() == rows
    assert RollupFillPart.objects.get(pk=part.pk).filled_by == "w1@a"


@pytest.mark.django_db
def test_a_part_another_worker_holds_is_left_to_it_until_its_lease_runs_out(demo):
    from datetime import timedelta

    from django.utils import timezone

    part = rollup_parts_plan(TODAY, by_month=True)[0]
    RollupFillPart.objects.filter(pk=part.pk).update(claimed_at=timezone.now(),
                                                     claimed_by="w1@a")
    assert rollup_part_fill(part.pk, "w2@b")["outcome"] == "skipped"
    # w1 died with it: once the lease is over, another worker takes it.
    RollupFillPart.objects.filter(pk=part.pk).update(
        claimed_at=timezone.now() - rollups.PART_LEASE - timedelta(seconds=1))
    assert rollup_part_fill(part.pk, "w2@b")["outcome"] == "filled"


@pytest.mark.django_db
def test_a_part_forgotten_while_it_is_computed_stores_nothing(demo, monkeypatch):
    part = next(p for p in rollup_parts_plan(TODAY, by_month=True) if p.grain == "week")
    compute = rollups.fill_stats

    def import_of_old_data_meanwhile(*args, **kwargs):
        found = compute(*args, **kwargs)
        rollups_forget(since=part.first)  # as an import of old contacts does
        return found

    monkeypatch.setattr(rollups, "fill_stats", import_of_old_data_meanwhile)
    assert rollup_part_fill(part.pk)["outcome"] == "forgotten"
    assert not KpiRollup.objects.filter(grain=part.grain, breakdown=part.breakdown).exists()
    assert through()[(part.grain, part.breakdown)] is None
    monkeypatch.undo()
    # The next fill plans it again, and stores it.
    assert rollups_fill(today=TODAY) > 0
    assert through()[("week", "none")] == date(2026, 9, 28)


@pytest.mark.django_db
def test_the_spread_fill_sends_each_part_once_however_often_it_runs(demo):
    assert rollups_fill_spread(TODAY) == 2 * 3 * 8
    assert rollups_fill_spread(TODAY) == 0  # sent already, within the lease
    jobs = DBTaskResult.objects.filter(task_path=rollup_part_fill_task.module_path)
    assert jobs.count() == 2 * 3 * 8
    assert sorted(job.args_kwargs["args"][0] for job in jobs) == sorted(
        RollupFillPart.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_parts_the_fill_state_has_passed_are_kept_a_week_as_a_record(demo):
    from datetime import timedelta

    from django.utils import timezone

    rollups_fill(today=TODAY)
    assert RollupFillPart.objects.count() == 2 * 8  # one per grain and breakdown
    RollupFillPart.objects.filter(grain="week").update(
        done_at=timezone.now() - rollups.PARTS_KEPT - timedelta(hours=1))
    assert rollup_parts_plan(TODAY) == []
    assert set(RollupFillPart.objects.values_list("grain", flat=True)) == {"month"}


@pytest.mark.django_db
def test_the_command_sends_the_parts_to_the_workers_with_spread(demo):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("rollups", "fill", "--spread", stdout=out)
    sent = DBTaskResult.objects.filter(task_path=rollup_part_fill_task.module_path).count()
    assert sent > 0
    assert out.getvalue() == f"{sent} rollup fill parts sent to the job workers.\n"
    # Here, in this process: the parts no worker has taken yet.
    out = StringIO()
    call_command("rollups", "fill", stdout=out)
    assert out.getvalue().endswith(" rollup rows written.\n")
    assert not RollupFillPart.objects.filter(done_at=None).exists()
