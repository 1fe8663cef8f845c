from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.utils import translation

from kliento.workforce.response_times import (
    promised_wait,
    response_time_estimate,
    response_time_for,
    response_time_sentence,
)
from tests.factories import CustomerFactory, InteractionFactory
from tests.workforce.conftest import WEEK

NOW = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)  # Monday 12:30 in Vilnius


def test_waits_are_rounded_up_to_what_we_can_keep():
    with translation.override("en"):
        assert promised_wait(40) == "1 minute"
        assert promised_wait(7 * 60) == "10 minutes"
        assert promised_wait(61 * 60) == "2 hours"
        assert promised_wait(50 * 3600) == "3 days"


def test_the_sentence_is_in_the_customers_language():
    with translation.override("en"):
        assert response_time_sentence("email", 3 * 3600) == (
            "We usually reply to e-mails within 3 hours.")


def test_the_estimate_is_the_80th_percentile_at_this_hour_and_weekday(history):
    estimate = response_time_estimate(history["phone"], now=NOW)
    assert estimate.percentile_s == 30.0
    assert estimate.samples == 36  # three Mondays × 12 calls at noon
    assert estimate.seconds == 30.0


def test_a_backlog_with_nobody_rostered_does_not_make_the_wait_infinite(history):
    customer = CustomerFactory()
    for i in range(5):
        InteractionFactory(customer=customer, channel=history["phone"],
                           opened_at=NOW - timedelta(minutes=i))
    assert response_time_estimate(history["phone"], now=NOW).backlog_s is None


def test_a_backlog_shared_among_the_agents_on_shift_lengthens_the_wait(roster, history):
    customer = CustomerFactory()
    for i in range(10):
        InteractionFactory(customer=customer, channel=history["phone"],
                           opened_at=NOW - timedelta(minutes=i))
    estimate = response_time_estimate(history["phone"], now=NOW)
    assert estimate.backlog_s == 10 * 240 / 2
    assert estimate.seconds == 1200


def test_no_sentence_for_a_store_or_without_contacts(history):
    cache.clear()
    assert response_time_for(history["store"]) is None
    assert response_time_for(None) is None
    assert response_time_for(history["chat"]) is None


def test_the_week_constant_is_a_monday():
    assert WEEK.weekday() == 0
