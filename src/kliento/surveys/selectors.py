"""Reads for surveys."""

import functools
from datetime import date

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, Q, QuerySet

from kliento.accounts.tokens import token_digest
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.surveys.models import Invitation, Question, Survey, SurveyResponse
from kliento.surveys.statements import prepared_cursor


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


class _AnswerLookup:
    """The lookup's SQL, and for each of its columns the field it fills and the database's
    converters (as the ORM would apply them), worked out once per database."""

    def __init__(self, connection):
        invitation_fields = list(Invitation._meta.concrete_fields)
        columns = [f'v."{field.column}"' for field in invitation_fields]
        fields, joins, self.related = list(invitation_fields), [], []
        start = len(invitation_fields)
        for relation, (model, alias, names) in _RELATED_FOR_ANSWER.items():
            related = [model._meta.get_field(name) for name in names]
            columns += [f'{alias}."{field.column}"' for field in related]
            fields += related
            foreign_key = Invitation._meta.get_field(relation)
            join = "LEFT JOIN" if foreign_key.null else "JOIN"
            joins.append(f'{join} "{model._meta.db_table}" {alias} ON {alias}."id" = '
                         f'v."{foreign_key.column}"')
            self.related.append((foreign_key, model, [model._meta.pk.attname] + [
                field.attname for field in related], start, start + len(related)))
            start += len(related)
        self.sql = (f'SELECT {", ".join(columns)} FROM "{Invitation._meta.db_table}" v '
                    f'{" ".join(joins)} WHERE v."token_digest" = %s')
        self.invitation_count = len(invitation_fields)
        self.converters = []
        for index, field in enumerate(fields):
            column = field.get_col(field.model._meta.db_table)
            if found := (connection.ops.get_db_converters(column)
                         + column.get_db_converters(connection)):
                self.converters.append((index, found, column))

    def invitation(self, row, connection) -> Invitation:
        row = list(row)
        for index, converters, column in self.converters:
            for converter in converters:
                row[index] = converter(row[index], column, connection)
        invitation = Invitation.from_db(connection.alias, None, row[:self.invitation_count])
        for foreign_key, model, attnames, start, end in self.related:
            related_id = getattr(invitation, foreign_key.attname)
            if related_id is not None:  # cached as select_related would
                foreign_key.set_cached_value(invitation, model.from_db(
                    connection.alias, attnames, [related_id, *row[start:end]]))
        return invitation


@functools.cache
def _answer_lookup(alias: str) -> _AnswerLookup:
    return _AnswerLookup(connections[alias])


def invitation_to_answer(token: str) -> Invitation | None:
    """The invitation behind a link, for sending its answers: the busiest request of the
    public pages, so one plain query on a prepared cursor, without the ORM's query building and
    row machinery (which cost several times the query itself). The survey, customer and
    interaction come with the few fields sending needs; any other field is deferred and
    loads when first used, as on a page shown again with errors."""
    db = connections[DEFAULT_DB_ALIAS]  # once, not through the proxy at every step
    lookup = _answer_lookup(db.alias)
    with prepared_cursor(db.alias) as cursor:
        cursor.execute(lookup.sql, [token_digest(token)])
        row = cursor.fetchone()
    return None if row is None else lookup.invitation(row, db)


def survey_questions(survey: Survey) -> tuple[Question, ...]:
    """The survey's questions in order: a query the first time, from memory after that
    until they change."""
    return questions_by_stamp(survey.pk, survey.questions_stamp)


# Keyed by the survey's stamp, which changes with every question saved or deleted, so an
# edited survey is read afresh; shared by all requests, read-only. Old stamps pile up only
# as surveys are edited, and the least recently used go first.
@functools.lru_cache(maxsize=500)
def questions_by_stamp(survey_id: int, stamp: int) -> tuple[Question, ...]:
    """The questions of survey ``survey_id`` as they were when it had ``stamp``."""
    return tuple(Question.objects.filter(survey_id=survey_id))


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
    responses = SurveyResponse.objects.select_related("invitation")
    if survey is not None:
        responses = responses.filter(survey_id=survey)
    if customer is not None:
        responses = responses.filter(customer_id=customer)
    if since is not None:
        responses = responses.filter(responded_on__gte=since)
    if until is not None:
        responses = responses.filter(responded_on__lte=until)
    return responses.order_by("-responded_at", "-pk")
