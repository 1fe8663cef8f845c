"""Reads for surveys."""

from django.db.models import Count, Q, QuerySet

from kliento.accounts.tokens import token_digest
from kliento.surveys.models import Invitation, Survey


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation behind a link, or None for a link that was never issued or was altered.
    Joins only what every request needs; the page's "your call with Rasa" line loads the
    agent and promise when it renders (submissions never do)."""
    return (
        Invitation.objects.select_related("survey", "customer", "channel", "interaction")
        .filter(token_digest=token_digest(token))
        .first()
    )


def surveys_with_counts() -> QuerySet[Survey]:
    """Every survey with how many were invited, opened and answered (one query)."""
    return Survey.objects.annotate(
        invited=Count("invitations", distinct=True),
        opened=Count("invitations", filter=Q(invitations__opened_at__isnull=False),
                     distinct=True),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False),
                       distinct=True),
        question_count=Count("questions", distinct=True),
    ).order_by("name")
