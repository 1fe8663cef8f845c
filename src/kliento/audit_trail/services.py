"""Writes to the audit log."""

from django.db.models import Model

from kliento.audit_trail.context import current_actor, current_source, current_token_prefix
from kliento.audit_trail.models import AuditEvent

_CURRENT = object()


def object_label(obj: Model) -> str:
    return obj._meta.label_lower


def audit_event_record(action: str, *, obj: Model | None = None, object_type: str = "",
                       object_id: str | int = "", object_repr: str | None = None,
                       changes: dict | None = None, detail: dict | None = None,
                       actor=_CURRENT, source: str | None = None) -> AuditEvent:
    """Log one event; by default it is made by whoever acts now (:mod:`.context`)."""
    actor = current_actor() if actor is _CURRENT else actor
    if obj is not None:
        object_type, object_id = object_label(obj), obj.pk
        object_repr = str(obj) if object_repr is None else object_repr
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "",
        token_prefix=current_token_prefix(), source=source or current_source(), action=action,
        object_type=object_type, object_id=str(object_id), object_repr=(object_repr or "")[:200],
        changes=changes or {}, detail=detail or {},
    )
