"""Reminders before a promise falls due, escalations once it has passed: the periodic sweeps
that the job worker runs (``kliento.notices.tasks``) and ``kliento jobs run-due`` runs once.

Each promise is handled in a transaction of its own: the notice is inserted, the e-mail sent,
then COMMIT (``notice_deliver_once``). A sweep killed at any point therefore loses nothing —
an uncommitted notice does not exist, so the next sweep does that promise again — and never
shows a notice twice, as the notice's unique constraint refuses a second one. The one thing
a kill between sending and COMMIT can repeat is that promise's e-mail.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kliento.accounts.models import User
from kliento.notices.models import Notice
from kliento.notices.services import notice_deliver_once
from kliento.promises.models import Promise

logger = logging.getLogger(__name__)


def promise_reminders_send(now: datetime | None = None) -> int:
    """Remind the owner of every open promise that falls due within
    ``KLIENTO_PROMISE_REMINDER_LEAD_MINUTES`` and is not due yet, once per promise. Safe to
    run again and again; returns the number of reminders sent by this run."""
    now = now or timezone.now()
    lead = timedelta(minutes=settings.KLIENTO_PROMISE_REMINDER_LEAD_MINUTES)
    promises = (
        Promise.objects.filter(status=Promise.Status.OPEN, owner__isnull=False,
                               due_at__gt=now, due_at__lte=now + lead)
        .exclude(notices__kind=Notice.Kind.PROMISE_REMINDER)
        .select_related("customer", "owner__user")
    )
    return _notify_each(promises, Notice.Kind.PROMISE_REMINDER, now,
                        recipient=lambda promise: promise.owner.user,
                        wording=_reminder_wording)


def promise_escalations_send(now: datetime | None = None) -> int:
    """Tell the owner's team lead about every open promise past its due time, once per
    promise. A promise without an owner, or whose owner's team has no lead, has nobody to
    escalate to and is skipped. Returns the number of escalations sent by this run."""
    now = now or timezone.now()
    promises = (
        Promise.objects.filter(status=Promise.Status.OPEN, due_at__lte=now,
                               owner__team__lead__isnull=False)
        .exclude(notices__kind=Notice.Kind.PROMISE_ESCALATION)
        .select_related("customer", "owner__user", "owner__team__lead")
    )
    return _notify_each(promises, Notice.Kind.PROMISE_ESCALATION, now,
                        recipient=lambda promise: promise.owner.team.lead,
                        wording=_escalation_wording)


def promise_handover_escalations_send(now: datetime | None = None) -> int:
    """Tell the new owner's team lead about every open promise handed over more than
    ``KLIENTO_PROMISE_HANDOVER_ACK_HOURS`` ago that its owner has not acknowledged, once per
    promise — the colleague who "didn't think it mattered". Returns how many were sent."""
    now = now or timezone.now()
    waited = timedelta(hours=settings.KLIENTO_PROMISE_HANDOVER_ACK_HOURS)
    promises = (
        Promise.objects.filter(_UNACKNOWLEDGED, status=Promise.Status.OPEN,
                               handed_over_at__lte=now - waited,
                               owner__team__lead__isnull=False)
        .exclude(notices__kind=Notice.Kind.PROMISE_HANDOVER_ESCALATION)
        .select_related("customer", "owner__user", "owner__team__lead", "created_by")
    )
    return _notify_each(promises, Notice.Kind.PROMISE_HANDOVER_ESCALATION, now,
                        recipient=lambda promise: promise.owner.team.lead,
                        wording=_handover_wording, still_due=_UNACKNOWLEDGED)


_UNACKNOWLEDGED = Q(handed_over_at__isnull=False, acknowledged_at__isnull=True)
_ANY = Q()


def _notify_each(promises: QuerySet[Promise], kind: str, now: datetime, *,
                 recipient: Callable[[Promise], User],
                 wording: Callable[[Promise], tuple[str, str]], still_due: Q = _ANY) -> int:
    sent = 0
    for promise in promises:
        try:
            with transaction.atomic():
                # Closed (or acknowledged) since the sweep read it: a long sweep sends one
                # e-mail at a time.
                if not Promise.objects.filter(still_due, pk=promise.pk,
                                              status=Promise.Status.OPEN).exists():
                    continue
                subject, body = wording(promise)
                if notice_deliver_once(recipient=recipient(promise), kind=kind,
                                       promise=promise, subject=subject, body=body, now=now):
                    sent += 1
        except Exception:
            # One bad address or a mail server hiccup must not hold up everyone else's
            # notices; nothing was committed for this promise, so the next sweep retries it.
            logger.exception("The %s for promise %s was not sent", kind, promise.pk)
    return sent


def _due(promise: Promise) -> str:
    return date_format(timezone.localtime(promise.due_at), "SHORT_DATETIME_FORMAT")


def _reminder_wording(promise: Promise) -> tuple[str, str]:
    values = {"customer": promise.customer.full_name, "due": _due(promise),
              "description": promise.description}
    subject = _("Promise to %(customer)s due at %(due)s") % values
    body = _("You promised %(customer)s: “%(description)s”. It falls due at %(due)s.\n\n"
             "When it is done, mark it kept in Kliento.") % values
    return subject, body


def _escalation_wording(promise: Promise) -> tuple[str, str]:
    values = {"customer": promise.customer.full_name, "due": _due(promise),
              "description": promise.description, "owner": str(promise.owner)}
    subject = _("Overdue promise to %(customer)s (%(owner)s)") % values
    body = _("%(owner)s promised %(customer)s: “%(description)s”. It fell due at %(due)s "
             "and is still open.\n\nPlease check with %(owner)s and the customer.") % values
    return subject, body


def _handover_wording(promise: Promise) -> tuple[str, str]:
    values = {"customer": promise.customer.full_name, "due": _due(promise),
              "description": promise.description, "owner": str(promise.owner),
              "maker": promise.created_by.get_full_name() or promise.created_by.username
              if promise.created_by else "—",
              "since": date_format(timezone.localtime(promise.handed_over_at),
                                   "SHORT_DATETIME_FORMAT")}
    subject = _("Handed-over promise to %(customer)s not acknowledged (%(owner)s)") % values
    body = _("%(maker)s promised %(customer)s: “%(description)s”, due at %(due)s, and handed "
             "it to %(owner)s at %(since)s. %(owner)s has not acknowledged it yet.\n\n"
             "Please make sure %(owner)s knows it is theirs to keep.") % values
    return subject, body
