from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """Languages customers are served in; the same five the product's pages speak."""

    EN = "en", _("English")
    LT = "lt", _("Lithuanian")
    LV = "lv", _("Latvian")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")


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
    country = models.CharField(_("country"), max_length=2, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language, default=Language.EN
    )
    consents_to_surveys = models.BooleanField(_("consents to surveys"), default=False)
    created_at = models.DateTimeField(_("created at"), db_default=models.functions.Now())

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return self.full_name
