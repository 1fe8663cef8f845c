from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kliento.promises.models import Promise
from kliento.recovery.models import RecoveryCase

# The kinds that exist at most once per promise, and once per recovery case (Meta cannot
# see Kind).
ONCE_PER_PROMISE = ["promise_reminder", "promise_escalation", "promise_handover_escalation"]
ONCE_PER_RECOVERY_CASE = ["recovery_reminder", "recovery_escalation"]


class Notice(models.Model):
    """An in-app message to a member of staff, also e-mailed when they have an address.

    Exactly once: a promise has at most one reminder, one escalation and one escalation of an
    unacknowledged handover; a recovery case at most one reminder and one escalation. The
    unique constraints on (kind, promise) and (kind, recovery case) are the guarantee — not
    a check made before writing — so repeated, concurrent or retried sweeps cannot create a
    second one: the first insert claims the notice and every other one fails. The e-mail is
    sent in the same transaction as that insert (see
    ``kliento.notices.services.notice_deliver_once``).
    """

    class Kind(models.TextChoices):
        PROMISE_REMINDER = "promise_reminder", _("Promise due soon")
        PROMISE_ESCALATION = "promise_escalation", _("Promise overdue")
        PROMISE_HANDOVER_ESCALATION = ("promise_handover_escalation",
                                       _("Handed-over promise not acknowledged"))
        RECOVERY_REMINDER = "recovery_reminder", _("Recovery case not contacted")
        RECOVERY_ESCALATION = "recovery_escalation", _("Recovery case neglected")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind)
    promise = models.ForeignKey(
        Promise, verbose_name=_("promise"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="notices",
    )
    recovery_case = models.ForeignKey(
        RecoveryCase, verbose_name=_("recovery case"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="notices",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # The e-mail could not be sent, for good (a refused address, a message that cannot be
    # built): marked once, with why, rather than failing again at every sweep.
    email_failed_at = models.DateTimeField(_("e-mail failed at"), null=True, blank=True)
    email_error = models.CharField(_("why the e-mail failed"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_recipient_unread"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "promise"], condition=Q(kind__in=ONCE_PER_PROMISE),
                name="notice_once_per_promise",
            ),
            models.UniqueConstraint(
                fields=["kind", "recovery_case"], condition=Q(kind__in=ONCE_PER_RECOVERY_CASE),
                name="notice_once_per_recovery_case",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
