"""Reads for customers."""

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace

from kliento.customers.models import Customer
from kliento.database.filters import filter_given


def customer_list(*, external_id: str | None = None, email: str | None = None,
                  search: str | None = None) -> QuerySet[Customer]:
    """Customers matching every filter given (an empty one is not given), oldest first:
    ``external_id`` exactly, ``email`` whatever its case, ``search`` anywhere in the name."""
    return filter_given(Customer.objects.all(), external_id=external_id, email__iexact=email,
                        full_name__icontains=search).order_by("pk")


def customer_search(term: str, *, customers: QuerySet[Customer] | None = None,
                    limit: int = 8) -> list[Customer]:
    """Up to ``limit`` of ``customers`` (all by default) whose name or e-mail contains
    ``term``, whose phone contains its digits, or whose external id is ``term``: for a
    person looking someone up while they talk to them."""
    term = term.strip()
    if not term:
        return []
    digits = "".join(ch for ch in term if ch.isdigit())
    condition = (Q(full_name__icontains=term) | Q(email__icontains=term)
                 | Q(external_id=term))
    customers = Customer.objects.all() if customers is None else customers
    if len(digits) >= 5:  # fewer digits would match half the phone book
        # "+370 612 34567", "612-34567" and "61234567" are one number.
        customers = customers.alias(phone_digits=Replace(Replace(
            "phone", Value(" "), Value("")), Value("-"), Value("")))
        condition |= Q(phone_digits__contains=digits)
    return list(customers.filter(condition).order_by("full_name", "pk")[:limit])
