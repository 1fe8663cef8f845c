"""Reads for customers."""

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace

from kliento.customers.models import Customer
from kliento.database.filters import filter_given
from kliento.database.text_folding import Folded, folded

# Fewer digits than this are not looked for in phone numbers: they would match half the book.
PHONE_DIGITS_LEAST = 5


def customers_matching(customers: QuerySet[Customer], term: str) -> QuerySet[Customer]:
    """``customers`` whose name contains ``term`` whatever its accents and case ("Zuolaite"
    finds "Žuolaitė", "иванова" finds "ИВАНОВА"), whose e-mail contains it, whose phone
    contains its digits ("+370 612 34567", "612-34567" and "61234567" are one number), or
    whose external id is ``term``. An empty ``term`` matches nothing."""
    term = term.strip()
    if not term:
        return customers.none()
    condition = (Q(name_folded__contains=folded(term)) | Q(email__icontains=term)
                 | Q(external_id=term))
    customers = customers.alias(name_folded=Folded("full_name"))
    digits = "".join(ch for ch in term if ch.isdigit())
    if len(digits) >= PHONE_DIGITS_LEAST:
        customers = customers.alias(phone_digits=Replace(Replace(
            "phone", Value(" "), Value("")), Value("-"), Value("")))
        condition |= Q(phone_digits__contains=digits)
    return customers.filter(condition)


def customer_list(*, external_id: str | None = None, email: str | None = None,
                  search: str | None = None) -> QuerySet[Customer]:
    """Customers matching every filter given (an empty one is not given), oldest first:
    ``external_id`` exactly, ``email`` whatever its case, ``search`` as
    :func:`customers_matching` reads it."""
    customers = filter_given(Customer.objects.all(), external_id=external_id,
                             email__iexact=email)
    if search and search.strip():
        customers = customers_matching(customers, search)
    return customers.order_by("pk")


def customer_search(query: str, *, customers: QuerySet[Customer] | None = None,
                    limit: int = 8) -> list[Customer]:
    """Up to ``limit`` of ``customers`` (all by default) matching ``query`` by name (accents
    and case ignored), e-mail, phone digits or external id, by name: for a person looking
    someone up while they talk to them."""
    customers = Customer.objects.all() if customers is None else customers
    return list(customers_matching(customers, query).order_by("full_name", "pk")[:limit])
