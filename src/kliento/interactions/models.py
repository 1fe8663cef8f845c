from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.customers.models import Customer, Language
from kliento.organisation.models import Agent, Location, Team


class Channel(models.Model):
    class Code(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        CHAT = "chat", _("Chat")
        STORE = "store", _("Store")
        WEB = "web", _("Web")
        SOCIAL = "social", _("Social media")
        DELIVERY = "delivery", _("Delivery")

    code = models.CharField(_("code"), max_length=20, choices=Code, unique=True)
    first_response_target_seconds = models.PositiveIntegerField(
        _("first response target (s)"), default=3600,
        help_text=_("Service level: a first response within this time meets the target."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return str(self.get_code_display())


class JourneyStage(models.TextChoices):
    BEFORE_PURCHASE = "before", _("Before purchase")
    DURING_PURCHASE = "during", _("During purchase")
    AFTER_PURCHASE = "after", _("After purchase")


class Touchpoint(models.Model):
    """A moment where the customer meets the business, placed on the purchase journey."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    journey_stage = models.CharField(_("journey stage"), max_length=10, choices=JourneyStage)
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="touchpoints",
    )

    class Meta:
        ordering = ["journey_stage", "name"]
        verbose_name = _("touchpoint")
        verbose_name_plural = _("touchpoints")

    def __str__(self) -> str:
        return self.name


class Interaction(models.Model):
    """One contact between a customer and the business.

    ``first_response_seconds`` and ``resolution_seconds`` repeat the timestamps as whole
    seconds so that the database can take percentiles of them directly on any backend;
    only :mod:`kliento.interactions.services` writes them.
    """

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        COMPLAINT = "complaint", _("Complaint")
        ORDER = "order", _("Order")
        SERVICE = "service", _("Service")
        SALE = "sale", _("Sale")

    class Cause(models.TextChoices):
        """What a complaint is about, by the five factors of service quality."""

        RELIABILITY = "reliability", _("Reliability: a broken promise")
        RESPONSIVENESS = "responsiveness", _("Responsiveness: slow or no answer")
        ASSURANCE = "assurance", _("Assurance: competence")
        EMPATHY = "empathy", _("Empathy: courtesy and care")
        TANGIBLES = "tangibles", _("Tangibles: premises, equipment, documents")

    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    # customer, channel and agent lead composite indexes (see Meta), which serve their
    # foreign-key lookups too: a second single-column index would only slow down inserts.
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT,
        related_name="interactions", db_index=False,
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="interactions",
        db_index=False,
    )
    touchpoint = models.ForeignKey(
        Touchpoint, verbose_name=_("touchpoint"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="interactions",
    )
    agent = models.ForeignKey(
        Agent, verbose_name=_("agent"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="interactions", db_index=False,
    )
    # The team and location at the time of contact: agents move, history must not.
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="interactions",
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="interactions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    opened_at = models.DateTimeField(_("opened at"))
    # The organisation-local calendar date of opened_at: days, weeks and months are
    # bucketed on it by the database without a time-zone conversion per row.
    opened_on = models.DateField(_("opened on"), editable=False)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    first_response_seconds = models.PositiveIntegerField(
        _("first response time (s)"), null=True, blank=True, editable=False
    )
    resolution_seconds = models.PositiveIntegerField(
        _("resolution time (s)"), null=True, blank=True, editable=False
    )
    # Seconds until the same customer's next contact (null: none yet). Repeat contact and
    # first-contact resolution become plain counts; kliento.interactions.services keeps it.
    next_contact_seconds = models.PositiveIntegerField(
        _("next contact after (s)"), null=True, blank=True, editable=False
    )
    text = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language, blank=True)
    upsell_offered = models.BooleanField(_("upsell offered"), default=False)
    upsell_accepted = models.BooleanField(_("upsell accepted"), default=False)
    # What was offered (an extended warranty, delivery, assembly, a card): free text, as
    # each shop names its own extras; blank when nothing was offered or it was not recorded.
    # A database default too, so bulk writers that name their columns (demo, imports) need
    # not know of it.
    upsell_product = models.CharField(_("upsell product"), max_length=120, blank=True,
                                      default="", db_default="")
    # Set by the agent on the complaint's recovery case (kliento.recovery), from a suggestion.
    # Null until classified; nullable so that adding it is a plain ALTER TABLE on big tables.
    cause = models.CharField(  # noqa: DJ001
        _("cause"), max_length=20, choices=Cause, null=True, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["opened_on"], name="interaction_opened_on"),
            models.Index(fields=["channel", "opened_on"], name="interaction_channel_opened"),
            models.Index(fields=["agent", "opened_on"], name="interaction_agent_opened"),
            models.Index(fields=["customer", "opened_at"], name="interaction_customer_opened"),
            # The period's complaints (their causes, the share after a broken promise) without
            # reading every other contact of the period.
            models.Index(fields=["kind", "opened_on"], name="interaction_kind_opened"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(upsell_accepted=False) | Q(upsell_offered=True),
                name="interaction_upsell_accepted_only_if_offered",
            ),
            models.CheckConstraint(
                condition=Q(first_response_at__isnull=True)
                | Q(first_response_at__gte=F("opened_at")),
                name="interaction_first_response_after_open",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=F("opened_at")),
                name="interaction_resolved_after_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.customer} · {self.opened_at:%Y-%m-%d %H:%M}"
