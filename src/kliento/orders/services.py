"""Writes for orders. Many at once come through the imports pipeline (kind "orders"), which
derives ``ordered_on`` column-wise exactly as :func:`order_fill_derived` does here."""

import polars as pl

from kliento.orders.models import Order
from kliento.organisation.calendar import local_date, local_date_column


def order_fill_derived(order: Order) -> Order:
    """The organisation-local date of the order, on which months are bucketed."""
    order.ordered_on = local_date(order.ordered_at)
    return order


def order_derived_columns() -> list[pl.Expr]:
    """:func:`order_fill_derived` for a Polars frame of orders (bulk imports)."""
    return [local_date_column(pl.col("ordered_at")).alias("ordered_on")]


def order_create(**fields) -> Order:
    order = order_fill_derived(Order(**fields))
    order.full_clean()
    order.save()
    return order
