"""A deferred channel planned by workload, against figures worked by hand; heads rounded once."""

import numpy as np
import pytest

from kliento.staffing import required_agents_plan, scheduled_heads, workload_plan

WEEK_SLOTS = 7 * 48  # half hours


def _ten_a_day_at_nine():
    calls = np.zeros((7, 48))
    calls[:, 18] = 10  # 10 e-mails at 09:00 every day: 70 a week
    return calls.ravel()


def test_seventy_emails_of_six_minutes_are_seven_hours_of_work_not_hundreds():
    # By hand: 70 × 6 min = 7 h of handling; at most 85 % busy: 7 / 0.85 = 8.24 h on the
    # channel; with 30 % shrinkage: 8.24 / 0.7 = 11.76 h to roster in the week.
    plan = workload_plan(_ten_a_day_at_nine(), 1800, 360, target_s=24 * 3600,
                         max_occupancy=0.85, shrinkage=0.3)
    assert plan.work_s.sum() == pytest.approx(7 * 3600)
    assert plan.carried_s.sum() == pytest.approx(7 * 3600)
    assert plan.agents.sum() * 0.5 == pytest.approx(7 / 0.85)
    assert plan.scheduled.sum() * 0.5 == pytest.approx(7 / 0.85 / 0.7)  # 11.76 h
    assert plan.window == 48
    # Queueing would answer all ten within their half hour: 2 agents at 09:00 every day.
    queue = required_agents_plan(_ten_a_day_at_nine(), 1800, 360, 24 * 3600, 0.8, 0.85, 0.3)
    assert queue.agents.sum() * 0.5 >= 7 * 2 / 2  # 2 agents at 09:00 every day


def test_work_is_carried_over_open_intervals_of_its_window_only():
    # 10 e-mails × 6 min = 3,600 s at 09:00, a 4 h target (8 half hours), open 10:00–12:00:
    # the hour of work goes to the four open half hours, 900 s each.
    calls = np.zeros(WEEK_SLOTS)
    calls[18] = 10
    open_mask = np.zeros(WEEK_SLOTS, dtype=bool)
    open_mask[20:24] = True
    plan = workload_plan(calls, 1800, 360, 4 * 3600, open_mask=open_mask)
    assert np.flatnonzero(plan.carried_s).tolist() == [20, 21, 22, 23]
    assert plan.carried_s[20:24].tolist() == [900.0] * 4
    assert plan.agents[20] == pytest.approx(0.5)
    assert plan.uncovered_s == 0


def test_work_with_no_open_interval_in_its_window_stays_where_due_and_is_counted():
    calls = np.zeros(WEEK_SLOTS)
    calls[2] = 5  # 01:00, nobody in until 09:00, a 2 h target
    open_mask = np.zeros(WEEK_SLOTS, dtype=bool)
    open_mask[18:34] = True
    plan = workload_plan(calls, 1800, 600, 2 * 3600, open_mask=open_mask)
    assert plan.uncovered_s == 3000
    assert plan.carried_s[2:6].tolist() == [750.0] * 4


def test_the_week_is_circular():
    calls = np.zeros(WEEK_SLOTS)
    calls[-1] = 4  # Sunday 23:30, a 1 h target: its second half hour is Monday 00:00
    plan = workload_plan(calls, 1800, 450, 3600)
    assert plan.carried_s[-1] == plan.carried_s[0] == 900


@pytest.mark.parametrize("bad", [
    dict(calls=[-1], interval_s=1800, aht_s=300, target_s=3600),
    dict(calls=[1], interval_s=1800, aht_s=0, target_s=3600),
    dict(calls=[1], interval_s=1800, aht_s=300, target_s=60),
    dict(calls=[1], interval_s=1800, aht_s=300, target_s=3600, shrinkage=1.0),
])
def test_bad_arguments_are_refused(bad):
    with pytest.raises(ValueError):
        workload_plan(**bad)


def test_heads_are_rounded_once_not_ceiled_twice():
    # 1 agent with 30 % shrinkage is 1.43 heads: 1, not the 2 a ceiling gave; 2 is 2.86: 3.
    assert scheduled_heads([0, 1, 2, 3, 10], 0.3).tolist() == [0, 1, 3, 4, 14]
    # Never fewer than the agents on the queue, and no shrinkage changes nothing.
    assert scheduled_heads([1, 5], 0.0).tolist() == [1, 5]
    plan = required_agents_plan([5, 100], 1800, 180, 20, 0.8, shrinkage=0.3)
    assert plan.agents.tolist() == [2, 14]
    assert plan.scheduled.tolist() == [3, 20]  # 2.86 → 3; 20.0 → 20 (the ceiling gave 3, 20)
