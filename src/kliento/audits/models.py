from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.organisation.models import Agent, Location, Team


class AuditKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")


class ServiceStandard(models.Model):
    """The company's own service standard: the behaviours a mystery shopper checks.

    A standard in use is changed by creating a new one and retiring the old: audits keep
    pointing at the criteria they were scored against.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Offered first when an audit is recorded.")
    )
    is_active = models.BooleanField(
        _("in use"), default=True,
        help_text=_("A retired standard keeps its audits but is not offered for new ones."),
    )
    target_percent = models.PositiveSmallIntegerField(
        _("target score (%)"), default=85,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("An audit at or above it meets the standard."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    history = tracked_history()

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True),
                name="service_standard_one_default",
                violation_error_message=_("Only one service standard can be the default."),
            ),
            models.CheckConstraint(
                condition=Q(target_percent__gte=1, target_percent__lte=100),
                name="service_standard_target_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(is_active=True) | Q(is_default=False),
                name="service_standard_default_in_use",
                violation_error_message=_(
                    "The default standard must stay in use; make another one the default "
                    "first."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StandardCriterion(models.Model):
    """One behaviour of a standard, worded in every language an auditor may work in."""

    # Whichever of the five the page is shown in; English when a language is unknown.
    LANGUAGES = ("en", "lt", "lv", "ru", "pl")
    KIND_FIELDS = {AuditKind.VISIT: "for_visits", AuditKind.CALL: "for_calls",
                   AuditKind.EMAIL: "for_emails"}

    standard = models.ForeignKey(
        ServiceStandard, verbose_name=_("standard"), on_delete=models.CASCADE,
        related_name="criteria",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_en = models.CharField(_("English"), max_length=300)
    text_lt = models.CharField(_("Lithuanian"), max_length=300)
    text_lv = models.CharField(_("Latvian"), max_length=300)
    text_ru = models.CharField(_("Russian"), max_length=300)
    text_pl = models.CharField(_("Polish"), max_length=300)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How much this behaviour counts in the score; audits already recorded "
                    "keep the weight they were scored with."),
    )
    # A behaviour that cannot happen on a channel (no greeting at the door on a call) is not
    # asked there, rather than answered "met" and inflating the score.
    for_visits = models.BooleanField(_("checked on visits"), default=True)
    for_calls = models.BooleanField(_("checked on calls"), default=True)
    for_emails = models.BooleanField(_("checked in e-mails"), default=True)

    history = tracked_history()

    class Meta:
        ordering = ["standard", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=10), name="standard_criterion_weight",
            ),
            models.CheckConstraint(
                condition=Q(for_visits=True) | Q(for_calls=True) | Q(for_emails=True),
                name="standard_criterion_checked_somewhere",
                violation_error_message=_("A criterion must be checked on at least one "
                                          "kind of audit."),
            ),
        ]

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        """The wording in ``language`` (default: the active one)."""
        code = (language or get_language() or "en").split("-")[0]
        wording = getattr(self, f"text_{code}") if code in self.LANGUAGES else ""
        return wording or self.text_en

    def applies_to(self, kind: str) -> bool:
        return getattr(self, self.KIND_FIELDS[kind])


class Audit(models.Model):
    """A mystery-shopping audit: one visit, call or e-mail scored against a standard.

    Location, team and agent are those at the time of the audit (agents move; history must
    not). The score is the weighted share of the criteria met, stored when recorded.
    """

    standard = models.ForeignKey(
        ServiceStandard, verbose_name=_("standard"), on_delete=models.PROTECT,
        related_name="audits",
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auditor"), on_delete=models.PROTECT,
        related_name="audits",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AuditKind)
    # An audit is history: removing an agent, team or location must not erase it silently.
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="audits",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="audits",
    )
    agent = models.ForeignKey(
        Agent, verbose_name=_("agent"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="audits",
    )
    audited_at = models.DateTimeField(_("audited at"))
    audited_on = models.DateField(_("audited on"), editable=False)  # organisation-local
    notes = models.TextField(_("notes"), blank=True)
    score_percent = models.FloatField(
        _("score (%)"), editable=False, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-audited_at"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        indexes = [models.Index(fields=["audited_on"], name="audit_audited_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(score_percent__gte=0, score_percent__lte=100),
                name="audit_score_percent_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind=AuditKind.VISIT) | Q(location__isnull=False),
                name="audit_visit_has_location",
                violation_error_message=_("A visit is audited at a location."),
            ),
            models.CheckConstraint(
                condition=Q(location__isnull=False) | Q(team__isnull=False)
                | Q(agent__isnull=False),
                name="audit_is_about_someone",
                violation_error_message=_("Say which location, team or agent was audited."),
            ),
        ]

    def __str__(self) -> str:
        who = self.agent or self.team or self.location
        return f"{self.get_kind_display()} · {who} · {self.audited_at:%Y-%m-%d}"


class AuditCheck(models.Model):
    """The answer to one criterion in one audit."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="checks"
    )
    criterion = models.ForeignKey(
        StandardCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT,
        related_name="checks",
    )
    met = models.BooleanField(_("met"))
    # The criterion's weight when audited: re-weighting a standard does not rewrite history.
    weight = models.PositiveSmallIntegerField(_("weight"), editable=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["audit", "criterion__position", "criterion_id"]
        verbose_name = _("audit check")
        verbose_name_plural = _("audit checks")
        constraints = [
            models.UniqueConstraint(fields=["audit", "criterion"],
                                    name="audit_check_once_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{'✓' if self.met else '✗'} {self.criterion}"
