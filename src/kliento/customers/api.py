"""Customers over the API: the list. They are added through the data API's push
(kliento.imports.api)."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

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


@router.get("/customers", response=list[CustomerOut], summary="Customers")
@paginate
def customer_list(request: HttpRequest, filters: Query[CustomerFilters]):
    return selectors.customer_list(**filters.model_dump())
