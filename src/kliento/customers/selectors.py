"""Reads for customers."""

from django.db.models import QuerySet

from kliento.customers.models import Customer
from kliento.database.filters import filter_given


def customer_list(*, external_id: str | None = None, email: str | None = None,
                  search: str | None = None) -> QuerySet[Customer]:
    """Customers matching every filter given (an empty one is not given), oldest first:
    ``external_id`` exactly, ``email`` whatever its case, ``search`` anywhere in the name."""
    return filter_given(Customer.objects.all(), external_id=external_id, email__iexact=email,
                        full_name__icontains=search).order_by("pk")
