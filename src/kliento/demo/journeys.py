"""The demo's purchases, engagement answers, gestures and lifecycle segments, so that the
journey pages have something to show: every customer bought a few times around their
contacts; a share of those who answered a survey also answered the engagement block, and
what they spend grows with their stage (fully connected about twice the highly satisfied,
as the seeds say); some former customers bought long ago and never came back; a spectacular
gesture raised expectations at home delivery afterwards."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.db.models import Count, F, Max, Min
from django.db.models.functions import Mod
from django.utils import timezone

from kliento.customers.models import Customer
from kliento.interactions.models import Channel, Interaction, Touchpoint
from kliento.journeys.models import EngagementAnswer, Marker
from kliento.journeys.rollups import journey_rollups_fill
from kliento.journeys.services import lifecycle_refresh, segment_snapshot_take
from kliento.lifecycle.engagement import engagement_stage
from kliento.orders.models import Order
from kliento.organisation.calendar import local_date
from kliento.organisation.models import Location
from kliento.surveys.models import SurveyResponse

ENGAGEMENT_SHARE = 0.6  # of the customers with a recommend score
# Spend per order by stage, relative to the highly satisfied (the seeds: about 2 ×).
STAGE_SPEND = {"disconnected": 0.7, "highly_satisfied": 1.0, "sees_different": 1.4,
               "fully_connected": 2.0}
FORMER_SHARE = 0.08  # extra customers who bought once long ago
ITEMS = ("Sofa KIVIK", "Televizorius Samsung QE55", "Skalbimo mašina Miele", "Bėgimo batai",
         "Nešiojamas kompiuteris Lenovo", "Pagalvėlės", "Sieninis laikiklis", "Dulkių siurblys")
GESTURE_DAYS_AGO = 75


def demo_journeys_create(seed: int) -> int:
    """Orders, engagement answers, markers; then the segments now and at the last six month
    ends. Returns the number of orders."""
    rng = np.random.default_rng(seed + 19)
    now = timezone.now()
    with transaction.atomic():
        stages = _engagement_answers(rng, now)
        orders = _orders(rng, stages, now)
        _gesture(now)
    lifecycle_refresh(now)
    month = local_date(now).replace(day=1)
    for _ in range(6):
        segment_snapshot_take(month, now)
        month = (month - timedelta(days=1)).replace(day=1)
    # The journey map reads its summaries, as the daily sweep leaves them in production.
    journey_rollups_fill(now)
    return orders


def _engagement_answers(rng: np.random.Generator, now: datetime) -> dict[int, str]:
    """The engagement block for a share of the customers with a recommend score: satisfaction
    follows their last score, differentiation and connection follow satisfaction loosely."""
    last = list(SurveyResponse.objects.filter(customer__isnull=False, nps__isnull=False)
                .order_by("customer_id", "-responded_at")
                .values_list("customer_id", "nps", "responded_at", "pk"))
    seen, latest = set(), []
    for row in last:
        if row[0] not in seen:
            seen.add(row[0])
            latest.append(row)
    chosen = [row for row in latest if rng.random() < ENGAGEMENT_SHARE]
    nps = np.array([row[1] for row in chosen], dtype=float)
    satisfaction = np.clip(np.rint(1 + nps / 2.5 + rng.normal(0, 0.6, len(nps))), 1, 5)
    differentiation = np.clip(np.rint(satisfaction - 0.6 + rng.normal(0, 1.0, len(nps))), 1, 5)
    connection = np.clip(np.rint(differentiation - 0.5 + rng.normal(0, 1.0, len(nps))), 1, 5)
    answers, stages = [], {}
    for (customer_id, _score, responded_at, response_id), s, d, c in zip(
            chosen, satisfaction, differentiation, connection, strict=True):
        answered_at = min(responded_at + timedelta(minutes=2), now)
        answers.append(EngagementAnswer(
            customer_id=customer_id, survey_response_id=response_id, answered_at=answered_at,
            answered_on=local_date(answered_at), satisfaction=int(s),
            differentiation=int(d), connection=int(c)))
        stages[customer_id] = engagement_stage(int(s), int(d), int(c))
    EngagementAnswer.objects.bulk_create(answers, batch_size=2000)
    return stages


def _orders(rng: np.random.Generator, stages: dict[int, str], now: datetime) -> int:
    """A few orders per customer around their contacts, and former customers who bought
    once, long ago."""
    contacts = list(Interaction.objects.order_by().values("customer_id").annotate(
        first=Min("opened_at"), last=Max("opened_at"), n=Count("pk"))
        .values_list("customer_id", "first", "last", "n"))
    stores = list(Location.objects.filter(kind="store").values_list("pk", flat=True))
    web = Channel.objects.get(code="web").pk
    rows = []
    for customer_id, first, last, n in contacts:
        count = 1 + rng.poisson(0.6 + 0.4 * n)
        # Between a month before the first contact and a month after the last (not later
        # than now).
        opens = first - timedelta(days=30)
        span = max(3600.0, (min(last + timedelta(days=30), now) - opens).total_seconds())
        multiplier = STAGE_SPEND.get(stages.get(customer_id, ""), 0.9)
        for k in range(count):
            ordered_at = opens + timedelta(seconds=float(rng.uniform(0, span)))
            rows.append(_order(rng, f"DEMO-{customer_id}-{k}", customer_id, ordered_at,
                               multiplier, stores, web))
    formers = Customer.objects.bulk_create(
        Customer(full_name=name, preferred_language=language, external_id=f"DEMO-F{n}")
        for n, (name, language) in enumerate(_former_names(rng, int(len(contacts)
                                                                      * FORMER_SHARE))))
    for n, customer in enumerate(formers):
        # A third quiet for a while (at risk), the rest gone for over a year (lost).
        days = rng.uniform(130, 300) if n % 3 == 0 else rng.uniform(380, 700)
        rows.append(_order(rng, f"DEMO-F{n}-0", customer.pk, now - timedelta(days=days),
                           0.8, stores, web))
    Order.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _order(rng, external_id: str, customer_id: int, ordered_at: datetime, multiplier: float,
           stores: list[int], web: int) -> Order:
    in_store = bool(stores) and rng.random() < 0.6
    items = int(rng.integers(1, 4))
    amount = Decimal(str(round(float(rng.lognormal(4.3, 0.7)) * multiplier * items, 2)))
    return Order(external_id=external_id, customer_id=customer_id, ordered_at=ordered_at,
                 ordered_on=local_date(ordered_at), amount=amount, currency="EUR",
                 location_id=int(rng.choice(stores)) if in_store else None,
                 channel_id=None if in_store else web, item_count=items,
                 items="; ".join(rng.choice(ITEMS, size=items, replace=False)))


def _former_names(rng: np.random.Generator, n: int) -> list[tuple[str, str]]:
    names = (("Žydrūnė Šimkūnaitė", "lt"), ("Ģirts Bērziņš", "lv"), ("Łucja Wróblewska", "pl"),
             ("Алёна Смирнова", "ru"), ("Vytautas Ąžuolas", "lt"), ("Ilze Kalniņa", "lv"))
    return [names[int(k)] for k in rng.integers(0, len(names), n)]


def _gesture(now: datetime) -> None:
    """A spectacular gesture at home delivery, and a smaller campaign; after the gesture,
    customers expect more there: one expectation in two rises a point (a set-based UPDATE)."""
    delivery = Touchpoint.objects.filter(name="Home delivery").first()
    day = local_date(now) - timedelta(days=GESTURE_DAYS_AGO)
    Marker.objects.bulk_create([
        Marker(kind=Marker.Kind.GESTURE, touchpoint=delivery, happened_on=day, cost=Decimal(
            "18500.00"), what="Nemokamas pristatymas ir surinkimas tą pačią dieną visiems"),
        Marker(kind=Marker.Kind.CAMPAIGN, touchpoint=None, cost=Decimal("6200.00"),
               happened_on=day - timedelta(days=60), what="Rudens išpardavimas −20 %"),
    ])
    if delivery is None:
        return
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    raised = SurveyResponse.objects.annotate(half=Mod("pk", 2)).filter(
        touchpoint=delivery, responded_at__gte=moment, expectation__lt=10, half=0)
    SurveyResponse.objects.filter(pk__in=raised.values("pk")).update(
        expectation=F("expectation") + 1)
