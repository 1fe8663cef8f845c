"""A period asked for in a query: first and last day, in order, and not too long for the
database to answer quickly."""

from datetime import date, timedelta

from ninja.errors import HttpError


def period_check(start: date, end: date, max_days: int) -> None:
    """422 when ``end`` is before ``start`` or the period is longer than ``max_days``."""
    if end < start:
        raise HttpError(422, f"end ({end}) is before start ({start})")
    if end - start > timedelta(days=max_days):
        raise HttpError(422, f"ask for at most {max_days} days")
