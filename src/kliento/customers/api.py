"""Customers over the API: the list. They are added through the data API's push
(kliento.imports.api)."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kliento.access.policy import visible
from kliento.api.authentication import requires
from kliento.customers import selectors

router = Router(tags=["data in"])  # documented beside the push of the same path


class CustomerOut(Schema):
    id: int
    external_id: str | None
    full_name: str
    email: str
    phone: str
    city: str
    country: str
    preferred_language: str
    consents_to_surveys: bool


class CustomerFilters(Schema):
    external_id: str | None = None
    email: str | None = None
    search: str | None = Field(None, description="Part of the name.")


@router.get("/customers", auth=requires("customers.view_customer"), response=list[CustomerOut],
            summary="Customers you serve")
@paginate
def customer_list(request: HttpRequest, filters: Query[CustomerFilters]):
    return visible(request.user, "customers.view_customer",
                   selectors.customer_list(**filters.model_dump()))
