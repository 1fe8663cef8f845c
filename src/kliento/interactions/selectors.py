"""Reads for interactions."""

from datetime import date

from django.db.models import QuerySet

from kliento.database.filters import filter_given
from kliento.interactions.models import Interaction


def interaction_list(*, since: date | None = None, until: date | None = None,
                     channel: str | None = None, customer_external_id: str | None = None,
                     external_id: str | None = None) -> QuerySet[Interaction]:
    """Interactions matching every filter given (an empty one is not given), newest first:
    opened on local days ``since``..``until`` (both included), on the channel with code
    ``channel``, with the customer of ``customer_external_id``, or with ``external_id``."""
    return filter_given(
        Interaction.objects.select_related("channel"), opened_on__gte=since,
        opened_on__lte=until, channel__code=channel,
        customer__external_id=customer_external_id, external_id=external_id,
    ).order_by("-opened_at", "-pk")
