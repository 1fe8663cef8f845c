"""The customer as a whole over the API: a customer's timeline with their scores, segment
and stage; the KV bands (disappointed, satisfied, delighted) over time."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from kliento.access.policy import authorize
from kliento.api.authentication import requires
from kliento.api.periods import period_check
from kliento.customers.models import Customer
from kliento.journeys import selectors

router = Router(tags=["customers"])

TIMELINE_PAGE_MAX = 200


class EventOut(Schema):
    kind: str = Field(description="interaction, response, promise, case, grant, invitation, "
                                  "notice or order.")
    id: int
    at: datetime
    label: str | None = Field(description="The event's own kind or status: an interaction's "
                                          "kind, a promise's status, a response's recommend "
                                          "score, an order's currency.")
    text: str | None = Field(description="What was said, promised or bought.")
    score: float | None = Field(description="A response's recommend score, a case's score "
                                            "before, a grant's or an order's amount.")


class NameOut(Schema):
    full_name: str
    since: datetime
    by: str | None


class TimelineOut(Schema):
    customer_id: int
    full_name: str = Field(description="Exactly as the customer writes it.")
    name_history: list[NameOut]
    kv: float | None = Field(description="Mean experience ÷ expectation of their responses.")
    last_nps: int | None
    nps_class: str | None = Field(description="promoter, passive or detractor (last score).")
    segment: str | None = Field(description="new, active, at_risk, recovered or lost; null "
                                            "before the first refresh.")
    engagement_stage: str | None
    spend: Decimal
    orders: int
    last_ordered_at: datetime | None
    count: int = Field(description="Events in all; page with limit and offset.")
    items: list[EventOut]


class TimelinePage(Schema):
    limit: int = Field(50, ge=1, le=TIMELINE_PAGE_MAX)
    offset: int = Field(0, ge=0)


@router.get("/customers/{customer_id}/timeline", auth=requires("customers.view_customer"),
            response=TimelineOut, summary="A customer's timeline, scores, segment and stage")
def customer_timeline(request: HttpRequest, customer_id: int, page: Query[TimelinePage]):
    customer = get_object_or_404(Customer, pk=customer_id)
    authorize(request.user, "customers.view_customer", customer)
    events, count = selectors.customer_timeline(customer.pk, offset=page.offset,
                                                limit=page.limit)
    scores = selectors.customer_scores(customer.pk)
    status = selectors.customer_status(customer.pk)
    return {
        "customer_id": customer.pk, "full_name": customer.full_name,
        "name_history": [vars(version) for version in selectors.customer_name_history(customer)],
        "kv": scores.kv, "last_nps": scores.last_nps, "nps_class": scores.nps_class,
        "segment": status and status.segment, "engagement_stage": status and status.stage,
        "spend": scores.spend, "orders": scores.orders,
        "last_ordered_at": scores.last_ordered_at,
        "count": count, "items": [vars(event) for event in events],
    }


class BandsOut(Schema):
    month: date
    n: int
    expectation: float = Field(description="Mean expectation (1–10).")
    kv: float
    disappointed: float = Field(description="Share (0–1) with experience below expectation.")
    satisfied: float = Field(description="Share with experience equal to expectation.")
    delighted: float = Field(description="Share with experience above expectation.")


class BandFilters(Schema):
    start: date
    end: date
    touchpoint_id: int | None = None


BANDS_MAX_DAYS = 3 * 366


@router.get("/kv-bands", auth=requires("journeys.view_journeys"), response=list[BandsOut],
            summary="KV bands and mean expectation by month",
            description="Per month of responded_on between start and end (inclusive): mean "
                        "expectation, KV and the shares of disappointed, satisfied and "
                        "delighted responses; for one touchpoint when touchpoint_id is given.")
def kv_bands(request: HttpRequest, filters: Query[BandFilters]):
    period_check(filters.start, filters.end, BANDS_MAX_DAYS)
    return [vars(point) for point in selectors.expectation_drift(
        filters.start, filters.end, touchpoint_id=filters.touchpoint_id)]
