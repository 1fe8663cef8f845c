"""Writes for customers."""

from kliento.customers.models import Customer


def customer_create(*, full_name: str, **fields) -> Customer:
    """A customer's name is kept exactly as given — no trimming inside, no case or
    transliteration — only surrounding whitespace goes, which no one types on purpose."""
    customer = Customer(full_name=full_name.strip(), **fields)
    customer.full_clean()
    customer.save()
    return customer


def customer_rename(customer: Customer, full_name: str) -> Customer:
    """The customer corrects how their name is written (ą č ę ė į š ų ū ž, ā ē ģ ī ķ ļ ņ, …)."""
    customer.full_name = full_name.strip()
    customer.full_clean()
    customer.save(update_fields=["full_name"])
    return customer
