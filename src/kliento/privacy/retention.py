"""Retention: raw data older than the company's settings allow is removed every day."""

from kliento.audit_trail.models import AuditEvent


def retention_last_run() -> AuditEvent | None:
    """The last retention run's event (its counts in ``detail``), or None."""
    return (AuditEvent.objects.filter(action=AuditEvent.Action.RETENTION)
            .order_by("-at", "-pk").first())
