"""Interactions over the API: the list. They are added through the data API's push
(kliento.imports.api)."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kliento.access.policy import visible
from kliento.api.authentication import requires
from kliento.interactions import selectors

router = Router(tags=["data in"])  # documented beside the push of the same path


class InteractionOut(Schema):
    id: int
    external_id: str | None
    customer: int = Field(alias="customer_id")
    channel: str = Field(alias="channel.code")
    kind: str
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    first_response_seconds: int | None
    resolution_seconds: int | None
    agent: int | None = Field(alias="agent_id")
    language: str
    text: str
    upsell_offered: bool
    upsell_accepted: bool
    upsell_product: str


class InteractionFilters(Schema):
    since: date | None = Field(None, description="Opened on or after this local day.")
    until: date | None = Field(None, description="Opened on or before this local day.")
    channel: str | None = None
    customer_external_id: str | None = None
    external_id: str | None = None


@router.get("/interactions", auth=requires("interactions.view_interaction"),
            response=list[InteractionOut], summary="Interactions you served")
@paginate
def interaction_list(request: HttpRequest, filters: Query[InteractionFilters]):
    return visible(request.user, "interactions.view_interaction",
                   selectors.interaction_list(**filters.model_dump()))
