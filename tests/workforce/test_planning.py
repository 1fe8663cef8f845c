from datetime import timedelta

import numpy as np
import pytest

from kliento.staffing import required_agents, scheduled_heads
from kliento.workforce.planning import NotEnoughHistory, WhatIf, plan_accuracy, staffing_plan
from tests.workforce.conftest import HISTORY_START, WEEK


def test_the_plan_requires_agents_for_the_lunch_peak_and_shows_the_gap(roster, history):
    plan = staffing_plan(history["phone"], WEEK, interval_minutes=30)
    monday_noon = plan.forecast[0, 24]
    assert monday_noon == pytest.approx(6, abs=0.5)
    expected = required_agents(monday_noon, 1800, 240, target_s=20, target_sl=0.8,
                               max_occupancy=0.85, shrinkage=0.3)
    assert plan.required[0, 24] == expected.scheduled
    assert plan.rostered[0, 24] == 2
    assert plan.gap[0, 24] == 2 - expected.scheduled
    assert plan.required[5].sum() == 0  # nobody calls on Saturdays


def test_what_if_lower_handle_time_and_one_more_at_lunch(roster, history):
    base = staffing_plan(history["phone"], WEEK)
    changed = staffing_plan(history["phone"], WEEK,
                            what_if=WhatIf(aht_factor=0.9, lunch_extra=1))
    assert np.all(changed.aht_s == pytest.approx(base.aht_s * 0.9))
    assert changed.required.sum() <= base.required.sum()
    assert changed.rostered[0, 24] == base.rostered[0, 24] + 1
    assert changed.rostered[0, 28] == base.rostered[0, 28]  # 14:00 is after lunch


def test_target_90_15_is_planned_for_the_phone(roster, history):
    base = staffing_plan(history["phone"], WEEK)
    stricter = staffing_plan(history["phone"], WEEK,
                             what_if=WhatIf(service_level=0.9, answer_within_s=15))
    assert (stricter.target.service_level, stricter.target.answer_within_s) == (0.9, 15)
    expected = required_agents(stricter.forecast[0, 24], 1800, 240, target_s=15,
                               target_sl=0.9, max_occupancy=0.85, shrinkage=0.3)
    assert stricter.required[0, 24] == expected.scheduled
    assert stricter.required.sum() >= base.required.sum()
    e_mail = staffing_plan(history["phone"], WEEK, what_if=WhatIf(answer_within_s=15))
    assert e_mail.target.answer_within_s == 15


def test_a_channel_without_a_week_of_history_is_refused(history):
    with pytest.raises(NotEnoughHistory):
        staffing_plan(history["chat"], WEEK)
    with pytest.raises(NotEnoughHistory):
        staffing_plan(history["phone"], HISTORY_START)


def test_accuracy_compares_the_forecast_with_the_week_that_came(roster, history):
    past_week = WEEK - timedelta(weeks=1)
    result = plan_accuracy(history["phone"], past_week)
    assert result.actual_total == 5 * 16
    assert result.wape == pytest.approx(
        np.abs(result.plan.forecast.sum(axis=1)[:5] - 16).sum() / 80, abs=0.5)
    assert [d.actual for d in result.days] == [16, 16, 16, 16, 16, 0, 0]
    assert result.staffed_share == 0.0  # nobody was rostered that week


def test_a_sparse_chat_is_planned_from_its_weekly_total_not_as_no_contacts(sparse_chat):
    plan = staffing_plan(sparse_chat["chat"], WEEK, interval_minutes=30)
    # The medians per interval are all zero; the plan carries the ten contacts a week.
    assert plan.sparse and plan.model == "weekly_profile"
    assert plan.weekly_contacts == pytest.approx(10)
    assert 7 < plan.forecast.sum() < 13
    weekdays = plan.forecast[:5]
    assert (weekdays[:, 18:33] > 0).all()  # 09:00–16:30: someone may write at any time
    assert plan.forecast[5:].sum() == 0 and plan.forecast[:, :18].sum() == 0
    assert plan.forecast[:, 33:].sum() == 0
    # Erlang C on top: at least one agent wherever a contact may come.
    assert (plan.agents[plan.forecast > 0] >= 1).all()
    assert plan.required.sum() > 0
    accuracy = plan_accuracy(sparse_chat["chat"], WEEK - timedelta(weeks=1))
    assert accuracy.plan.sparse and accuracy.forecast_total > 5


def test_seventy_emails_a_week_need_hours_of_work_not_an_agent_every_half_hour(daily_emails):
    plan = staffing_plan(daily_emails["email"], WEEK)
    assert plan.method == "workload" and plan.deferred
    assert plan.forecast.sum() == pytest.approx(70, rel=0.05)
    assert np.all(plan.aht_s == pytest.approx(360))
    # By hand: 70 × 6 min = 7 h of work; / 0.85 occupancy / (1 − 0.3) shrinkage = 11.8 h.
    work_hours = plan.forecast.sum() * 360 / 3600
    assert plan.required_hours == pytest.approx(work_hours / 0.85 / 0.7)
    assert plan.required_hours == pytest.approx(11.76, abs=0.6)
    assert plan.required.sum() * 0.5 == pytest.approx(plan.required_hours)
    # The work goes only where the agent is rostered (08:00–16:30), and it fits: nobody short.
    assert plan.required[:, plan.rostered[0] == 0].sum() == 0
    assert plan.required.max() < 1
    assert (plan.gap < 0).sum() == 0 and plan.uncovered_share == 0
    # Queueing the same e-mails, each answered within its half hour, asked for 2 heads at
    # 09:00 every day and 1 wherever the forecast put a fraction of a contact.
    assert required_agents(1, 1800, 360, 20, 0.8, 0.85, 0.3).agents == 1


def test_a_live_channel_is_still_queued_only_the_shrinkage_rounding_changed(roster, history):
    plan = staffing_plan(history["phone"], WEEK)
    assert plan.method == "queue" and not plan.deferred
    for day, slot in ((0, 18), (0, 24), (2, 25)):
        queue = required_agents(plan.forecast[day, slot], 1800, 240, target_s=20,
                                target_sl=0.8, max_occupancy=0.85)
        assert plan.agents[day, slot] == queue.agents  # Erlang C as before
        assert plan.required[day, slot] == scheduled_heads([queue.agents], 0.3)[0]
    assert np.array_equal(plan.required, scheduled_heads(plan.agents, 0.3))
    # Never more than the old ceiling on every interval, never fewer than the queue needs.
    assert np.all(plan.required <= np.ceil(plan.agents / 0.7 - 1e-9))
    assert np.all(plan.required >= plan.agents)
    assert plan.required_hours == pytest.approx(plan.agents.sum() * 0.5 / 0.7)
