from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from kliento.analytics.buckets import WeekStart
from kliento.analytics.percentiles import percentiles
from kliento.interactions.models import Interaction
from tests.factories import CustomerFactory, InteractionFactory

VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture
def interactions_over_three_weeks(channels):
    customer = CustomerFactory()
    rng = np.random.default_rng(3)
    opened = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)  # Monday 09:00 in Vilnius
    expected: dict[date, list[int]] = {}
    for day in range(21):
        for seconds in rng.integers(5, 5000, size=int(rng.integers(1, 6))):
            at = opened + timedelta(days=day, hours=int(rng.integers(0, 12)))
            InteractionFactory(customer=customer, channel=channels["chat"], opened_at=at,
                               first_response_at=at + timedelta(seconds=int(seconds)))
            monday = at.astimezone(VILNIUS).date() - timedelta(days=at.astimezone(
                VILNIUS).weekday())
            expected.setdefault(monday, []).append(int(seconds))
    return expected


def weekly(fraction: float) -> dict[date, float]:
    """Per local week (Monday start), the way the metrics engine buckets."""
    found = percentiles(Interaction.objects.all(), "first_response_seconds", [fraction],
                        bucket=WeekStart("opened_on"))
    return {week: values[0] for (week, _group), values in found.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("fraction", [0.0, 0.25, 0.5, 0.9, 1.0])
def test_weekly_percentile_matches_numpy(interactions_over_three_weeks, fraction):
    result = weekly(fraction)
    assert set(result) == set(interactions_over_three_weeks)
    for week, values in interactions_over_three_weeks.items():
        assert result[week] == pytest.approx(np.percentile(values, fraction * 100))


@pytest.mark.django_db
def test_single_bucket_median_and_nulls_ignored(channels):
    customer = CustomerFactory()
    at = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    for seconds in (10, 20, 30, 1000):
        InteractionFactory(customer=customer, opened_at=at,
                           first_response_at=at + timedelta(seconds=seconds))
    InteractionFactory(customer=customer, opened_at=at, first_response_at=None)
    result = percentiles(Interaction.objects.all(), "first_response_seconds", [0.5])
    assert result == {(None, 0): [25.0]}


@pytest.mark.django_db
def test_week_starts_at_local_monday_midnight(channels):
    customer = CustomerFactory()
    sunday_late = datetime(2026, 6, 7, 20, 30, tzinfo=UTC)  # Sunday 23:30 in Vilnius
    monday_early = datetime(2026, 6, 7, 21, 30, tzinfo=UTC)  # Monday 00:30 in Vilnius
    InteractionFactory(customer=customer, opened_at=sunday_late,
                       first_response_at=sunday_late + timedelta(seconds=100))
    InteractionFactory(customer=customer, opened_at=monday_early,
                       first_response_at=monday_early + timedelta(seconds=300))
    result = weekly(0.5)
    assert result == {date(2026, 6, 1): 100.0, date(2026, 6, 8): 300.0}


def test_fraction_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match=r"within 0\.\.1"):
        percentiles(Interaction.objects.none(), "first_response_seconds", [1.5])
