"""The filters of a list, most of them optional: each lookup applies only when its value was
given. A selector names its lookups once (``email__iexact=email``) instead of an ``if`` for
each, as a FilterSet would, without the form machinery."""

from django.db.models import QuerySet


def filter_given(queryset: QuerySet, **lookups) -> QuerySet:
    """``queryset`` narrowed by every lookup whose value is given: not None and not empty
    (an empty query parameter filters nothing)."""
    return queryset.filter(**{lookup: value for lookup, value in lookups.items()
                              if value is not None and value != ""})
