from datetime import time, timedelta

import numpy as np

from kliento.workforce.selectors import (
    DEFAULT_AHT_SECONDS,
    contacts_per_interval,
    first_response_percentile,
    handle_time_by_weekday_hour,
    rostered_per_interval,
    target_in_force,
)
from kliento.workforce.services import roster_entry_add, service_target_set, shift_create
from tests.factories import AgentFactory
from tests.workforce.conftest import HISTORY_START, WEEK


def test_contacts_are_counted_per_local_interval(history):
    grid = contacts_per_interval(history["phone"], HISTORY_START, 21, 30)
    assert HISTORY_START.weekday() == 0
    assert grid[0, 18] == 2 and grid[0, 19] == 2  # 09:00 and 09:30, local time
    assert grid[0, 24] == 6 and grid[0, 25] == 6  # the lunch peak
    assert grid[5].sum() == 0  # Saturday
    assert grid.sum() == 15 * 16


def test_handle_time_is_measured_per_weekday_and_hour(history):
    aht = handle_time_by_weekday_hour(history["phone"], HISTORY_START, WEEK - timedelta(days=1))
    assert aht[0, 12] == 240  # Monday at noon: 270 s to resolution minus 30 s to answer
    assert aht[6, 3] == 240  # unmeasured cells take the channel's average


def test_handle_time_of_an_unmeasured_channel_is_the_default(history):
    aht = handle_time_by_weekday_hour(history["chat"], HISTORY_START, WEEK)
    assert np.all(aht == DEFAULT_AHT_SECONDS["chat"])


def test_a_shift_counts_in_the_intervals_it_covers_at_least_half_of(history):
    shift = shift_create(name="Late", starts_at=time(11, 45), ends_at=time(13))
    roster_entry_add(day=WEEK, agent=AgentFactory(), shift=shift, channel=history["phone"])
    grid = rostered_per_interval(history["phone"], WEEK, 2, 30)
    assert grid[0, 23] == 1 and grid[0, 25] == 1 and grid[0, 26] == 0 and grid[0, 22] == 0


def test_a_night_shift_continues_on_the_next_day(history):
    shift = shift_create(name="Night", starts_at=time(22), ends_at=time(6))
    roster_entry_add(day=WEEK, agent=AgentFactory(), shift=shift, channel=history["phone"])
    grid = rostered_per_interval(history["phone"], WEEK, 2, 60)
    assert grid[0, 22] == 1 and grid[0, 23] == 1 and grid[1, 5] == 1 and grid[1, 6] == 0


def test_first_response_percentile_is_the_nearest_rank(history):
    value, count = first_response_percentile(history["phone"], since=HISTORY_START)
    assert (value, count) == (30.0, 240)


def test_written_channels_default_to_their_first_response_target(history):
    email = history["email"]
    assert target_in_force(email).answer_within_s == email.first_response_target_seconds
    assert target_in_force(history["phone"]).answer_within_s == 20
    service_target_set(history["phone"], service_level=0.9, answer_within_seconds=15)
    target = target_in_force(history["phone"])
    assert (target.service_level, target.answer_within_s, target.edited) == (0.9, 15, True)
