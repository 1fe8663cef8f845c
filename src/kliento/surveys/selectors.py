"""Reads for surveys."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from kliento.accounts.tokens import token_digest
from kliento.database.filters import filter_given
from kliento.surveys.models import Invitation, Survey, SurveyResponse


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation behind a link, or None for a link that was never issued or was altered.
    Joins only what every request needs; the page's "your call with Rasa" line loads the
    agent and promise when it renders."""
    return (
        Invitation.objects.select_related("survey", "customer", "channel", "interaction")
        .filter(token_digest=token_digest(token))
        .order_by()  # the digest is unique: no sort
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


def survey_list() -> QuerySet[Survey]:
    """Every survey with its questions (two queries)."""
    return Survey.objects.prefetch_related("questions")


def survey_response_list(*, survey: int | None = None, customer: int | None = None,
                         since: date | None = None, until: date | None = None
                         ) -> QuerySet[SurveyResponse]:
    """Responses matching every filter given, newest first, each with its invitation (if
    any): to survey ``survey``, from customer ``customer``, on local days
    ``since``..``until`` (both included)."""
    return filter_given(
        SurveyResponse.objects.select_related("invitation"), survey_id=survey,
        customer_id=customer, responded_on__gte=since, responded_on__lte=until,
    ).order_by("-responded_at", "-pk")
