from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history


class Location(models.Model):
    class Kind(models.TextChoices):
        STORE = "store", _("Store")
        CONTACT_CENTRE = "contact_centre", _("Contact centre")
        WEB = "web", _("Web")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    city = models.CharField(_("city"), max_length=80, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="teams",
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("team lead"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="led_teams",
    )

    history = tracked_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Agent(models.Model):
    """A member of staff who serves customers; signs in as their user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="agent",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="agents",
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="agents",
    )
    hired_on = models.DateField(_("hired on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("hired_on")),
                name="agent_leaves_after_hire",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_active_staff(self) -> bool:
        return self.left_on is None


class CompanyFilesStorage(FileSystemStorage):
    """Files under ``var/company/``, with the rest of Kliento's own files; the folder is read
    at each use, so a deployment's (or a test's) VAR_DIR counts."""

    @property
    def base_location(self) -> Path:
        return Path(settings.VAR_DIR) / "company"

    @property
    def location(self) -> str:
        return str(self.base_location.resolve())


def company_files_storage() -> FileSystemStorage:
    return CompanyFilesStorage()


def company_logo_name(instance, filename: str) -> str:
    return f"logo{Path(filename).suffix.lower()}"


class CompanySettings(models.Model):
    """The company's own settings: one row (pk 1), made on first read.

    Read them with :func:`kliento.organisation.selectors.company_settings` (never
    ``objects.get``); change them with
    :func:`kliento.organisation.services.company_settings_update` (audited). Who uses what:

    - ``company_name`` and ``logo``: the monthly PDF report's heading (issue 22) and the pages.
    - ``min_group_size``: the smallest group a report may show for anonymous answers (anonymous
      surveys, employee surveys): a breakdown cell with fewer answers is hidden; see
      :func:`kliento.organisation.selectors.min_group_size`.
    - ``retain_*_days``: how long raw data is kept before the daily retention job removes it
      (blank: kept for ever). Free text is cleared, rows and numbers stay, so KPIs never
      change.
    """

    SINGLETON_PK = 1

    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    logo = models.ImageField(_("logo"), upload_to=company_logo_name,
                             storage=company_files_storage, blank=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=5, validators=[MinValueValidator(2),
                                                          MaxValueValidator(100)],
        help_text=_("Reports hide a group of anonymous answers smaller than this, so nobody "
                    "can be recognised."))
    retain_free_text_days = models.PositiveIntegerField(
        _("keep free text (days)"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Comments, notes and other text people wrote. Rows, scores and dates stay, "
                    "so the numbers do not change. Blank: kept for ever."))
    retain_mail_files_days = models.PositiveIntegerField(
        _("keep e-mail files (days)"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("E-mails written to files when no mail server is set. Blank: kept for "
                    "ever."))
    retain_import_files_days = models.PositiveIntegerField(
        _("keep import files (days)"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Uploaded import files and their refused-rows files. Blank: kept for ever."))
    retain_webhook_deliveries_days = models.PositiveIntegerField(
        _("keep webhook delivery logs (days)"), null=True, blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Each delivery's payload and answer. Blank: kept for ever."))
    retain_audit_events_days = models.PositiveIntegerField(
        _("keep the audit log (days)"), null=True, blank=True,
        validators=[MinValueValidator(30)],
        help_text=_("At least 30 days. Blank: kept for ever."))

    history = tracked_history()

    class Meta:
        verbose_name = _("company settings")
        verbose_name_plural = _("company settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="company_settings_single_row"),
            models.CheckConstraint(condition=Q(min_group_size__gte=2),
                                   name="company_settings_min_group_at_least_two"),
        ]

    def __str__(self) -> str:
        return self.company_name or str(_("Company settings"))

    def retention_days(self) -> dict[str, int | None]:
        """{kind of data: days kept, or None for ever}."""
        return {"free_text": self.retain_free_text_days,
                "mail_files": self.retain_mail_files_days,
                "import_files": self.retain_import_files_days,
                "webhook_deliveries": self.retain_webhook_deliveries_days,
                "audit_events": self.retain_audit_events_days}
