"""Offers over the API: the till redeems a code; the results of an experiment."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from kliento.api.authentication import requires
from kliento.api.ids import RowId
from kliento.api.problems import Problem, field_problem
from kliento.occasions.models import OfferExperiment
from kliento.occasions.offer_results import offer_results
from kliento.occasions.offers import offer_redeem

router = Router(tags=["offers"])


class RedeemIn(Schema):
    code: str = Field(description="The code printed in the offer e-mail or on the store list.")


class RedeemOut(Schema):
    customer: int = Field(alias="customer_id")
    experiment: int = Field(alias="experiment_id")
    redeemed_at: str

    @staticmethod
    def resolve_redeemed_at(assignment) -> str:
        return assignment.redeemed_at.isoformat()


class RedeemProblemOut(Problem):
    errors: dict[str, list[str]]


class ArmResultOut(Schema):
    kind: str
    customers: int
    purchasers: int
    purchase_rate: float | None
    spend_total: float
    redeemed: int
    nps: float | None
    kv: float | None
    unsubscribed: int
    cost: float
    points_vs_control: float | None
    low: float | None
    high: float | None
    cost_per_extra_purchase: float | None


class ResultsOut(Schema):
    experiment: int
    window_start: str | None
    window_end: str | None
    arms: list[ArmResultOut]
    verdicts: list[str]


@router.post("/offers/redeem", auth=requires("occasions.change_offerassignment"),
             response={200: RedeemOut, 422: RedeemProblemOut},
             summary="Redeem an offer's discount code, once")
def offer_code_redeem(request: HttpRequest, payload: RedeemIn):
    try:
        return Status(200, offer_redeem(payload.code))
    except ValidationError as error:
        return field_problem(error)


@router.get("/offer-experiments/{experiment_id}/results",
            auth=requires("occasions.view_offerexperiment"), response=ResultsOut,
            summary="An offer experiment's outcomes by arm, with intervals and verdicts")
def offer_experiment_results(request: HttpRequest, experiment_id: RowId):
    experiment = get_object_or_404(OfferExperiment, pk=experiment_id)
    results = offer_results(experiment)
    if results is None:
        return {"experiment": experiment.pk, "window_start": None, "window_end": None,
                "arms": [], "verdicts": []}
    return {"experiment": experiment.pk, "window_start": results.window_start.isoformat(),
            "window_end": results.window_end.isoformat(), "verdicts": results.verdicts,
            "arms": [{"kind": r.arm.kind, "customers": r.customers,
                      "purchasers": r.purchasers, "purchase_rate": r.purchase_rate,
                      "spend_total": float(r.spend_total), "redeemed": r.redeemed,
                      "nps": r.nps, "kv": r.kv, "unsubscribed": r.unsubscribed,
                      "cost": float(r.cost),
                      "points_vs_control": r.vs_control and r.vs_control.points,
                      "low": r.vs_control and r.vs_control.low,
                      "high": r.vs_control and r.vs_control.high,
                      "cost_per_extra_purchase": r.cost_per_extra_purchase}
                     for r in results.arms]}
