"""Defect rates, the effect of open defects on NPS and each location's split, against a small
fixture computed by hand: at one location and touchpoint, four visits — one before a defect
was seen, two while it was open, one after it was fixed."""

import math
from datetime import UTC, datetime, timedelta

import pytest

from kliento.defects.selectors import defect_rates, location_splits, open_defect_effect
from kliento.defects.services import defect_fix, defect_log
from tests.factories import (
    InteractionFactory,
    LocationFactory,
    SurveyResponseFactory,
    TouchpointFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
START, END = DAY - timedelta(days=1), DAY + timedelta(days=10)


@pytest.fixture
def store(channels):
    store, hall = LocationFactory(name="Vilnius, Akropolis"), TouchpointFactory(name="Salė")
    other = LocationFactory(name="Kaunas, Mega")
    defect = defect_log(category="cleanliness", description="Purvinas tualetas",
                        source="staff", location=store, touchpoint=hall,
                        observed_at=DAY + timedelta(days=2), now=DAY + timedelta(days=2))
    defect_fix(defect, by=UserFactory(), now=DAY + timedelta(days=5))
    # (day, nps, tangibles, responsiveness, assurance, empathy)
    visits = [(1, 10, 9, 9, 9, 9), (3, 3, 2, 8, 7, 9), (4, 5, 4, 6, 6, 6), (6, 9, 8, 8, 8, 8)]
    for day, nps, tangibles, responsiveness, assurance, empathy in visits:
        visit = InteractionFactory(location=store, touchpoint=hall,
                                   opened_at=DAY + timedelta(days=day))
        SurveyResponseFactory(customer=visit.customer, interaction=visit, nps=nps,
                              tangibles=tangibles, responsiveness=responsiveness,
                              assurance=assurance, empathy=empathy,
                              responded_at=visit.opened_at + timedelta(hours=1))
    InteractionFactory(location=other, opened_at=DAY + timedelta(days=3))
    return store, hall, other


def test_four_visits_are_too_few_for_a_rate(store):
    _location, _hall, _other = store
    rates = defect_rates(START, END)
    [place] = rates.places
    assert (place.location, place.touchpoint, place.defects, place.visits) == (
        "Vilnius, Akropolis", "Salė", 1, 4)
    # 1 defect over 4 visits would read "250 per 1,000": no rate under MIN_VISITS_FOR_RATE.
    assert place.too_few_visits and place.per_thousand_visits is None
    assert all(value is None for value in rates.per_thousand_by_week)


def test_the_rate_is_defects_per_thousand_visits_counted_by_hand(channels):
    """Counted by hand, all in one week (Mon 1 June 2026): at the store's hall 3 defects and
    40 visits → 75.0; at its till 1 defect and 25 visits → 40.0; one defect at no touchpoint
    in particular is met by all 40 + 25 + 5 (door) = 70 visits → 1000 / 70 ≈ 14.29; the door
    has 5 visits and 2 defects: too few for a rate. The week: 3 + 1 + 1 + 2 = 7 defects over
    70 visits → 100.0. No rows multiply: each defect counts once however many visits."""
    store, other = LocationFactory(name="Vilnius, Akropolis"), LocationFactory(name="Kaunas")
    hall, till, door = (TouchpointFactory(name=name) for name in ("Salė", "Kasa", "Durys"))
    for touchpoint, defects, visits in ((hall, 3, 40), (till, 1, 25), (door, 2, 5),
                                        (None, 1, 0)):
        for index in range(defects):
            defect_log(category="cleanliness", description="Purvina", source="staff",
                       location=store, touchpoint=touchpoint,
                       observed_at=DAY + timedelta(hours=index), now=DAY + timedelta(hours=index))
        for index in range(visits):
            InteractionFactory(location=store, touchpoint=touchpoint,
                               opened_at=DAY + timedelta(hours=1, minutes=index))
    # Another location's visits count in neither the store's places nor, outside the filter,
    # change them; they are in the all-places week.
    rates = defect_rates(START, END, location_id=store.pk)
    by_touchpoint = {place.touchpoint_id: place for place in rates.places}
    assert (by_touchpoint[hall.pk].defects, by_touchpoint[hall.pk].visits) == (3, 40)
    assert by_touchpoint[hall.pk].per_thousand_visits == 75.0
    assert by_touchpoint[till.pk].per_thousand_visits == 40.0
    assert by_touchpoint[None].visits == 70
    assert by_touchpoint[None].per_thousand_visits == pytest.approx(1000 / 70)
    assert (by_touchpoint[door.pk].defects, by_touchpoint[door.pk].per_thousand_visits) == (
        2, None)
    # Highest rate first, the place without a rate last.
    assert [place.touchpoint_id for place in rates.places] == [hall.pk, till.pk, None, door.pk]
    assert rates.per_thousand_by_week == [100.0]
    InteractionFactory(location=other, opened_at=DAY + timedelta(hours=2))
    assert defect_rates(START, END, location_id=store.pk).per_thousand_by_week == [100.0]


def test_the_effect_of_open_defects_matches_the_hand_computation(store):
    effect = open_defect_effect(START, END)
    # With an open defect: 3 and 5 (two detractors of two) → −100; without: 10 and 9 → +100.
    assert (effect.answers_with, effect.answers_without) == (2, 2)
    assert (effect.nps_with, effect.nps_without, effect.difference) == (-100.0, 100.0, -200.0)
    # Adjusted Wald (Rocks 2016), by hand: n + 3 = 5; with p_pro = .75/5, p_det = 2.75/5.
    def adjusted(promoters, detractors):
        p_pro, p_det = (promoters + 0.75) / 5, (detractors + 0.75) / 5
        return p_pro - p_det, (p_pro + p_det - (p_pro - p_det) ** 2) / 5
    centre_with, var_with = adjusted(0, 2)
    centre_without, var_without = adjusted(2, 0)
    margin = 1.959963984540054 * math.sqrt(var_with + var_without)
    low, high = 100 * (centre_with - centre_without - margin), 100 * (
        centre_with - centre_without + margin)
    # The interval is widened to hold the observed difference (kliento.measure.intervals).
    assert effect.low == pytest.approx(min(low, -200.0))
    assert effect.high == pytest.approx(high)


def test_each_location_splits_agents_from_surroundings_with_its_defect_free_rate(store):
    _location, _hall, _other = store
    splits = {split.location: split for split in location_splits(START, END)}
    vilnius = splits["Vilnius, Akropolis"]
    # Agents: means of (9+9+9)/3, (8+7+9)/3, (6+6+6)/3, (8+8+8)/3 → (9 + 8 + 6 + 8) / 4.
    assert vilnius.agent_score == pytest.approx(31 / 4)
    assert vilnius.surroundings_score == pytest.approx((9 + 2 + 4 + 8) / 4)
    assert (vilnius.visits, vilnius.defect_free_visits, vilnius.defect_free_rate) == (4, 2, 50.0)
    kaunas = splits["Kaunas, Mega"]
    assert (kaunas.visits, kaunas.defect_free_rate, kaunas.agent_score) == (1, 100.0, None)
