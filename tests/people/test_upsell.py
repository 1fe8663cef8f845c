"""Upsell rates, the score cost of offering against measure.compare on the raw scores, and
offers during complaints — each narrowed to the contacts the person reaches."""

from datetime import date

import pytest
from django.urls import reverse

from kliento.interactions.models import Interaction
from kliento.measure import compare
from kliento.people.upsell import score_cost_of_offering, upsell_by_product, upsell_rates
from kliento.surveys.models import SurveyResponse
from tests.factories import InteractionFactory, TouchpointFactory
from tests.people.conftest import answers

START, END = date(2026, 6, 1), date(2026, 6, 30)


def _contact(org, who, *, offered=False, accepted=False, kind="question", touchpoint=None,
             product=""):
    return InteractionFactory(customer=org.customer, agent=org.agents[who],
                              team=org.agents[who].team, kind=kind, touchpoint=touchpoint,
                              upsell_offered=offered, upsell_accepted=accepted,
                              upsell_product=product)


def _agresti_coull_percent(k, n):
    """The adjusted-Wald interval written out from its formula, independently of
    kliento.measure: add z²/2 successes and z²/2 failures, then a Wald interval."""
    z = 1.959963984540054
    n_adj = n + z * z
    p = (k + z * z / 2) / n_adj
    margin = z * (p * (1 - p) / n_adj) ** 0.5
    return 100 * max(0.0, p - margin), 100 * min(1.0, p + margin)


def test_rates_by_product_against_hand_counts(org):
    warranty, card = "Pratęsta garantija 3 m.", "Išsimokėjimo kortelė"
    for accepted in [True, True, False, False, False, False]:
        _contact(org, "rasa", offered=True, accepted=accepted, product=warranty)
    for accepted in [True, False, False]:
        _contact(org, "jonas", offered=True, accepted=accepted, product=card)
    _contact(org, "tomas", offered=True, accepted=True)  # product not recorded
    _contact(org, "tomas")  # no offer: counts nowhere
    outside = _contact(org, "rasa", offered=True, accepted=True, product=warranty)
    Interaction.objects.filter(pk=outside.pk).update(opened_on=date(2026, 7, 2))

    rows = {row.product: row for row in upsell_by_product(Interaction.objects.all(), START, END)}
    assert list(rows) == [warranty, card, ""]  # most offered first
    # 10 offers in June: the warranty 6 (2 taken), the card 3 (1 taken), unrecorded 1 (taken).
    assert [(r.offered, r.accepted, r.all_offers) for r in rows.values()] == [
        (6, 2, 10), (3, 1, 10), (1, 1, 10)]
    assert rows[warranty].share_percent == 60.0
    assert round(rows[warranty].accepted_percent, 4) == round(100 * 2 / 6, 4)
    assert rows[card].share_interval == pytest.approx(_agresti_coull_percent(3, 10))
    assert rows[warranty].accepted_interval == pytest.approx(_agresti_coull_percent(2, 6))
    low, high = rows[warranty].accepted_interval
    assert 0 < low < 100 * 2 / 6 < high < 100


def test_the_page_shows_products_within_reach(client, org):
    _contact(org, "jonas", offered=True, accepted=True, product="Surinkimas")
    _contact(org, "tomas", offered=True, product="Pristatymas")  # team B: not Ona's
    client.force_login(org.lead)
    html = client.get(reverse("people:upsell"), {"months": 12}).content.decode()
    assert 'data-product="Surinkimas"' in html
    assert 'data-product="Pristatymas"' not in html


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
