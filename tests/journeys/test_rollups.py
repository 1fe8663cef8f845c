"""The journey map read from its rollups equals the map read from the raw rows: a fixture of
customers in several segments, touchpoints and channels, answers with and without each score
over a year, summed up by the daily fill; every figure (volumes, KV, NPS, CSAT, weights,
critical marks, the paths with their drop-off) compared for whole and broken periods, per
segment and for everyone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from kliento.access.roles import Role
from kliento.interactions.models import Channel
from kliento.journeys.models import (
    CustomerStatus,
    JourneyPathCount,
    JourneyScoreMonth,
    JourneyVolumeMonth,
    Segment,
)
from kliento.journeys.rollups import journey_rollups_fill, period_split
from kliento.journeys.selectors import journey_map, journey_paths
from kliento.journeys.services import lifecycle_refresh
from tests.factories import (
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
FIRST = datetime(2025, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def journeys(channels):
    touchpoints = [TouchpointFactory(name=f"Touchpoint {n}", journey_stage=stage)
                   for n, stage in enumerate(("before", "during", "during", "after", "after"))]
    channel_list = list(Channel.objects.order_by("pk"))
    customers = [CustomerFactory(full_name=f"Klientas {n}") for n in range(24)]
    for n in range(420):
        customer = customers[(n * 7) % len(customers)]
        at = FIRST + timedelta(hours=(n * 523) % (365 * 24))
        touchpoint = None if n % 11 == 0 else touchpoints[(n * 3) % len(touchpoints)]
        interaction = InteractionFactory(customer=customer, touchpoint=touchpoint, opened_at=at,
                                         channel=channel_list[n % len(channel_list)])
        if n % 2 == 0:
            SurveyResponseFactory(
                customer=customer, interaction=interaction, touchpoint=touchpoint,
                responded_at=at + timedelta(hours=1),
                nps=None if n % 13 == 0 else (n * 7 + (touchpoint.pk if touchpoint else 0)) % 11,
                csat=None if n % 17 == 0 else 1 + (n * 5) % 5,
                expectation=None if n % 19 == 0 else 1 + (n * 3) % 10,
                experience=1 + (n * 5 + (touchpoint.pk if touchpoint else 0)) % 10)
    for n in range(3):  # short journeys: they stop (drop off) within the steps shown
        customer = CustomerFactory(full_name=f"Trumpas {n}")
        for hour in range(n + 1):
            InteractionFactory(customer=customer, touchpoint=touchpoints[n + hour],
                               opened_at=FIRST + timedelta(days=30 * n, hours=hour))
    lifecycle_refresh(NOW)
    return touchpoints


def _figures(journey):
    return {row.touchpoint.pk: row for _stage, _label, rows in journey.stages for row in rows}


def _assert_close(summed, raw, rel):
    if raw is None:
        assert summed is None
    else:
        assert summed == pytest.approx(raw, rel=rel, abs=rel)


def _assert_same_map(start, end, segment):
    summed = journey_map(start, end, segment=segment)
    raw = journey_map(start, end, segment=segment, use_rollups=False)
    _assert_close(summed.kv, raw.kv, 1e-12)
    _assert_close(summed.r_squared, raw.r_squared, 1e-9)
    summed_rows, raw_rows = _figures(summed), _figures(raw)
    assert summed_rows.keys() == raw_rows.keys()
    for pk, row in raw_rows.items():
        other = summed_rows[pk]
        assert (other.volume, other.responses, other.critical) == (
            row.volume, row.responses, row.critical)
        _assert_close(other.kv, row.kv, 1e-12)
        _assert_close(other.nps, row.nps, 1e-12)
        _assert_close(other.nps_interval, row.nps_interval, 1e-12)
        _assert_close(other.csat, row.csat, 1e-12)
        _assert_close(other.weight, row.weight, 1e-9)
    return raw


def test_the_map_from_the_rollups_equals_the_map_from_the_raw_rows(journeys):
    journey_rollups_fill(NOW)
    assert JourneyVolumeMonth.objects.exists() and JourneyScoreMonth.objects.exists()
    segments = [None, *CustomerStatus.objects.values_list("segment", flat=True).distinct()]
    assert len(segments) >= 3  # the fixture spreads the customers over segments
    periods = [(date(2025, 12, 1), date(2026, 11, 30)),  # whole months, all rolled up
               (date(2025, 12, 17), date(2026, 12, 1)),  # broken edges, today live
               (date(2026, 3, 5), date(2026, 3, 20))]  # inside one month: raw only
    for start, end in periods:
        for segment in segments:
            raw = _assert_same_map(start, end, segment)
            assert raw.r_squared is not None or (start, end) == periods[2] or segment
    # Answers added after the fill in the live month count at once.
    SurveyResponseFactory(touchpoint=journeys[0], responded_at=NOW, nps=10, csat=5,
                          expectation=5, experience=9)
    _assert_same_map(date(2025, 12, 17), date(2026, 12, 1), None)


def test_the_stored_paths_equal_the_paths_counted_from_the_raw_rows(journeys):
    state = journey_rollups_fill(NOW)
    assert (state.paths_start, state.paths_end) == (date(2025, 12, 1), date(2026, 12, 1))
    assert JourneyPathCount.objects.filter(target__isnull=True).exists()  # drop-offs stored
    for by in ("touchpoint", "channel"):
        for segment in (None, *Segment.values):
            stored = journey_paths(state.paths_start, state.paths_end, by=by, segment=segment)
            raw = journey_paths(state.paths_start, state.paths_end, by=by, segment=segment,
                                use_rollups=False)
            assert sorted(stored, key=repr) == sorted(raw, key=repr)
        assert raw_total_first_step(by, state) == 24 + 3  # every customer starts once


def raw_total_first_step(by, state):
    return sum(s.customers for s in journey_paths(state.paths_start, state.paths_end, by=by)
               if s.step == 1)


def test_the_period_is_split_into_rolled_up_months_and_raw_edges(journeys):
    state = journey_rollups_fill(NOW)
    split = period_split(date(2026, 1, 17), date(2026, 12, 1), state)
    assert split.months == (date(2026, 2, 1), date(2026, 11, 1))
    assert split.raw == [(date(2026, 1, 17), date(2026, 1, 31)), (date(2026, 12, 1),
                                                                   date(2026, 12, 1))]
    assert period_split(date(2026, 3, 5), date(2026, 3, 20), state).months is None
    assert period_split(date(2026, 3, 1), date(2026, 3, 31), None).raw == [
        (date(2026, 3, 1), date(2026, 3, 31))]


def test_the_map_page_shows_the_summed_up_period_and_says_when_it_was_summed(client, journeys):
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    state = journey_rollups_fill(NOW)
    page = client.get(reverse("journeys:map"))
    assert page.status_code == 200
    assert (page.context["start"], page.context["end"]) == (state.paths_start, state.paths_end)
    assert 'id="rollup-note"' in page.content.decode()
    asked = client.get(reverse("journeys:map"), {"start": "2026-03-05", "end": "2026-03-20"})
    assert (asked.context["start"], asked.context["end"]) == (date(2026, 3, 5), date(2026, 3, 20))
