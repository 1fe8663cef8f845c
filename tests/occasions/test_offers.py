"""An offer experiment from definition to verdict: only consenting customers are assigned,
reproducibly from the seed; the offer goes out in each customer's language with the name as
written; and the outcomes per arm match a fixture computed by hand."""

import math
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kliento.customers.consent import customer_consent_set
from kliento.customers.models import Purpose
from kliento.experiments.assignment import assign
from kliento.occasions.models import OfferAssignment
from kliento.occasions.offer_results import offer_results
from kliento.occasions.offers import (
    offer_experiment_create,
    offer_experiment_launch,
    offer_redeem,
)
from kliento.orders.services import order_create
from tests.factories import CustomerFactory, SurveyResponseFactory, UserFactory

pytestmark = pytest.mark.django_db

NAMES = ["Jūratė Ąžuolaitė", "Līga Bērziņa", "Małgorzata Żółć", "Анна Иванова",
         "Zoë O'Brien", "Rūta Šimkutė", "Ģirts Ķēniņš", "Paweł Łęcki"]
LANGUAGES = ["lt", "lv", "pl", "ru", "en", "lt", "lv", "pl"]


@pytest.fixture
def customers():
    consenting = [CustomerFactory(full_name=name, preferred_language=language,
                                  email=f"c{index}@example.lt", consents_to_offers=True)
                  for index, (name, language) in enumerate(zip(NAMES, LANGUAGES, strict=True))]
    refusing = [CustomerFactory(full_name="Jonas Jonaitis", consents_to_offers=False,
                                email="jonas@example.lt"),
                CustomerFactory(full_name="Erased", consents_to_offers=True,
                                erased_at=timezone.now())]
    return consenting, refusing


@pytest.fixture
def launched(customers, django_capture_on_commit_callbacks):
    experiment = offer_experiment_create(
        name="Vardadienis 2026", occasion="vardadienis", discount_percent=1, window_days=30,
        arms=[("greeting_discount", 50), ("nothing", 50)], seed=3)
    launch = timezone.now() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert offer_experiment_launch(experiment, now=launch) == 8
    experiment.refresh_from_db()
    return experiment, customers


def arm_members(experiment, kind) -> list[int]:
    return list(OfferAssignment.objects.filter(experiment=experiment, arm__kind=kind)
                .order_by("customer_id").values_list("customer_id", flat=True))


def test_only_consenting_customers_are_assigned_as_the_seed_says(launched):
    experiment, (consenting, refusing) = launched
    assigned = dict(OfferAssignment.objects.filter(experiment=experiment)
                    .values_list("customer_id", "arm__position"))
    assert assigned == assign([customer.pk for customer in consenting], [50, 50], seed=3)
    assert not set(assigned) & {customer.pk for customer in refusing}
    with pytest.raises(ValidationError, match="launched already"):
        offer_experiment_launch(experiment)


def test_the_offer_goes_out_in_the_customers_language_with_the_name_as_written(launched):
    experiment, _customers = launched
    treated = OfferAssignment.objects.filter(experiment=experiment,
                                             arm__kind="greeting_discount")
    assert len(mail.outbox) == treated.count() == 4  # the control group hears nothing
    by_address = {message.to[0]: message for message in mail.outbox}
    for assignment in treated.select_related("customer"):
        message = by_address[assignment.customer.email]
        name = assignment.customer.full_name
        assert name.encode() in message.body.encode()
        assert name in message.subject
        assert assignment.code and assignment.code in message.body
        assert "List-Unsubscribe" in message.extra_headers


def test_arms_must_keep_a_control_group_and_add_up():
    with pytest.raises(ValidationError, match="control group"):
        offer_experiment_create(name="X", arms=[("greeting", 50), ("discount", 50)])
    with pytest.raises(ValidationError, match="adding up to 100"):
        offer_experiment_create(name="Y", arms=[("greeting", 50), ("nothing", 40)])


