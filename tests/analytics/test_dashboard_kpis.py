"""The dashboard's KPIs against values worked out by hand."""

from datetime import date

import pytest

from kliento.analytics.selectors import dashboard_kpis
from kliento.measure.sketches import DEFAULT_RELATIVE_ACCURACY
from kliento.organisation.periods import period_ending_this_week


@pytest.mark.django_db
def test_kpis_for_the_period_match_hand_calculation(june):
    kpis = {kpi.key: kpi for kpi in dashboard_kpis(june)[0]}

    assert kpis["nps"].current.value == pytest.approx(100 * (4 - 2) / 7)
    assert kpis["nps"].current.n == 7
    assert kpis["nps"].current.low < kpis["nps"].current.value < kpis["nps"].current.high
    assert kpis["nps"].previous.value == -100
    assert kpis["nps"].change == pytest.approx(100 * 2 / 7 + 100)
    assert kpis["csat"].current.value == 50
    assert kpis["ces"].current.value == 3
    assert kpis["kv"].current.value == pytest.approx(1.25)
    assert kpis["promise_kept"].current.value == 50
    assert kpis["promise_kept"].current.n == 6
    # Medians come from mergeable histograms: within their stated relative error.
    assert kpis["first_response"].current.value == pytest.approx(120, rel=DEFAULT_RELATIVE_ACCURACY)
    assert kpis["resolution"].current.value == pytest.approx(2100, rel=DEFAULT_RELATIVE_ACCURACY)
    assert kpis["csat"].previous is None


@pytest.mark.django_db
def test_weekly_series_are_bucketed_by_local_week(june):
    kpis = {kpi.key: kpi for kpi in dashboard_kpis(june)[0]}
    nps_weekly = {week: estimate.value for week, estimate in kpis["nps"].weekly.items()}
    assert nps_weekly == {date(2026, 6, 1): 0.0, date(2026, 6, 8): 100.0}
    assert set(kpis["first_response"].weekly) == {date(2026, 6, 1)}
    assert kpis["promise_kept"].weekly[date(2026, 6, 1)].value == 50


@pytest.mark.django_db
def test_empty_period_has_no_values_rather_than_zeros(channels):
    kpis, volume = dashboard_kpis(period_ending_this_week(weeks=4, today=date(2020, 1, 1)))
    assert volume == {}
    assert all(kpi.current is None and kpi.weekly == {} for kpi in kpis)
