"""No recovery case left neglected: a case nobody has contacted by its due time reminds its
owner, and ``KLIENTO_RECOVERY_ESCALATION_HOURS`` later escalates to the owner's team lead —
once each, with the same guarantee as promise notices (see
:mod:`kliento.notices.promise_reminders`): one transaction per case, the notice's unique
constraint refusing a second one whatever runs concurrently or again.
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
from kliento.recovery.models import RecoveryCase

logger = logging.getLogger(__name__)

# Still waiting for its first contact: re-checked inside each case's transaction.
_NOT_CONTACTED = Q(status__in=RecoveryCase.ACTIVE, first_contact_at__isnull=True)


def recovery_reminders_send(now: datetime | None = None) -> int:
    """Remind the owner of every active case past its first-contact due time that nobody
    has contacted, once per case. Returns the number sent by this run."""
    now = now or timezone.now()
    cases = (
        RecoveryCase.objects.filter(_NOT_CONTACTED, due_at__lte=now, assignee__isnull=False)
        .exclude(notices__kind=Notice.Kind.RECOVERY_REMINDER)
        .select_related("customer", "assignee")
    )
    return _notify_each(cases, Notice.Kind.RECOVERY_REMINDER, now,
                        recipient=lambda case: case.assignee, wording=_reminder_wording)


def recovery_escalations_send(now: datetime | None = None) -> int:
    """Tell the owner's team lead about every case still not contacted
    ``KLIENTO_RECOVERY_ESCALATION_HOURS`` after its due time, once per case. A case without
    an owner, or whose owner has no team lead, has nobody to escalate to. Returns the number
    sent by this run."""
    now = now or timezone.now()
    waited = timedelta(hours=settings.KLIENTO_RECOVERY_ESCALATION_HOURS)
    cases = (
        RecoveryCase.objects.filter(_NOT_CONTACTED, due_at__lte=now - waited,
                                    assignee__agent__team__lead__isnull=False)
        .exclude(notices__kind=Notice.Kind.RECOVERY_ESCALATION)
        .select_related("customer", "assignee__agent__team__lead")
    )
    return _notify_each(cases, Notice.Kind.RECOVERY_ESCALATION, now,
                        recipient=lambda case: case.assignee.agent.team.lead,
                        wording=_escalation_wording)


def _notify_each(cases: QuerySet[RecoveryCase], kind: str, now: datetime, *,
                 recipient: Callable[[RecoveryCase], User],
                 wording: Callable[[RecoveryCase], tuple[str, str]]) -> int:
    sent = 0
    for case in cases:
        try:
            with transaction.atomic():
                # Contacted or closed since the sweep read it.
                if not RecoveryCase.objects.filter(_NOT_CONTACTED, pk=case.pk).exists():
                    continue
                subject, body = wording(case)
                if notice_deliver_once(recipient=recipient(case), kind=kind, promise=None,
                                       recovery_case=case, subject=subject, body=body,
                                       now=now):
                    sent += 1
        except Exception:
            # As for promises: one failure must not hold up the other cases' notices, and
            # nothing was committed for this one, so the next sweep retries it.
            logger.exception("The %s for recovery case %s was not sent", kind, case.pk)
    return sent


def _values(case: RecoveryCase) -> dict[str, str]:
    return {"customer": case.customer.full_name, "trigger": case.get_trigger_display(),
            "due": date_format(timezone.localtime(case.due_at), "SHORT_DATETIME_FORMAT"),
            "owner": case.assignee.get_full_name() or case.assignee.username}


def _reminder_wording(case: RecoveryCase) -> tuple[str, str]:
    values = _values(case)
    subject = _("Recovery case of %(customer)s: first contact was due at %(due)s") % values
    body = _("The recovery case of %(customer)s (%(trigger)s) is yours, and nobody has "
             "contacted the customer yet; the first contact was due at %(due)s.\n\n"
             "Please call or write to them today, and note it on the case.") % values
    return subject, body


def _escalation_wording(case: RecoveryCase) -> tuple[str, str]:
    values = _values(case)
    subject = _("Neglected recovery case of %(customer)s (%(owner)s)") % values
    body = _("The recovery case of %(customer)s (%(trigger)s) belongs to %(owner)s. The first "
             "contact was due at %(due)s and the customer has still not been contacted.\n\n"
             "Please check with %(owner)s, or give the case to someone who can call "
             "today.") % values
    return subject, body
