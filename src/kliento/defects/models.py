from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.customers.models import Customer
from kliento.interactions.models import Touchpoint
from kliento.organisation.models import Location
from kliento.surveys.models import SurveyResponse


class Defect(models.Model):
    """Something wrong in the whole experience, not at the service desk: a dirty toilet, a
    glaring guard, a price nobody can see, a name misspelt in a letter. Logged against the
    location and touchpoint where customers meet it, with an owner and a due time, and walked
    open → fixed → verified (someone other than the fixer checks it).

    ``observed_at`` is when it was seen; the defect counts as *open* at a touchpoint from then
    until ``fixed_at``, which is what the effect on customers' scores is measured over.
    """

    class Category(models.TextChoices):
        CLEANLINESS = "cleanliness", _("Cleanliness")
        SECURITY_STAFF = "security_staff", _("Safety or security staff")
        SIGNAGE = "signage", _("Signage")
        PARKING = "parking", _("Parking")
        PRICES_NOT_VISIBLE = "prices_not_visible", _("Prices not visible")
        WRONG_NAME = "wrong_name", _("Wrong name in a letter")
        WEBSITE_ERROR = "website_error", _("Website error")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FIXED = "fixed", _("Fixed")
        VERIFIED = "verified", _("Verified")

    class Source(models.TextChoices):
        STAFF = "staff", _("Staff")
        AUDITOR = "auditor", _("Auditor")
        CUSTOMER = "customer", _("Customer")
        AUTOMATIC = "automatic", _("Noticed by Kliento")

    location = models.ForeignKey(Location, verbose_name=_("location"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="defects")
    touchpoint = models.ForeignKey(Touchpoint, verbose_name=_("touchpoint"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="defects")
    category = models.CharField(_("category"), max_length=30, choices=Category)
    suggested_category = models.CharField(_("suggested category"), max_length=30,
                                          choices=Category, blank=True)
    description = models.TextField(_("what is wrong"))
    # Stored under VAR_DIR/defects, outside the static files: served only to staff.
    photo = models.CharField(_("photo"), max_length=200, blank=True, editable=False)
    source = models.CharField(_("reported by"), max_length=20, choices=Source)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"),
                                    on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="defects_reported")
    customer = models.ForeignKey(Customer, verbose_name=_("customer"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="defects")
    survey_response = models.ForeignKey(
        SurveyResponse, verbose_name=_("survey response"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="defects")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"),
                              on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="defects_owned")
    due_at = models.DateTimeField(_("fix due at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    observed_at = models.DateTimeField(_("seen at"))
    created_at = models.DateTimeField(_("logged at"))
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    fixed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("fixed by"),
                                 on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"),
                                    on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    history = tracked_history()

    class Meta:
        ordering = ["-observed_at", "-pk"]
        verbose_name = _("defect")
        verbose_name_plural = _("defects")
        permissions = [
            ("verify_defect", _("Can verify that a defect was fixed")),
            ("view_defect_analysis", _("Can see defect rates and their effect on scores")),
        ]
        indexes = [
            models.Index(fields=["location", "touchpoint", "observed_at"],
                         name="defect_place_observed"),
            models.Index(fields=["status", "due_at"], name="defect_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(fixed_at__isnull=False),
                name="defect_fixed_has_fixed_time"),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_at__isnull=False),
                name="defect_verified_has_verified_time"),
            models.CheckConstraint(
                condition=Q(fixed_at__isnull=True) | Q(fixed_at__gte=F("observed_at")),
                name="defect_fixed_after_seen"),
            # The customer's form and the automatic "wrong name" defect: one per answer.
            models.UniqueConstraint(fields=["survey_response", "category"],
                                    name="defect_once_per_response_and_category"),
        ]

    def __str__(self) -> str:
        where = self.location or "—"
        return f"{self.get_category_display()} · {where} · {self.observed_at:%Y-%m-%d}"
