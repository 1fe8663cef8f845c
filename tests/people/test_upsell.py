"""Upsell rates, the score cost of offering against measure.compare on the raw scores, and
offers during complaints — each narrowed to the contacts the person reaches."""

from datetime import date

from django.urls import reverse

from kliento.interactions.models import Interaction
from kliento.measure import compare
from kliento.people.upsell import score_cost_of_offering, upsell_rates
from kliento.surveys.models import SurveyResponse
from tests.factories import InteractionFactory, TouchpointFactory
from tests.people.conftest import answers

START, END = date(2026, 6, 1), date(2026, 6, 30)


def _contact(org, who, *, offered=False, accepted=False, kind="question", touchpoint=None):
    return InteractionFactory(customer=org.customer, agent=org.agents[who],
                              team=org.agents[who].team, kind=kind, touchpoint=touchpoint,
                              upsell_offered=offered, upsell_accepted=accepted)


def test_rates_by_agent(org):
    for offered, accepted in [(True, True), (True, False), (True, False), (False, False)]:
        _contact(org, "rasa", offered=offered, accepted=accepted)
    rows = {row.key: row for row in upsell_rates(Interaction.objects.all(), START, END, "agent")}
    rasa = rows[org.agents["rasa"].pk]
    # The fixture's own contact plus four: 5 contacts, 3 offers, 1 taken.
    assert (rasa.contacts, rasa.offered, rasa.accepted) == (5, 3, 1)
    assert rasa.offered_percent == 60.0
    assert round(rasa.accepted_percent, 2) == 33.33


def test_score_cost_is_measure_compare_on_the_same_scores(org):
    shop = TouchpointFactory(name="Kasa")
    with_offer = _contact(org, "rasa", offered=True, touchpoint=shop)
    without = _contact(org, "jonas", touchpoint=shop)
    scores_with = [10] * 8 + [6] * 12 + [3] * 5
    scores_without = [10] * 15 + [8] * 8 + [3] * 2
    answers(with_offer, scores_with, on=date(2026, 6, 12))
    answers(without, scores_without, on=date(2026, 6, 12))
    [cost] = score_cost_of_offering(SurveyResponse.objects.all(), START, END)
    expected = compare(scores_without, scores_with, "nps")
    assert cost.touchpoint == "Kasa"
    assert (cost.comparison.difference, cost.comparison.low, cost.comparison.high) == (
        expected.difference, expected.low, expected.high)
    assert cost.comparison.difference == (8 - 17) / 25 * 100 - (15 - 2) / 25 * 100


def test_too_few_answers_on_a_side_are_left_out(org):
    shop = TouchpointFactory(name="Kasa")
    answers(_contact(org, "rasa", offered=True, touchpoint=shop), [10] * 9, on=date(2026, 6, 12))
    answers(_contact(org, "jonas", touchpoint=shop), [10] * 40, on=date(2026, 6, 12))
    assert score_cost_of_offering(SurveyResponse.objects.all(), START, END) == []


def test_the_page_flags_offers_during_complaints_within_reach(client, org):
    mine = _contact(org, "jonas", offered=True, kind="complaint")
    theirs = _contact(org, "tomas", offered=True, kind="complaint")
    _contact(org, "rasa", offered=True)  # an offer, but no complaint
    client.force_login(org.lead)
    # The contacts are dated June 2026 (the factory's); a year back covers them.
    html = client.get(reverse("people:upsell"), {"months": 12}).content.decode()
    assert f'data-interaction="{mine.pk}"' in html
    assert f'data-interaction="{theirs.pk}"' not in html
    assert "1 complaint where an extra was offered" in html
