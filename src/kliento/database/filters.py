"""The filters of a list, most of them optional: each lookup applies only when its value was
given. A selector names its lookups once (``email__iexact=email``) instead of an ``if`` for
each, as a FilterSet would, without the form machinery."""

from datetime import UTC, datetime

from django.db.models import QuerySet


def filter_given(queryset: QuerySet, **lookups) -> QuerySet:
    """``queryset`` narrowed by every lookup whose value is given: not None and not empty
    (an empty query parameter filters nothing). A moment is compared in UTC: any offset a
    client sends is valid, while PostgreSQL refuses offsets past ±15:59."""
    return queryset.filter(**{lookup: _in_utc(value) for lookup, value in lookups.items()
                              if value is not None and value != ""})


def _in_utc(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value
