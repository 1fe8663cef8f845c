"""Reads of the audit log."""

from datetime import datetime

from django.db.models import Model, QuerySet

from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.presentation import related_names
from kliento.database.filters import filter_given


def object_history(obj: Model, *, limit: int = 100) -> list[AuditEvent]:
    """The latest ``limit`` events about ``obj``, newest first, with who made them and the
    rows their foreign keys point to named (``related_names``)."""
    events = list(AuditEvent.objects.filter(object_type=obj._meta.label_lower,
                                            object_id=str(obj.pk))
                  .select_related("actor").order_by("-at", "-pk")[:limit])
    names = related_names(events)
    for event in events:
        event.related_names = names
    return events


def audit_event_list(*, object_type: str | None = None, object_id: str | None = None,
                     actor: int | None = None, action: str | None = None,
                     source: str | None = None, since: datetime | None = None,
                     until: datetime | None = None) -> QuerySet[AuditEvent]:
    """Events matching every filter given, newest first; ``since`` inclusive, ``until``
    exclusive."""
    return filter_given(AuditEvent.objects.all(), object_type=object_type,
                        object_id=object_id, actor_id=actor, action=action, source=source,
                        at__gte=since, at__lt=until).order_by("-at", "-pk")
