import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.webhooks.destinations import webhook_url_validate


class Event(models.TextChoices):
    LOW_SCORE = "survey.low_score", _("A customer gave a low score")
    RECOVERY_CASE_OPENED = "recovery_case.opened", _("A recovery case was opened")
    PROMISE_BROKEN = "promise.broken", _("A promise was broken")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL that hears about events. Deliveries are signed with ``secret`` (HMAC-SHA256),
    which the receiver keeps to check that a call really came from Kliento."""

    url = models.URLField(_("URL"), max_length=500, validators=[webhook_url_validate])
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("signing secret"), max_length=64, default=new_secret)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = tracked_history(excluded_fields=["secret"])

    class Meta:
        ordering = ["url"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint, with every attempt's outcome: the log managers read.

    Written in the same transaction as the change it reports (an outbox), so an event is
    neither lost when sending fails nor sent for a change that was rolled back."""

    endpoint = models.ForeignKey(WebhookEndpoint, verbose_name=_("webhook"),
                                 on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=40, choices=Event)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    gave_up_at = models.DateTimeField(_("gave up at"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # What the event is about ("recovery_case:42"), when it must be announced once only:
    # two runs that find the same change record one delivery per endpoint between them.
    subject = models.CharField(_("subject"), max_length=80, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["next_attempt_at"], name="webhook_delivery_due",
                                condition=models.Q(delivered_at__isnull=True,
                                                   gave_up_at__isnull=True))]
        constraints = [models.UniqueConstraint(
            fields=["endpoint", "event", "subject"], condition=~models.Q(subject=""),
            name="webhook_delivery_once_per_subject")]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint} ({self.created_at:%Y-%m-%d %H:%M})"
