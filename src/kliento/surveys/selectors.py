"""Reads for surveys."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet

from kliento.accounts.tokens import token_digest
from kliento.database.filters import filter_given
from kliento.surveys.comment_search import Folded, folded
from kliento.surveys.models import Invitation, ResponseNote, Survey, SurveyResponse


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


def customer_responses() -> QuerySet[SurveyResponse]:
    """Every customer's answer: the responses of surveys whose audience is customers. Every
    customer view (inbox, a response's page, exports, the API, customer measures) starts from
    here, so an employee's anonymous answer never shows there (see ``Survey.audience``).

    Written as "not in the employee surveys" rather than a join: a response may have no
    survey (imported, or entered through the API), and the few surveys are read once as a
    subquery instead of joining every response to its survey."""
    return SurveyResponse.objects.exclude(
        survey__in=Survey.objects.filter(audience=Survey.Audience.EMPLOYEES).values("pk"))


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
        customer_responses().select_related("invitation"), survey_id=survey,
        customer_id=customer, responded_on__gte=since, responded_on__lte=until,
    ).order_by("-responded_at", "-pk")


# Score classes of the inbox's filter: the NPS groups, and answers whose experience fell
# below what the customer expected (KV below one).
SCORE_CLASSES = {
    "detractor": Q(nps__lte=6),
    "passive": Q(nps__in=(7, 8)),
    "promoter": Q(nps__gte=9),
    "kv_below_one": Q(experience__lt=F("expectation")),
}

# The inbox's order, newest first; the day leads so that the responded_on index serves it.
INBOX_ORDER = ("-responded_on", "-responded_at", "-pk")


def survey_response_inbox(*, since: date | None = None, until: date | None = None,
                          survey: int | None = None, score_class: str = "",
                          touchpoint: int | None = None, channel: int | None = None,
                          agent: int | None = None, team: int | None = None,
                          language: str = "", has_comment: bool | None = None,
                          tag: str = "", assignee: int | None = None, search: str = ""
                          ) -> QuerySet[SurveyResponse]:
    """Responses matching every filter given, newest first, with what the inbox shows of
    each: customer, agent, touchpoint, channel, survey and tags. ``search`` finds responses
    whose comment contains it, accents and case ignored."""
    responses = filter_given(
        customer_responses().select_related(
            "customer", "touchpoint", "channel", "survey", "interaction__agent__user",
            "assignment__assignee"),
        responded_on__gte=since, responded_on__lte=until, survey_id=survey,
        touchpoint_id=touchpoint, channel_id=channel, interaction__agent_id=agent,
        interaction__team_id=team, language=language, tags__name=tag or None,
        assignment__assignee_id=assignee,
    ).prefetch_related("tags")
    if score_class in SCORE_CLASSES:
        responses = responses.filter(SCORE_CLASSES[score_class])
    if has_comment is True:
        responses = responses.exclude(comment="")
    elif has_comment is False:
        responses = responses.filter(comment="")
    if words := folded(search.strip()):
        responses = responses.alias(comment_folded=Folded("comment")).filter(
            comment_folded__contains=words)
    return responses.order_by(*INBOX_ORDER)


@dataclass(frozen=True)
class InboxPage:
    """One page of the inbox, reached by keyset: ``after`` is the position of its last row,
    to ask for the next page with; None on the last page. No count of all the rows: at a
    million responses counting would cost more than the page."""

    responses: list[SurveyResponse]
    after: str | None


def inbox_page(responses: QuerySet[SurveyResponse], *, after: str = "",
               size: int = 50) -> InboxPage:
    """The ``size`` responses of ``responses`` (in ``INBOX_ORDER``) that follow position
    ``after`` (from a previous page; an unreadable one starts at the top)."""
    position = _inbox_position(after)
    if position is not None:
        day, moment, pk = position
        responses = responses.filter(
            Q(responded_on__lt=day)
            | Q(responded_on=day, responded_at__lt=moment)
            | Q(responded_on=day, responded_at=moment, pk__lt=pk))
    rows = list(responses[:size + 1])
    if len(rows) <= size:
        return InboxPage(rows, None)
    last = rows[size - 1]
    return InboxPage(rows[:size], f"{last.responded_on.isoformat()}_"
                                  f"{last.responded_at.isoformat()}_{last.pk}")


def _inbox_position(after: str) -> tuple[date, datetime, int] | None:
    try:
        day, moment, pk = after.split("_")
        return date.fromisoformat(day), datetime.fromisoformat(moment), int(pk)
    except ValueError:
        return None


def survey_response_detail(pk: int) -> SurveyResponse:
    """One response with everything its page shows; raises ``DoesNotExist``."""
    return (customer_responses().select_related(
        "customer", "touchpoint", "channel", "survey", "location", "interaction__agent__user",
        "interaction__team", "assignment__assignee")
        .prefetch_related("tags", Prefetch("notes", ResponseNote.objects.select_related(
            "author"))).get(pk=pk))
