"""The audit log over the API: who changed what, when and through which door. Managers
only (the permission ``privacy.view_audit_log``)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from kliento.api.authentication import requires
from kliento.api.ids import RowId
from kliento.audit_trail.selectors import audit_event_list

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    at: datetime
    actor: int | None = Field(None, alias="actor_id", description="The user who acted; null "
                              "for Kliento itself (a job) or a customer's own link.")
    actor_name: str
    token_prefix: str = Field(description="The API token used, by its prefix; empty otherwise.")
    source: str = Field(description="page, api, import, job, command, customer_link or system")
    action: str
    object_type: str = Field(description="app_label.model, e.g. promises.promise")
    object_id: str
    object_repr: str
    changes: dict[str, list[Any]] = Field(description="{field: [before, after]}")
    detail: dict[str, Any]


class AuditEventFilters(Schema):
    object_type: str | None = Field(None, description="e.g. promises.promise")
    object_id: str | None = None
    actor: RowId | None = Field(None, description="A user's id.")
    action: str | None = None
    source: str | None = None
    since: datetime | None = Field(None, description="From this moment (inclusive).")
    until: datetime | None = Field(None, description="Up to this moment (exclusive).")


@router.get("/audit-events", auth=requires("privacy.view_audit_log"),
            response=list[AuditEventOut], summary="The audit log, newest first")
@paginate
def audit_event_index(request: HttpRequest, filters: Query[AuditEventFilters]):
    if filters.since and filters.until and filters.until <= filters.since:
        raise HttpError(422, "until must be after since")
    return audit_event_list(**filters.model_dump())
