"""Reads for orders: the list, and each customer's spend, frequency and recency."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Max, Min, QuerySet, Sum

from kliento.database.filters import filter_given
from kliento.orders.models import Order


def order_list(*, customer_id: int | None = None, ordered_from: date | None = None,
               ordered_to: date | None = None) -> QuerySet[Order]:
    """Orders matching every filter given, newest first; ``ordered_to`` inclusive."""
    return filter_given(Order.objects.select_related("location", "channel"),
                        customer_id=customer_id, ordered_on__gte=ordered_from,
                        ordered_on__lte=ordered_to).order_by("-ordered_at", "-pk")


@dataclass(frozen=True)
class CustomerValue:
    """What one customer bought: ``spend`` summed over every order (in the orders' currency;
    a deployment keeps one), ``orders`` their number, first and last purchase."""

    spend: Decimal
    orders: int
    first_ordered_at: datetime | None
    last_ordered_at: datetime | None

    def days_since_last(self, today: date) -> int | None:
        """Recency in days; None for a customer who never bought."""
        if self.last_ordered_at is None:
            return None
        return (today - self.last_ordered_at.date()).days


def customer_value(customer_id: int) -> CustomerValue:
    """Spend, frequency and recency of one customer, in one aggregate over their orders."""
    row = Order.objects.filter(customer_id=customer_id).aggregate(
        spend=Sum("amount"), orders=Count("pk"), first=Min("ordered_at"),
        last=Max("ordered_at"))
    return CustomerValue(spend=row["spend"] or Decimal(0), orders=row["orders"],
                         first_ordered_at=row["first"], last_ordered_at=row["last"])
