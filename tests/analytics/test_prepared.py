"""The parts the pages read from raw rows of settled days are shared between processes, and
the worker prepares them: a web process's first request after a fill reads them instead of
scanning the answers again, and the figures stay exactly those of every row."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from kliento.analytics import drivers
from kliento.analytics.finished import fill_state, forget_kept, kept, month_pieces
from kliento.analytics.models import SharedPart
from kliento.analytics.prepared import forget_prepared, pages_prepare
from kliento.analytics.rollups import rollups_fill
from kliento.database.history import past_changed
from kliento.organisation.periods import period_ending_this_week
from kliento.surveys.models import SurveyResponse
from kliento.surveys.selectors import customer_responses
from tests.analytics.test_finished import (
    END,
    START,
    TODAY,
    assert_same,
    reference,
    through_the_split,
)


@pytest.fixture(autouse=True)
def a_new_process():
    forget_prepared()
    yield
    forget_prepared()


def computed_ranges(monkeypatch) -> list[tuple[date, date]]:
    """The (start, end) of every scan of the factor answers from now on."""
    ranges, scan = [], drivers._factor_moments

    def recorded(start, end):
        ranges.append((start, end))
        return scan(start, end)

    monkeypatch.setattr(drivers, "_factor_moments", recorded)
    return ranges


def test_month_pieces_cover_the_days_once_cut_at_each_first_of_the_month():
    assert month_pieces(date(2026, 7, 29), date(2026, 10, 6)) == [
        (date(2026, 7, 29), date(2026, 7, 31)), (date(2026, 8, 1), date(2026, 8, 31)),
        (date(2026, 9, 1), date(2026, 9, 30)), (date(2026, 10, 1), date(2026, 10, 6))]
    assert month_pieces(date(2026, 2, 3), date(2026, 2, 3)) == [(date(2026, 2, 3),) * 2]
    assert month_pieces(date(2026, 12, 31), date(2027, 1, 1)) == [
        (date(2026, 12, 31),) * 2, (date(2027, 1, 1),) * 2]
    assert month_pieces(date(2026, 3, 2), date(2026, 3, 1)) == []


@pytest.mark.django_db
def test_a_shared_part_is_computed_once_for_every_process():
    computed = []
    assert kept("shared:test", lambda: computed.append(1) or {"n": 7}, shared=True) == {"n": 7}
    forget_kept()  # another process: nothing in its memory
    assert kept("shared:test", lambda: computed.append(1) or {"n": 0}, shared=True) == {"n": 7}
    assert computed == [1]
    forget_kept()
    assert kept("memory:test", lambda: computed.append(2) or 1) == 1
    assert not SharedPart.objects.filter(key="memory:test").exists()  # not shared unless told


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_after_the_worker_prepared_them_a_new_process_scans_only_the_live_days(
        october_history, monkeypatch):
    expected = reference()
    rollups_fill(today=TODAY)
    finished_through = fill_state()[0]
    assert pages_prepare() > 0
    forget_kept()  # a web process started after the sweep
    ranges = computed_ranges(monkeypatch)
    assert_same(expected, through_the_split())
    # August, September and October's settled days came from the worker's parts (the
    # dashboard's periods hold them whole); the end of July (no page starts there) and the
    # live days are scanned.
    assert set(ranges) == {(START, date(2026, 7, 31)), (finished_through + timedelta(days=1), END)}


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_every_page_of_a_new_process_scans_no_settled_month(october_history, monkeypatch,
                                                            admin_user):
    rollups_fill(today=TODAY)
    pages_prepare()
    forget_kept()
    ranges = computed_ranges(monkeypatch)
    client = Client()
    client.force_login(admin_user)
    for weeks in (4, 12, 26, 52):
        assert client.get("/dashboard/", {"weeks": weeks}).status_code == 200
        first_monday = period_ending_this_week(weeks, TODAY).first_monday
        assert client.get("/dashboard/explore/", {
            "start": first_monday, "end": TODAY, "grain": "week",
            "breakdown": "channel"}).status_code == 200
    assert client.get("/dashboard/explore/").status_code == 200
    assert ranges and all(start > fill_state()[0] for start, _end in ranges)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_prepared_once_per_fill_state_and_day(october_history,
                                             django_assert_max_num_queries):
    rollups_fill(today=TODAY)
    assert pages_prepare() > 0
    with django_assert_max_num_queries(1):  # the fill state, and nothing else to do
        assert pages_prepare() == 0
    forget_prepared()  # a new worker process: its memory is empty, the parts are stored
    forget_kept()
    assert pages_prepare() == 0


@pytest.mark.django_db
def test_old_data_changed_makes_new_parts_and_old_ones_are_pruned(october_history):
    # The clock runs: the fill state's version is the time it last changed.
    with time_machine.travel(TODAY, tick=True):
        rollups_fill(today=TODAY)
        pages_prepare()
        old_keys = set(SharedPart.objects.values_list("key", flat=True))
        answer = customer_responses().filter(
            responded_on__range=(date(2026, 8, 10), date(2026, 8, 16)), nps__isnull=False,
            reliability__isnull=False).exclude(nps=0).order_by("pk").first()
        SurveyResponse.objects.filter(pk=answer.pk).update(nps=0)
        past_changed.send(sender="test", since=date(2026, 8, 10))  # as an import says
        rollups_fill(today=TODAY)
        assert pages_prepare() > 0
        assert SharedPart.objects.exclude(key__in=old_keys).exists()
        forget_kept()
        changed = through_the_split()  # as a new process reads them
        assert_same(reference(), changed)  # the changed answer counts
    with time_machine.travel(TODAY + timedelta(days=9), tick=False):
        rollups_fill(today=TODAY + timedelta(days=9))
        pages_prepare()
        assert not SharedPart.objects.filter(key__in=old_keys).exists()


@pytest.mark.django_db
def test_a_shared_part_that_cannot_be_read_is_computed_again(caplog):
    SharedPart.objects.create(key="shared:old", value=b"\x80\x05not a pickle",
                              stored_at=datetime(2026, 10, 1, tzinfo=UTC))
    assert kept("shared:old", lambda: 42, shared=True) == 42
    assert "could not be read" in caplog.text
    forget_kept()  # the next process reads the part stored again
    assert kept("shared:old", lambda: 0, shared=True) == 42