def test_the_outcomes_match_the_hand_computation(launched):
    experiment, _customers = launched
    start = experiment.launched_at
    treated = arm_members(experiment, "greeting_discount")
    control = arm_members(experiment, "nothing")
    for index, (customer, amount) in enumerate(zip(treated[:3], (10, 20, 30), strict=True)):
        order_create(external_id=f"T{index}", customer_id=customer, amount=Decimal(amount),
                     ordered_at=start + timedelta(hours=index + 1))
    order_create(external_id="C0", customer_id=control[0], amount=Decimal(40),
                 ordered_at=start + timedelta(days=2))
    order_create(external_id="C-late", customer_id=control[1], amount=Decimal(99),
                 ordered_at=start + timedelta(days=31))  # after the window
    for customer in treated[:2]:
        offer_redeem(OfferAssignment.objects.get(experiment=experiment, customer_id=customer)
                     .code.lower(), now=start + timedelta(hours=5))
    SurveyResponseFactory(customer_id=treated[0], nps=10, experience=9, expectation=6,
                          responded_at=start + timedelta(days=3))
    SurveyResponseFactory(customer_id=treated[1], nps=6, experience=6, expectation=8,
                          responded_at=start + timedelta(days=3))
    SurveyResponseFactory(customer_id=control[0], nps=9, responded_at=start + timedelta(days=3))
    customer_consent_set(OfferAssignment.objects.get(customer_id=treated[3]).customer,
                         Purpose.OFFERS, False)

    results = offer_results(experiment)
    arm = {result.arm.kind: result for result in results.arms}
    offer, nothing = arm["greeting_discount"], arm["nothing"]
    assert (offer.customers, offer.purchasers, offer.purchase_rate) == (4, 3, 75.0)
    assert (nothing.customers, nothing.purchasers, nothing.purchase_rate) == (4, 1, 25.0)
    assert (offer.spend_total, nothing.spend_total) == (Decimal(60), Decimal(40))
    assert (offer.redeemed, offer.cost, nothing.cost) == (2, Decimal("0.30"), Decimal(0))
    assert (offer.answers, offer.nps, nothing.nps) == (2, 0.0, 100.0)
    assert offer.kv == pytest.approx((9 / 6 + 6 / 8) / 2) and nothing.kv is None
    assert (offer.unsubscribed, nothing.unsubscribed) == (1, 0)
    # Agresti–Caffo by hand: (1+1)/(4+2) and (3+1)/(4+2), each variance p(1−p)/6.
    p_control, p_offer = 2 / 6, 4 / 6
    margin = 1.959963984540054 * math.sqrt(2 * p_control * (1 - p_control) / 6)
    assert offer.vs_control.points == pytest.approx(50.0)
    assert offer.vs_control.low == pytest.approx(100 * (p_offer - p_control - margin))
    assert offer.vs_control.high == pytest.approx(100 * (p_offer - p_control + margin))
    # Spend per customer: (10+20+30+0)/4 − (40+0+0+0)/4.
    assert offer.spend_vs_control.difference == pytest.approx(5.0)
    # 0.30 € of discounts for (0.75 − 0.25) × 4 = 2 extra purchases.
    assert offer.cost_per_extra_purchase == pytest.approx(0.15)
    assert nothing.vs_control is None
    assert results.verdicts == [
        "Greeting and discount made no clear difference to purchases over the control group: "
        # The true minus sign (U+2212), as every page writes a negative number.
        f"[{offer.vs_control.low:.1f}, {offer.vs_control.high:.1f}] points.".replace("-", "−")]


def test_a_code_is_redeemed_once(launched):
    experiment, _customers = launched
    code = OfferAssignment.objects.filter(experiment=experiment).exclude(code=None).first().code
    offer_redeem(code)
    with pytest.raises(ValidationError, match="used already"):
        offer_redeem(code)
    with pytest.raises(ValidationError, match="No offer"):
        offer_redeem("NOPE")


def test_the_api_redeems_a_code_and_reports_the_arms(client, launched):
    experiment, _customers = launched
    manager = UserFactory(is_superuser=True)
    client.force_login(manager)
    code = OfferAssignment.objects.filter(experiment=experiment).exclude(code=None).first().code
    redeemed = client.post("/api/v1/offers/redeem", {"code": code.lower()},
                           content_type="application/json")
    assert redeemed.status_code == 200
    again = client.post("/api/v1/offers/redeem", {"code": code},
                        content_type="application/json")
    assert again.status_code == 422 and "used already" in again.json()["errors"]["code"][0]
    results = client.get(f"/api/v1/offer-experiments/{experiment.pk}/results").json()
    arms = {arm["kind"]: arm for arm in results["arms"]}
    assert (arms["greeting_discount"]["customers"], arms["nothing"]["customers"]) == (4, 4)
    assert arms["greeting_discount"]["redeemed"] == 1
