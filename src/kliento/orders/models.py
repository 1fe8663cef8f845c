from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kliento.customers.models import Customer
from kliento.interactions.models import Channel
from kliento.organisation.models import Location


class Order(models.Model):
    """A purchase: what the customer spent, when, and where (a store, or a channel). Spend,
    frequency and recency come from these, and so does the value of an engagement stage."""

    external_id = models.CharField(_("external id"), max_length=100, unique=True)
    customer = models.ForeignKey(Customer, verbose_name=_("customer"), on_delete=models.PROTECT,
                                 related_name="orders", db_index=False)
    ordered_at = models.DateTimeField(_("ordered at"))
    ordered_on = models.DateField(_("ordered on"), editable=False)  # organisation-local
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, default="EUR", db_default="EUR")
    location = models.ForeignKey(Location, verbose_name=_("store"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="orders")
    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="orders")
    items = models.TextField(_("items"), blank=True, default="", db_default="")
    item_count = models.PositiveIntegerField(_("number of items"), default=1, db_default=1)

    class Meta:
        ordering = ["-ordered_at"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(fields=["customer", "ordered_at"], name="order_customer_ordered"),
            models.Index(fields=["ordered_on"], name="order_ordered_on"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="order_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.external_id} · {self.amount} {self.currency}"
