from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.organisation.models import Agent


class Promise(models.Model):
    """Something the business promised a customer: what, by whom, by when, and whether it was
    kept. *Kept* means on time and as specified; *late* means done after the due time;
    *broken* means not done, or not as specified (wrong model, colour, size, accessories)."""

    class Kind(models.TextChoices):
        CALLBACK = "callback", _("Call back")
        REPLY = "reply", _("Reply")
        DELIVERY = "delivery", _("Delivery")
        REPAIR = "repair", _("Repair")
        VISIT = "visit", _("Visit")
        REFUND = "refund", _("Refund")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        LATE = "late", _("Late")
        BROKEN = "broken", _("Broken")

    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="promises"
    )
    interaction = models.ForeignKey(
        Interaction, verbose_name=_("interaction"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="promises",
    )
    owner = models.ForeignKey(
        Agent, verbose_name=_("owner"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="promises",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    description = models.TextField(_("what was promised"))
    # For deliveries: model, colour, size, accessories — checked when the promise is closed.
    specification = models.JSONField(_("specification"), default=dict, blank=True)
    promised_at = models.DateTimeField(_("promised at"))
    due_at = models.DateTimeField(_("due at"))
    due_on = models.DateField(_("due on"), editable=False)  # organisation-local
    kept_at = models.DateTimeField(_("done at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    closed_note = models.TextField(_("note on closing"), blank=True, default="", db_default="")
    # SHA-256 of the customer's status link (see kliento.accounts.tokens); empty for promises
    # loaded in bulk, which have no link.
    status_token_digest = models.CharField(_("status link digest"), max_length=64, unique=True,
                                           null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    # A promise made by one person and kept by another is handed over: the new owner says
    # they have taken it on (see kliento.notices.promise_handovers for the lapse).
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True,
                                          editable=False)
    acknowledged_at = models.DateTimeField(_("acknowledged by the owner at"), null=True,
                                           blank=True, editable=False)
    # Database defaults too, so that bulk loads (demo, imports) need not name the columns.
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, db_default=Now())

    history = tracked_history()

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        permissions = [
            ("notify_customer", _("Can e-mail the customer about a promise")),
        ]
        indexes = [
            models.Index(fields=["due_on", "status"], name="promise_due_status"),
            models.Index(fields=["owner", "due_at"], name="promise_owner_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["kept", "late"]) | Q(kept_at__isnull=False),
                name="promise_kept_or_late_has_done_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.customer} ({self.due_at:%Y-%m-%d %H:%M})"
