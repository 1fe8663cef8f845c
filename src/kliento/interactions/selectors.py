"""Reads for interactions."""

from datetime import date

from django.db.models import QuerySet

from kliento.interactions.models import Interaction


def interaction_list(*, since: date | None = None, until: date | None = None,
                     channel: str | None = None, customer_external_id: str | None = None,
                     external_id: str | None = None) -> QuerySet[Interaction]:
    """Interactions matching every filter given (an empty one is not given), newest first:
    opened on local days ``since``..``until`` (both included), on the channel with code
    ``channel``, with the customer of ``customer_external_id``, or with ``external_id``."""
    interactions = Interaction.objects.select_related("channel")
    if since:
        interactions = interactions.filter(opened_on__gte=since)
    if until:
        interactions = interactions.filter(opened_on__lte=until)
    if channel:
        interactions = interactions.filter(channel__code=channel)
    if customer_external_id:
        interactions = interactions.filter(customer__external_id=customer_external_id)
    if external_id:
        interactions = interactions.filter(external_id=external_id)
    return interactions.order_by("-opened_at", "-pk")
