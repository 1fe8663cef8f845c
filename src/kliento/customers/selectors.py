"""Reads for customers."""

from django.db.models import QuerySet

from kliento.customers.models import Customer


def customer_list(*, external_id: str | None = None, email: str | None = None,
                  search: str | None = None) -> QuerySet[Customer]:
    """Customers matching every filter given (an empty one is not given), oldest first:
    ``external_id`` exactly, ``email`` whatever its case, ``search`` anywhere in the name."""
    customers = Customer.objects.all()
    if external_id:
        customers = customers.filter(external_id=external_id)
    if email:
        customers = customers.filter(email__iexact=email)
    if search:
        customers = customers.filter(full_name__icontains=search)
    return customers.order_by("pk")
