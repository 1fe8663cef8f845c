"""Field-level history of the records people and integrations change, kept by
django-simple-history: each tracked model declares ``history = tracked_history()``.

Every historical row also becomes an :class:`AuditEvent` with its fields before and after, so
the audit log is one table to filter, page and expire, whatever the model.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Model
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from kliento.audit_trail.context import current_actor, current_source
from kliento.audit_trail.models import AuditEvent, SourcedHistory
from kliento.audit_trail.services import audit_event_record

# Never copied into the audit log's before/after: secrets and link digests.
UNLOGGED_FIELDS = frozenset({"secret", "status_token_digest", "token_digest", "questions_stamp",
                             "digest", "password"})
_ACTIONS = {"+": AuditEvent.Action.CREATED, "~": AuditEvent.Action.CHANGED,
            "-": AuditEvent.Action.DELETED}


def history_actor(instance=None, request=None, **kwargs):
    """Read when the change is recorded, not when the request began: by then the API's
    token authentication has set ``request.user``."""
    return current_actor()


def tracked_history(**options) -> HistoricalRecords:
    return HistoricalRecords(bases=[SourcedHistory], get_user=history_actor, **options)


def plain(value):
    """A value the JSON log keeps as it is (dates and decimals via Django's encoder)."""
    if value is None or isinstance(value, str | int | float | bool | date | datetime | Decimal
                                   | dict | list):
        return value
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, set | tuple):
        return sorted(plain(item) for item in value)
    return str(value)


def _m2m_ids(rows) -> list:
    return sorted(next(iter(v for k, v in row.items() if k not in {"id", "history"}), None)
                  for row in rows) if isinstance(rows, list) else plain(rows)


def history_changes(history_instance) -> dict[str, list]:
    """{field: [before, after]} against the previous historical row (all fields filled in,
    for a creation)."""
    previous = history_instance.prev_record if history_instance.history_type != "+" else None
    if previous is None:
        kept = {field.attname for field in type(history_instance)._meta.concrete_fields}
        values = {field.attname: getattr(history_instance, field.attname)
                  for field in history_instance.instance_type._meta.concrete_fields
                  if field.attname in kept and field.attname not in UNLOGGED_FIELDS
                  and not field.primary_key}
        return {name: [None, plain(value)] for name, value in values.items()
                if value not in (None, "", {}, [])}
    delta = history_instance.diff_against(previous)
    changes = {}
    for change in delta.changes:
        if change.field in UNLOGGED_FIELDS:
            continue
        if isinstance(change.old, list) or isinstance(change.new, list):
            changes[change.field] = [_m2m_ids(change.old), _m2m_ids(change.new)]
        else:
            changes[change.field] = [plain(change.old), plain(change.new)]
    return changes


@receiver(pre_create_historical_record)
def history_source_note(sender, history_instance, **kwargs) -> None:
    history_instance.history_source = current_source()


@receiver(post_create_historical_record)
def history_row_logged(sender, instance, history_instance, history_user, **kwargs) -> None:
    """The audit log's copy of a historical row (library integration: the one place a change
    to any tracked model passes)."""
    audit_event_record(
        _ACTIONS[history_instance.history_type], obj=instance,
        changes=history_changes(history_instance), actor=history_user,
        source=history_instance.history_source,
        detail={"history_id": history_instance.history_id},
    )
