from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.surveys.models import Invitation, SurveyResponse

Cause = Interaction.Cause


class RecoveryCase(models.Model):
    """The work that follows a low score or a complaint, walking the protocol of the seeds:
    listen fully, paraphrase the problem and what the customer expects and have the customer
    confirm it, agree a solution, compensate if warranted, and ask again later.

    ``due_at`` is when the first contact with the customer is due; a case nobody has
    contacted by then is overdue. ``score_before`` is the triggering answer's likelihood to
    recommend (0–10), when it had one; the follow-up asks the same question.
    """

    class Trigger(models.TextChoices):
        DETRACTOR = "detractor", _("Detractor (recommend 0–6)")
        KV_BELOW_ONE = "kv_below_one", _("Experience below expectation (KV < 1)")
        FAILED_GRADE = "failed_grade", _("Failed service grade (below 6)")
        COMPLAINT = "complaint", _("Complaint")
        MANUAL = "manual", _("Opened by hand")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    ACTIVE = (Status.OPEN, Status.IN_PROGRESS)

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT,
        related_name="recovery_cases",
    )
    trigger = models.CharField(_("opened because of"), max_length=20, choices=Trigger)
    survey_response = models.ForeignKey(
        SurveyResponse, verbose_name=_("survey response"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="recovery_cases",
    )
    interaction = models.ForeignKey(
        Interaction, verbose_name=_("interaction"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="recovery_cases",
    )
    score_before = models.PositiveSmallIntegerField(
        _("recommend score before (0–10)"), null=True, blank=True)
    suggested_cause = models.CharField(
        _("suggested cause"), max_length=20, choices=Cause, blank=True)
    suggested_cause_confidence = models.FloatField(_("confidence of the suggestion"), default=0)
    cause = models.CharField(_("cause"), max_length=20, choices=Cause, blank=True,
                             help_text=_("Confirmed or changed by the agent."))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="recovery_cases",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened at"))
    opened_on = models.DateField(_("opened on"), editable=False)  # organisation-local
    due_at = models.DateTimeField(_("first contact due at"))
    first_contact_at = models.DateTimeField(_("first contact at"), null=True, blank=True)
    first_contact_seconds = models.PositiveIntegerField(
        _("time to first contact (s)"), null=True, blank=True, editable=False)

    listening_notes = models.TextField(_("what the customer said"), blank=True)
    problem_paraphrase = models.TextField(_("the problem, in our words"), blank=True)
    customer_expectation = models.TextField(_("what the customer expects"), blank=True)
    customer_confirmed_at = models.DateTimeField(_("customer confirmed at"), null=True,
                                                 blank=True)
    agreed_solution = models.TextField(_("agreed solution"), blank=True)
    solution_agreed_at = models.DateTimeField(_("solution agreed at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    follow_up_invitation = models.OneToOneField(
        Invitation, verbose_name=_("follow-up invitation"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="recovery_case",
    )
    follow_up_response = models.OneToOneField(
        SurveyResponse, verbose_name=_("follow-up response"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="recovery_follow_up_of",
    )
    follow_up_score = models.PositiveSmallIntegerField(
        _("recommend score at follow-up (0–10)"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("recovery case")
        verbose_name_plural = _("recovery cases")
        indexes = [
            models.Index(fields=["opened_on"], name="recovery_case_opened_on"),
            models.Index(fields=["status", "due_at"], name="recovery_case_status_due"),
        ]
        constraints = [
            # One case per signal, however often the opener runs.
            models.UniqueConstraint(fields=["survey_response"],
                                    name="recovery_case_once_per_response"),
            models.UniqueConstraint(fields=["interaction"], condition=Q(trigger="complaint"),
                                    name="recovery_case_once_per_complaint"),
            models.CheckConstraint(
                condition=Q(score_before__isnull=True) | Q(score_before__lte=10),
                name="recovery_case_score_before_0_10"),
            models.CheckConstraint(
                condition=Q(follow_up_score__isnull=True) | Q(follow_up_score__lte=10),
                name="recovery_case_follow_up_score_0_10"),
            models.CheckConstraint(
                condition=Q(first_contact_at__isnull=True)
                | Q(first_contact_at__gte=F("opened_at")),
                name="recovery_case_contact_after_open"),
        ]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} · {self.customer} · {self.opened_at:%Y-%m-%d}"


class CompensationGrant(models.Model):
    """A discount, refund, gift or other compensation given on a case, in euros. Every grant
    is kept: who granted it, why, whether the customer took it, and who approved an amount
    above the granter's limit."""

    class Kind(models.TextChoices):
        DISCOUNT = "discount", _("Discount")
        REFUND = "refund", _("Refund")
        GIFT = "gift", _("Gift")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("The customer accepted it")
        DECLINED = "declined", _("The customer declined it")

    case = models.ForeignKey(RecoveryCase, verbose_name=_("recovery case"),
                             on_delete=models.PROTECT, related_name="grants")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT,
        related_name="compensation_grants",
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(0.01)])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    reason = models.TextField(_("reason"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome,
                               default=Outcome.ACCEPTED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="compensation_approvals",
        help_text=_("Who allowed an amount above the granter's limit."),
    )
    created_at = models.DateTimeField(_("granted at"))

    history = tracked_history()

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("compensation grant")
        verbose_name_plural = _("compensation grants")
        permissions = [
            ("approve_compensation", _("Can grant and approve compensation above the limit")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0),
                                   name="compensation_grant_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} € {self.get_kind_display()} · {self.case.customer}"


class CompensationLimit(models.Model):
    """How much compensation members of a group (a role) may grant on one case without a
    manager's approval. Without a limit for any of their groups, the default
    ``KLIENTO_COMPENSATION_LIMIT_DEFAULT`` applies; holders of the permission
    ``recovery.approve_compensation`` have none."""

    group = models.OneToOneField(Group, verbose_name=_("role (group)"),
                                 on_delete=models.CASCADE, related_name="compensation_limit")
    max_amount = models.DecimalField(_("limit per case (EUR)"), max_digits=10,
                                     decimal_places=2, validators=[MinValueValidator(0)])

    history = tracked_history()

    class Meta:
        ordering = ["group__name"]
        verbose_name = _("compensation limit")
        verbose_name_plural = _("compensation limits")
        constraints = [
            models.CheckConstraint(condition=Q(max_amount__gte=0),
                                   name="compensation_limit_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.max_amount} €"
