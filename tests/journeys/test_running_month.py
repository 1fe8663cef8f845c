"""The journey charts draw the month not over yet as the dashboard draws its week in progress:
dashed, its dot open (or its column pale), its label "(so far)" — and no month after today."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kliento.access.roles import Role
from kliento.journeys import presentation
from kliento.ui.periods import local_today, month_last_day, running_index
from tests.factories import SurveyResponseFactory, UserFactory

pytestmark = pytest.mark.django_db

MONTHS = [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)]


def test_the_running_month_is_found_and_later_months_are_dropped():
    months, running = presentation.shown_months(MONTHS, today=date(2026, 12, 4))
    assert months == MONTHS[:3]
    assert running == 2
    # On a month's last day it is still running; the day after it is finished.
    assert presentation.shown_months(MONTHS[:2], today=date(2026, 11, 30))[1] == 1
    assert presentation.shown_months(MONTHS[:2], today=date(2026, 12, 1))[1] is None
    assert month_last_day(date(2026, 12, 1)) == date(2026, 12, 31)
    assert month_last_day(date(2028, 2, 1)) == date(2028, 2, 29)
    assert running_index([], date(2026, 12, 4)) is None


def test_the_line_is_dashed_into_the_running_month_only():
    with translation.override("en"):
        chart = presentation.line_chart(MONTHS[:3], [([7.0, 7.5, 6.0], "#000", "Mean")],
                                        low=0, high=10, running=2)
    line = chart.lines[0]
    assert len(line.points.split()) == 2  # October and November, solid
    assert len(line.running_points.split()) == 2  # November to December, dashed
    assert [running for *_xy, _title, running in line.dots] == [False, False, True]
    assert chart.labels[2][1] == "Dec 2026 (so far)"
    assert chart.labels[1][1] == "Nov 2026"
    finished = presentation.line_chart(MONTHS[:3], [([7.0, 7.5, 6.0], "#000", "Mean")],
                                       low=0, high=10)
    assert finished.lines[0].running_points == ""
    assert len(finished.lines[0].points.split()) == 3


def test_the_running_column_is_pale_and_labelled():
    with translation.override("lt"):
        bars = presentation.stacked_bars(
            [("Lap 2026", {"a": 3}), ("Gru 2026", {"a": 1})], {"a": "#000"}, {"a": "A"},
            running=1)
    assert [bar.running for bar in bars.bars] == [False, True]
    assert bars.labels[1] == (bars.labels[1][0], "Gru 2026", "(kol kas)")
    assert bars.labels[0][1:] == ("Lap 2026", "")
    assert bars.bars[1].title.startswith("Gru 2026 (kol kas)")


def test_the_drift_page_dashes_the_running_month_and_shows_no_future_month(client):
    today = local_today()
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    next_month = month_last_day(this_month) + timedelta(days=1)
    for day in (last_month, this_month, next_month):
        for n in range(3):
            SurveyResponseFactory(responded_at=timezone.make_aware(
                timezone.datetime.combine(day, timezone.datetime.min.time())
                + timedelta(hours=10 + n)), expectation=7, experience=5 + n)
    client.force_login(UserFactory(username="vadove", role=Role.MANAGER))
    with translation.override("en"):
        url = reverse("journeys:drift")
        html = client.get(url, {"start": last_month.isoformat(),
                                "end": month_last_day(next_month).isoformat()}
                          ).content.decode()
        running_label = presentation.month_label(this_month) + " (so far)"
        future_label = presentation.month_label(next_month)
    assert running_label in html
    assert 'class="running"' in html and 'stroke-dasharray="6 4"' in html
    assert f">{future_label}<" not in html


def test_the_drift_pages_what_is_not_the_imports_data_type():
    """The marker's "what" (what was done) has its own message context: the imports' "what"
    is the kind of data, "Duomenų tipas" in Lithuanian, wrong beside a gesture."""
    from kliento.imports.models import ImportRun
    from kliento.journeys.forms import MarkerForm
    from kliento.journeys.models import Marker

    with translation.override("lt"):
        label = str(MarkerForm().fields["what"].label)
        assert label.lower() != "duomenų tipas"
        assert label != str(ImportRun._meta.get_field("kind").verbose_name).capitalize()
        assert str(Marker._meta.get_field("what").verbose_name) != "duomenų tipas"
