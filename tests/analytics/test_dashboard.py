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


def test_a_change_is_called_real_only_when_the_comparison_says_so():
    """No "▲ −0.28 in green": the symbol follows the number, the colour needs a real change."""
    from kliento.analytics.metrics import KpiStats
    from kliento.analytics.selectors import change_is_significant

    few_before, few_after = KpiStats(promoters=3, detractors=2), KpiStats(promoters=4,
                                                                         detractors=1)
    assert change_is_significant("nps", few_before, few_after) is False
    many_before = KpiStats(promoters=300, passives=300, detractors=400)
    many_after = KpiStats(promoters=500, passives=300, detractors=200)
    assert change_is_significant("nps", many_before, many_after) is True
    assert change_is_significant("csat", KpiStats(csat_satisfied=50, csat_n=100),
                                 KpiStats(csat_satisfied=52, csat_n=100)) is False
    assert change_is_significant("ces", many_before, many_after) is None  # no test: untested
    assert change_is_significant("nps", None, many_after) is None


def test_a_worse_real_change_is_red_and_points_the_way_the_number_moved():
    from kliento.analytics.dashboard import _card
    from kliento.analytics.metrics import Estimate
    from kliento.analytics.selectors import Kpi
    from kliento.organisation.periods import period_ending_this_week

    period = period_ending_this_week(weeks=4, today=date(2026, 6, 24))
    effort_up = Kpi("ces", Estimate(4.0, 3.9, 4.1, 900), Estimate(3.0, 2.9, 3.1, 900), {},
                    significant=True)
    card = _card(effort_up, period)
    assert (card["direction"], card["judgement"], card["trend"]) == ("up", "worse", "down")
    noise = Kpi("nps", Estimate(10, -30, 50, 9), Estimate(12, -30, 50, 9), {},
                significant=False)
    card = _card(noise, period)
    assert (card["direction"], card["judgement"], card["trend"]) == (
        "down", "no_real_change", "flat")
