"""Reads for surveys."""

from django.db.models import Count, Q, QuerySet

from kliento.accounts.tokens import token_digest
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.surveys.models import Invitation, Question, Survey


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


# What sending the answers reads besides the invitation: the survey's stamp (for its cached
# questions) and what the response, a name correction and a low-score webhook need.
_RELATED_FOR_ANSWER = {
    "survey": (Survey, "s", ["name", "default_language", "questions_stamp"]),
    "customer": (Customer, "c", ["external_id", "full_name", "email"]),
    "interaction": (Interaction, "i", ["touchpoint_id", "location_id"]),
}


def _answer_lookup_sql() -> str:
    columns = [f'v."{field.column}"' for field in Invitation._meta.concrete_fields]
    joins = []
    for relation, (model, alias, fields) in _RELATED_FOR_ANSWER.items():
        columns += [f'{alias}."{model._meta.get_field(name).column}" AS "{relation}__{name}"'
                    for name in fields]
        join = "LEFT JOIN" if Invitation._meta.get_field(relation).null else "JOIN"
        joins.append(f'{join} "{model._meta.db_table}" {alias} ON {alias}."id" = '
                     f'v."{Invitation._meta.get_field(relation).column}"')
    return (f'SELECT {", ".join(columns)} FROM "{Invitation._meta.db_table}" v '
            f'{" ".join(joins)} WHERE v."token_digest" = %s')


ANSWER_LOOKUP_SQL = _answer_lookup_sql()


def invitation_to_answer(token: str) -> Invitation | None:
    """The invitation behind a link, for sending its answers: the busiest request of the
    public pages, so one plain query, without the ORM's query building (which costs several
    times the query itself). The survey, customer and interaction come with the few fields
    sending needs (all plain numbers and text, so no conversion); any other field is
    deferred and loads when first used, as on a page shown again with errors."""
    found = list(Invitation.objects.raw(ANSWER_LOOKUP_SQL, [token_digest(token)]))
    if not found:
        return None
    invitation = found[0]
    for relation, (model, _alias, fields) in _RELATED_FOR_ANSWER.items():
        related_id = getattr(invitation, Invitation._meta.get_field(relation).attname)
        if related_id is not None:
            values = [related_id] + [getattr(invitation, f"{relation}__{name}") for name in fields]
            setattr(invitation, relation, model.from_db(
                invitation._state.db, [model._meta.pk.attname, *fields], values))
    return invitation


# The questions of each survey as this process last read them, keyed by the survey's stamp,
# which changes with every question saved or deleted. Shared by all requests: read-only.
_questions_by_stamp: dict[tuple[int, int], tuple[Question, ...]] = {}
QUESTIONS_CACHE_LIMIT = 500


def survey_questions(survey: Survey) -> tuple[Question, ...]:
    """The survey's questions in order: a query the first time, from memory after that
    until they change."""
    key = (survey.pk, survey.questions_stamp)
    questions = _questions_by_stamp.get(key)
    if questions is None:
        questions = tuple(Question.objects.filter(survey_id=survey.pk))
        if len(_questions_by_stamp) >= QUESTIONS_CACHE_LIMIT:
            _questions_by_stamp.clear()  # old stamps pile up only as surveys are edited
        _questions_by_stamp[key] = questions
    return questions


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
