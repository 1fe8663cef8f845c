from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NameDay(models.Model):
    """A name day a manager adds beside the shipped calendars (``occasions/data``): a name
    the calendar lacks, or another day for one it has. Spelt as customers write it."""

    class Country(models.TextChoices):
        LT = "lt", _("Lithuania")
        LV = "lv", _("Latvia")
        PL = "pl", _("Poland")

    country = models.CharField(_("country"), max_length=2, choices=Country)
    name = models.CharField(_("name"), max_length=60)
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    day = models.PositiveSmallIntegerField(
        _("day"), validators=[MinValueValidator(1), MaxValueValidator(31)])
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"),
                                 on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["country", "month", "day", "name"]
        verbose_name = _("name day")
        verbose_name_plural = _("name days")
        constraints = [
            models.UniqueConstraint(fields=["country", "name", "month", "day"],
                                    name="name_day_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.day}.{self.month} ({self.country})"


class OfferExperiment(models.Model):
    """An offer tested as an experiment: customers who agreed to occasions and offers are
    assigned at random, by share, to arms — a greeting, a greeting with a discount, the
    discount alone, or nothing (the control group) — and their purchases, redemptions,
    later scores and unsubscribes are compared over ``window_days`` from the launch."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Launched")

    name = models.CharField(_("name"), max_length=120, unique=True)
    occasion = models.CharField(_("occasion"), max_length=60, blank=True,
                                help_text=_("E.g. name day, birthday, or a season."))
    discount_percent = models.DecimalField(
        _("discount (%)"), max_digits=5, decimal_places=2, default=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    window_days = models.PositiveSmallIntegerField(
        _("outcome window (days)"), default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)])
    # The seed of the assignment: the same customers and shares give the same arms again.
    seed = models.PositiveIntegerField(_("random seed"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("offer experiment")
        verbose_name_plural = _("offer experiments")
        permissions = [
            ("launch_offerexperiment", _("Can launch an offer experiment (send the offers)")),
        ]

    def __str__(self) -> str:
        return self.name


class OfferArm(models.Model):
    class Kind(models.TextChoices):
        GREETING = "greeting", _("Greeting only")
        GREETING_DISCOUNT = "greeting_discount", _("Greeting and discount")
        DISCOUNT = "discount", _("Discount only")
        NOTHING = "nothing", _("Nothing (control group)")

    experiment = models.ForeignKey(OfferExperiment, verbose_name=_("experiment"),
                                   on_delete=models.CASCADE, related_name="arms")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    share = models.PositiveSmallIntegerField(
        _("share (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["experiment", "position"]
        verbose_name = _("offer arm")
        verbose_name_plural = _("offer arms")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "kind"], name="offer_arm_kind_once"),
        ]

    def __str__(self) -> str:
        return f"{self.experiment} · {self.get_kind_display()} ({self.share} %)"

    @property
    def has_discount(self) -> bool:
        return self.kind in (self.Kind.GREETING_DISCOUNT, self.Kind.DISCOUNT)


class OfferAssignment(models.Model):
    """One customer's arm in one experiment, recorded at launch; the code redeems the
    discount at the till or online."""

    experiment = models.ForeignKey(OfferExperiment, verbose_name=_("experiment"),
                                   on_delete=models.CASCADE, related_name="assignments")
    arm = models.ForeignKey(OfferArm, verbose_name=_("arm"), on_delete=models.CASCADE,
                            related_name="assignments")
    customer = models.ForeignKey("customers.Customer", verbose_name=_("customer"),
                                 on_delete=models.CASCADE, related_name="offer_assignments")
    assigned_at = models.DateTimeField(_("assigned at"))
    code = models.CharField(_("redemption code"), max_length=16, unique=True, null=True,
                            blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    redeemed_at = models.DateTimeField(_("redeemed at"), null=True, blank=True)

    class Meta:
        ordering = ["experiment", "arm", "customer"]
        verbose_name = _("offer assignment")
        verbose_name_plural = _("offer assignments")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "customer"],
                                    name="offer_assignment_once_per_customer"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} → {self.arm}"
