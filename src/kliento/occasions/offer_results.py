"""What an offer experiment did, arm by arm, over its window from the launch: purchase rate
and spend (from orders), redemptions, the NPS of later answers, unsubscribes from offers, and
the cost of each extra purchase — each arm against the control group (and the discount against
the greeting), with intervals and a verdict in plain words. Counted in the database."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kliento.customers.models import ConsentChange, Purpose
from kliento.experiments.effects import (
    MeanDifference,
    RateDifference,
    cost_per_extra_purchase,
    mean_difference,
    rate_difference,
)
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.occasions.models import OfferArm, OfferAssignment, OfferExperiment
from kliento.orders.models import Order
from kliento.surveys.models import SurveyResponse
from kliento.ui.formatting import format_number

MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class ArmResult:
    arm: OfferArm
    customers: int
    purchasers: int
    spend_total: Decimal
    redeemed: int
    answers: int
    nps: float | None
    kv: float | None  # mean experience ÷ expectation of the later answers (KV index)
    unsubscribed: int
    cost: Decimal  # the discounts granted on redeemed purchases
    vs_control: RateDifference | None
    spend_vs_control: MeanDifference | None
    cost_per_extra_purchase: float | None

    @property
    def purchase_rate(self) -> float | None:
        return 100.0 * self.purchasers / self.customers if self.customers else None

    @property
    def spend_per_customer(self) -> Decimal | None:
        return self.spend_total / self.customers if self.customers else None


@dataclass(frozen=True)
class ExperimentResults:
    experiment: OfferExperiment
    window_start: datetime
    window_end: datetime
    arms: list[ArmResult]
    verdicts: list[str]


def offer_results(experiment: OfferExperiment) -> ExperimentResults | None:
    """None before the launch."""
    if experiment.launched_at is None:
        return None
    start = experiment.launched_at
    end = start + timedelta(days=experiment.window_days)
    orders = Order.objects.filter(customer=OuterRef("customer"), ordered_at__gte=start,
                                  ordered_at__lt=end)
    per_customer = (OfferAssignment.objects.filter(experiment=experiment)
                    .annotate(bought=Exists(orders),
                              spend=Coalesce(Subquery(orders.order_by().values("customer")
                                                      .annotate(total=Sum("amount"))
                                                      .values("total")[:1]),
                                             Value(Decimal(0)), output_field=MONEY)))
    totals = {row["arm"]: row for row in per_customer.values("arm").annotate(
        n=Count("pk"), buyers=Count("pk", filter=Q(bought=True)),
        spend_total=Sum("spend"), redeemed=Count("pk", filter=Q(redeemed_at__isnull=False)),
        redeemed_spend=Sum("spend", filter=Q(redeemed_at__isnull=False)))}
    spends: dict[int, list[float]] = {}
    for arm_id, spend in per_customer.values_list("arm", "spend"):
        spends.setdefault(arm_id, []).append(float(spend))

    arm_of_customer = Subquery(OfferAssignment.objects.filter(
        experiment=experiment, customer=OuterRef("customer")).values("arm")[:1])
    scores = {row["arm"]: row for row in SurveyResponse.objects.filter(
        Q(nps__isnull=False) | Q(experience__isnull=False, expectation__gt=0),
        responded_at__gte=start, responded_at__lt=end)
        .annotate(arm=arm_of_customer).filter(arm__isnull=False).values("arm")
        .annotate(n=Count("pk", filter=Q(nps__isnull=False)),
                  promoters=Count("pk", filter=Q(nps__gte=PROMOTER_FROM)),
                  detractors=Count("pk", filter=Q(nps__lte=DETRACTOR_UP_TO)),
                  kv=Avg(F("experience") * 1.0 / F("expectation"),
                         filter=Q(experience__isnull=False, expectation__gt=0)))}
    unsubscribes = dict(ConsentChange.objects.filter(
        purpose=Purpose.OFFERS, granted=False, changed_at__gte=start, changed_at__lt=end)
        .annotate(arm=arm_of_customer).filter(arm__isnull=False).values("arm")
        .annotate(n=Count("pk")).values_list("arm", "n"))

    arms = list(experiment.arms.order_by("position"))
    control = next((arm for arm in arms if arm.kind == OfferArm.Kind.NOTHING), None)
    control_row = totals.get(control.pk) if control else None
    results = []
    for arm in arms:
        row = totals.get(arm.pk, {"n": 0, "buyers": 0, "spend_total": None, "redeemed": 0,
                                  "redeemed_spend": None})
        score = scores.get(arm.pk)
        cost = (experiment.discount_percent / 100 * (row["redeemed_spend"] or Decimal(0))
                if arm.has_discount else Decimal(0)).quantize(Decimal("0.01"))
        versus = spend_versus = per_extra = None
        if arm != control and control_row and row["n"] and control_row["n"]:
            versus = rate_difference(control_row["buyers"], control_row["n"], row["buyers"],
                                     row["n"])
            if row["n"] >= 2 and control_row["n"] >= 2:
                spend_versus = mean_difference(spends[control.pk], spends[arm.pk])
            per_extra = cost_per_extra_purchase(float(cost), row["n"],
                                                row["buyers"] / row["n"],
                                                control_row["buyers"] / control_row["n"])
        results.append(ArmResult(
            arm=arm, customers=row["n"], purchasers=row["buyers"],
            spend_total=row["spend_total"] or Decimal(0), redeemed=row["redeemed"],
            answers=score["n"] if score else 0,
            nps=100.0 * (score["promoters"] - score["detractors"]) / score["n"]
            if score and score["n"] else None,
            kv=score["kv"] if score else None,
            unsubscribed=unsubscribes.get(arm.pk, 0), cost=cost, vs_control=versus,
            spend_vs_control=spend_versus, cost_per_extra_purchase=per_extra))
    return ExperimentResults(experiment, start, end, results, _verdicts(results))


def verdict_sentence(arm: str, reference: str, difference: RateDifference) -> str:
    values = {"arm": arm, "reference": reference,
              "points": format_number(abs(difference.points), 1),
              "low": format_number(difference.low, 1), "high": format_number(difference.high, 1)}
    if not difference.real:
        return _("%(arm)s made no clear difference to purchases over %(reference)s: "
                 "[%(low)s, %(high)s] points.") % values
    if difference.points > 0:
        return _("%(arm)s raised purchases by %(points)s points [%(low)s, %(high)s] over "
                 "%(reference)s.") % values
    return _("%(arm)s lowered purchases by %(points)s points [%(low)s, %(high)s] against "
             "%(reference)s.") % values


def _verdicts(results: list[ArmResult]) -> list[str]:
    """Each arm against the control group; the discount alone against the greeting alone."""
    by_kind = {result.arm.kind: result for result in results}
    control = by_kind.get(OfferArm.Kind.NOTHING)
    sentences = [verdict_sentence(result.arm.get_kind_display(), _("the control group"),
                                  result.vs_control)
                 for result in results if result.vs_control is not None]
    greeting, discount = by_kind.get(OfferArm.Kind.GREETING), by_kind.get(OfferArm.Kind.DISCOUNT)
    if greeting and discount and greeting.customers and discount.customers and control:
        sentences.append(verdict_sentence(
            discount.arm.get_kind_display(), greeting.arm.get_kind_display(),
            rate_difference(greeting.purchasers, greeting.customers, discount.purchasers,
                            discount.customers)))
    return sentences

