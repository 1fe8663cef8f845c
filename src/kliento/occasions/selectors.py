"""Reads for occasions: whose birthday or name day falls in the next days, among the
customers who agreed to hear about occasions and offers."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from kliento.customers.models import Customer
from kliento.occasions.models import NameDay
from kliento.occasions.name_days import COUNTRIES, first_name, name_key, names_on


@dataclass(frozen=True)
class Occasion:
    customer: Customer
    on: date
    kind: str  # "birthday" or "name_day"


def offer_audience() -> QuerySet[Customer]:
    """Customers one may write to about occasions and offers: consent, not erased."""
    return Customer.objects.filter(consents_to_offers=True, erased_at__isnull=True)


def customer_country(customer: Customer) -> str | None:
    """Whose calendar a customer's name day follows: their country, else their language."""
    for candidate in (customer.country.lower(), customer.preferred_language):
        if candidate in COUNTRIES:
            return candidate
    return None


def _added() -> dict[str, list[tuple[str, int, int]]]:
    added: dict[str, list[tuple[str, int, int]]] = {country: [] for country in COUNTRIES}
    for country, name, month, day in NameDay.objects.values_list("country", "name", "month",
                                                                 "day"):
        added[country].append((name, month, day))
    return added


def occasions_between(start: date, days: int = 14) -> list[Occasion]:
    """Birthdays and name days from ``start`` for ``days`` days, of consenting customers,
    soonest first. Name days match the first name as written (see
    :mod:`kliento.occasions.name_days`); the database narrows by the day's names, the exact
    comparison of the first word is made here."""
    audience, added, found = offer_audience(), _added(), []
    for offset in range(days):
        on = start + timedelta(days=offset)
        found += [Occasion(customer, on, "birthday") for customer in audience.filter(
            birthday__month=on.month, birthday__day=on.day).order_by("full_name")]
        for country in COUNTRIES:
            keys = names_on(on.month, on.day, country, added[country])
            if not keys:
                continue
            by_name = Q()
            for key in keys:
                by_name |= Q(full_name__iexact=key) | Q(full_name__istartswith=f"{key} ")
            of_country = Q(country__iexact=country) | (Q(country="")
                                                       & Q(preferred_language=country))
            for customer in audience.filter(by_name, of_country).order_by("full_name"):
                # istartswith is ASCII-only on SQLite and ignores nothing else: check exactly.
                if name_key(first_name(customer.full_name)) in keys:
                    found.append(Occasion(customer, on, "name_day"))
    return found
