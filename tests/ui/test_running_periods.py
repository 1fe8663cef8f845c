"""Every app's time-series chart marks the period not over yet as the dashboard does (through
kliento.ui.periods) and draws nothing after today: the defects' and the questions' weekly bars
and the people scorecard's monthly lines."""

from datetime import timedelta

import pytest
from django.utils import translation

from kliento.defects.presentation import weekly_bars as defect_bars
from kliento.people.presentation import month_chart
from kliento.questions.charts import weekly_bars as question_bars
from kliento.ui.periods import local_today, month_last_day

pytestmark = pytest.mark.django_db  # the organisation's time zone is read from the database


def _mondays():
    this = local_today() - timedelta(days=local_today().weekday())
    return [this - timedelta(weeks=2), this - timedelta(weeks=1), this, this + timedelta(weeks=1)]


def test_the_defects_chart_pales_the_running_week_and_stops_at_today():
    with translation.override("en"):
        chart = defect_bars(_mondays(), [1.0, 2.0, 3.0, 4.0])
    assert [bar.running for bar in chart["bars"]] == [False, False, True]
    assert chart["bars"][2].label.endswith("(so far)")
    assert not chart["bars"][1].label.endswith("(so far)")


def test_the_questions_bars_pale_the_running_week_and_stop_at_today():
    with translation.override("lt"):
        svg = str(question_bars([(week, 5) for week in _mondays()], title="t"))
    assert svg.count("<rect") == 3
    assert svg.count('class="wk-bar running"') == 1
    assert "(kol kas)" in svg
    assert _mondays()[3].isoformat() not in svg


def test_the_scorecard_lines_dash_the_running_month_and_stop_at_today():
    this = local_today().replace(day=1)
    before = (this - timedelta(days=1)).replace(day=1)
    earlier = (before - timedelta(days=1)).replace(day=1)
    after = month_last_day(this) + timedelta(days=1)
    rows = [(earlier, 1.0, 2.0, 3.0), (before, 2.0, 2.5, 3.0), (this, 3.0, 2.0, 3.0),
            (after, 9.0, 9.0, 9.0)]
    with translation.override("en"):
        lines = month_chart(rows)
    agent = lines[0]
    assert len(agent.points.split()) == 2  # the two finished months
    assert len(agent.running_points.split()) == 2  # from the last finished into this one
    assert agent.running_label.endswith("(so far)")
    finished = month_chart(rows[:2])
    assert finished[0].running_points == "" and len(finished[0].points.split()) == 2
