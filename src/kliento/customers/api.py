"""Customers over the API: the list. They are added through the data API's push
(kliento.imports.api)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from kliento.access.policy import visible
from kliento.api.authentication import requires
from kliento.customers import selectors
from kliento.customers.models import Customer

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


def customer_referenced(pk: int | None, external_id: str | None) -> Customer:
    """The customer another resource's body names, by id or by external id — exactly one of
    the two (422 otherwise); 404 when there is none."""
    if (pk is None) == (external_id is None):
        raise HttpError(422, "Give exactly one of customer and customer_external_id.")
    return get_object_or_404(Customer, **({"pk": pk} if pk is not None
                                           else {"external_id": external_id}))
