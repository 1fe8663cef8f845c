"""Orders over the API: the list. They are added through the data API's push
(kliento.imports.api, ``POST /orders``), like customers and interactions."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from kliento.access.policy import visible
from kliento.api.authentication import requires
from kliento.orders import selectors

router = Router(tags=["data in"])  # documented beside the push of the same path


class OrderOut(Schema):
    id: int
    external_id: str
    customer_id: int
    ordered_at: datetime
    ordered_on: date
    amount: Decimal
    currency: str
    location_id: int | None
    channel_id: int | None
    items: str
    item_count: int


class OrderFilters(Schema):
    customer_id: int | None = None
    ordered_from: date | None = None
    ordered_to: date | None = None


@router.get("/orders", auth=requires("orders.view_order"), response=list[OrderOut],
            summary="Orders of the customers you serve")
@paginate
def order_list(request: HttpRequest, filters: Query[OrderFilters]):
    return visible(request.user, "orders.view_order", selectors.order_list(**filters.model_dump()))
