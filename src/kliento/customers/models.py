from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history


class Language(models.TextChoices):
    """Languages customers are served in; the same five the product's pages speak."""

    EN = "en", _("English")
    LT = "lt", _("Lithuanian")
    LV = "lv", _("Latvian")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")


class Purpose(models.TextChoices):
    """What a customer may be contacted for; each is agreed to, and withdrawn, on its own."""

    SURVEYS = "surveys", _("Surveys (asking for feedback)")
    PROMISE_UPDATES = "promise_updates", _("Updates on our promises")
    OFFERS = "offers", _("Occasions and offers")


class Customer(models.Model):
    """A customer. ``full_name`` is stored exactly as the customer writes it: no case folding,
    no transliteration, no trimming of diacritics (ą č ę ė į š ų ū ž, ā ē ģ ī ķ ļ ņ, Cyrillic)."""

    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    # For birthday greetings and offers (kliento.occasions), only with consent to offers.
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language, default=Language.EN
    )
    consents_to_surveys = models.BooleanField(_("consents to surveys"), default=False)
    # Database defaults too, so that bulk loads (demo, imports) need not name the columns.
    consents_to_promise_updates = models.BooleanField(_("consents to promise updates"),
                                                      default=False, db_default=False)
    consents_to_offers = models.BooleanField(_("consents to occasions and offers"),
                                             default=False, db_default=False)
    # Set when the person's identifying data was erased (kliento.privacy.erasure); the row
    # stays so that past figures keep counting them.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), db_default=models.functions.Now())

    history = tracked_history()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return self.full_name


CONSENT_FIELDS = {Purpose.SURVEYS: "consents_to_surveys",
                  Purpose.PROMISE_UPDATES: "consents_to_promise_updates",
                  Purpose.OFFERS: "consents_to_offers"}


class ConsentChange(models.Model):
    """Every time a customer's consent for a purpose was given or withdrawn, and how: the
    proof that they agreed, and that a withdrawal was honoured."""

    customer = models.ForeignKey(Customer, verbose_name=_("customer"), on_delete=models.CASCADE,
                                 related_name="consent_changes")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose)
    granted = models.BooleanField(_("granted"))
    changed_at = models.DateTimeField(_("changed at"), db_default=models.functions.Now())
    source = models.CharField(_("source"), max_length=20, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["customer", "-changed_at", "-pk"]
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")

    def __str__(self) -> str:
        return f"{self.customer_id} {self.purpose} {self.granted}"
