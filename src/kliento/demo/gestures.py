"""The demo's occasions, offer experiments and defects: birthdays for a share of the customers
who agreed to offers, a finished experiment in which (as the seeds say) even a 1 % discount
beats a greeting, one in draft, and defects at the stores over the last twelve weeks — some
open, some fixed, some verified — with visits made while they were open scoring lower."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.db.models import F, Subquery, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from kliento.accounts.models import User
from kliento.customers.models import Customer
from kliento.defects.models import Defect
from kliento.defects.selectors import open_defect_at
from kliento.experiments.assignment import assign
from kliento.interactions.models import Interaction
from kliento.occasions.models import OfferArm, OfferAssignment, OfferExperiment
from kliento.occasions.offers import offer_experiment_create
from kliento.orders.models import Order
from kliento.organisation.calendar import local_date
from kliento.organisation.models import Location
from kliento.surveys.models import SurveyResponse

OFFER_CONSENT_SHARE = 0.6  # of the customers with an e-mail address
BIRTHDAY_SHARE = 0.35
EXPERIMENT_DAYS_AGO = 45
# Extra purchase probability in the window, by arm: the discount wins (seed 001).
ARM_PURCHASE = {"greeting": 0.02, "greeting_discount": 0.09, "discount": 0.08, "nothing": 0.0}
DEFECT_WEEKS = 12
DEFECTS = (
    ("cleanliness", "Nešvarus tualetas, trūksta popieriaus."),
    ("cleanliness", "Ant pusryčių lėkštės – kiaušinio lukštas."),
    ("security_staff", "Apsauginis spoksojo ir sekė paskui mane po salę."),
    ("signage", "Nėra nuorodų į kasas, klientai klaidžioja."),
    ("parking", "Parkavimo aikštelėje neveikia užtvaras."),
    ("prices_not_visible", "Ant lentynos nėra kainų etikečių."),
    ("wrong_name", "W liście przekręcono moje nazwisko."),
    ("website_error", "Apmaksas lapa nestrādā, rāda kļūdu 500."),
    ("cleanliness", "Грязный пол у входа, липкие поручни."),
    ("other", "Per šalta prie įėjimo, durys neužsidaro."),
)


def demo_gestures_create(seed: int) -> tuple[int, int]:
    """Birthdays, the experiments and the defects; returns (assigned customers, defects)."""
    rng = np.random.default_rng(seed + 20)
    now = timezone.now()
    with transaction.atomic():
        _birthdays(rng)
        assigned = _experiments(rng, now)
        defects = _defects(rng, now)
    return assigned, defects


def _birthdays(rng: np.random.Generator) -> None:
    """Most customers with an address agreed to occasions and offers; a third of those gave
    their birthday."""
    with_email = list(Customer.objects.exclude(email="").filter(erased_at__isnull=True)
                      .values_list("pk", flat=True))
    agreed = [pk for pk in with_email if rng.random() < OFFER_CONSENT_SHARE]
    Customer.objects.filter(pk__in=agreed).update(consents_to_offers=True)
    consenting = list(Customer.objects.filter(consents_to_offers=True).only("pk"))
    chosen = [customer for customer in consenting if rng.random() < BIRTHDAY_SHARE]
    for customer in chosen:
        customer.birthday = date(int(rng.integers(1950, 2005)), 1, 1) + timedelta(
            days=int(rng.integers(0, 365)))
    Customer.objects.bulk_update(chosen, ["birthday"], batch_size=2000)


def _experiments(rng: np.random.Generator, now: datetime) -> int:
    """A finished experiment, assigned as a launch assigns (same seed, same arms), with the
    purchases the window brought; and a draft for the next occasion."""
    experiment = offer_experiment_create(
        name="Name day, spring", occasion="name day", discount_percent=1, window_days=30,
        seed=2026, arms=[("greeting", 25), ("greeting_discount", 25), ("discount", 25),
                         ("nothing", 25)])
    offer_experiment_create(
        name="Birthday, autumn", occasion="birthday", discount_percent=5, window_days=30,
        seed=2027, arms=[("greeting", 34), ("discount", 33), ("nothing", 33)])
    launched = now - timedelta(days=EXPERIMENT_DAYS_AGO)
    arms = list(experiment.arms.order_by("position"))
    ids = list(Customer.objects.filter(consents_to_offers=True, erased_at__isnull=True)
               .values_list("pk", flat=True))
    arm_of = assign(ids, [arm.share for arm in arms], experiment.seed)
    assignments, orders = [], []
    for customer, index in sorted(arm_of.items()):
        arm = arms[index]
        bought = rng.random() < ARM_PURCHASE[arm.kind]
        redeemed = bought and arm.has_discount and rng.random() < 0.8
        assignments.append(OfferAssignment(
            experiment=experiment, arm=arm, customer_id=customer, assigned_at=launched,
            emailed_at=launched if arm.kind != OfferArm.Kind.NOTHING else None,
            code=f"D{customer:07d}" if arm.has_discount else None,
            redeemed_at=launched + timedelta(days=3) if redeemed else None))
        if bought:
            at = launched + timedelta(days=float(rng.uniform(0.5, 29)))
            orders.append(Order(external_id=f"DEMO-OFFER-{customer}", customer_id=customer,
                                ordered_at=at, ordered_on=local_date(at),
                                amount=Decimal(str(round(float(rng.lognormal(4.0, 0.5)), 2))),
                                items="Dovanų kuponas"))
    OfferAssignment.objects.bulk_create(assignments, batch_size=2000)
    Order.objects.bulk_create(orders, batch_size=2000)
    OfferExperiment.objects.filter(pk=experiment.pk).update(
        status=OfferExperiment.Status.LAUNCHED, launched_at=launched)
    return len(assignments)


def _defects(rng: np.random.Generator, now: datetime) -> int:
    """Defects where customers actually pass: at the store and touchpoint pairs of the
    visits; then the answers about visits made while one was open lose three points of
    their recommend score (a set-based UPDATE), as a dirty toilet would cost."""
    places = list(Interaction.objects.filter(location__kind=Location.Kind.STORE,
                                             touchpoint__isnull=False)
                  .values_list("location", "touchpoint").distinct().order_by("location",
                                                                              "touchpoint"))
    staff = list(User.objects.filter(agent__isnull=False).order_by("pk")[:20])
    if not places or not staff:
        return 0
    rows = []
    for _ in range(int(DEFECT_WEEKS * 8)):
        category, text = DEFECTS[int(rng.integers(0, len(DEFECTS)))]
        seen = now - timedelta(days=float(rng.uniform(0, DEFECT_WEEKS * 7)))
        state = rng.random()
        fixed = seen + timedelta(days=float(rng.uniform(1, 12))) if state < 0.8 else None
        if fixed is not None and fixed > now:
            fixed = None
        status = (Defect.Status.OPEN if fixed is None else
                  Defect.Status.VERIFIED if state < 0.5 else Defect.Status.FIXED)
        owner = staff[int(rng.integers(0, len(staff)))]
        location_id, touchpoint_id = places[int(rng.integers(0, len(places)))]
        rows.append(Defect(
            location_id=location_id, touchpoint_id=touchpoint_id,
            category=category, suggested_category=category, description=text,
            source=(Defect.Source.STAFF, Defect.Source.AUDITOR,
                    Defect.Source.CUSTOMER)[int(rng.integers(0, 3))],
            reported_by=staff[int(rng.integers(0, len(staff)))], owner=owner,
            due_at=seen + timedelta(days=3), status=status, observed_at=seen, created_at=seen,
            fixed_at=fixed, fixed_by=owner if fixed else None,
            verified_at=fixed + timedelta(hours=6) if status == Defect.Status.VERIFIED else None))
    Defect.objects.bulk_create(rows)
    during = SurveyResponse.objects.filter(nps__isnull=False).annotate(
        during=open_defect_at("interaction__location", "interaction__touchpoint",
                              "interaction__opened_at")).filter(during=True)
    SurveyResponse.objects.filter(pk__in=Subquery(during.values("pk"))).update(
        nps=Greatest(F("nps") - 3, Value(0)))
    return len(rows)
