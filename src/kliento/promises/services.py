"""Writes for the promise ledger."""

from datetime import datetime

from django.core.exceptions import ValidationError

from kliento.organisation.calendar import local_date
from kliento.promises.models import Promise


def promise_create(**fields) -> Promise:
    promise = Promise(**fields)
    if promise.due_at < promise.promised_at:
        raise ValidationError({"due_at": "A promise cannot fall due before it is made."})
    promise.due_on = local_date(promise.due_at)
    promise.full_clean()
    promise.save()
    return promise


def promise_close(promise: Promise, *, done_at: datetime | None, as_specified: bool = True
                  ) -> Promise:
    """Kept when done on time and as specified; late when done after the due time; broken when
    not done at all or not as specified (wrong model, colour, size or accessories)."""
    if done_at is None or not as_specified:
        status = Promise.Status.BROKEN
    elif done_at <= promise.due_at:
        status = Promise.Status.KEPT
    else:
        status = Promise.Status.LATE
    promise.kept_at, promise.status = done_at, status
    promise.save(update_fields=["kept_at", "status"])
    return promise
