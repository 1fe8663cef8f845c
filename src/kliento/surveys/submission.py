"""Answering a survey: the customer's page — shown, saved for later or sent — as one service
the view calls, and ``invitation_answer``, which stores the answers of the page and of a
survey taken by phone.

Sending is the busiest request of the public pages and is tuned for it (see
bench/results-surveys.md); each part below is there for speed, so change it with the
benchmark at hand:

* the link is read by one plain query on a prepared cursor (:mod:`kliento.database.prepared`),
  without the ORM's query building;
* a survey's questions and its answer form classes are cached by the survey's questions
  stamp, and the form classes' fields are shared by every form instead of copied for each;
* the response and the link's claim are written together, on PostgreSQL by one prepared
  statement.
"""

import functools
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import JSONField
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kliento.accounts.tokens import token_digest
from kliento.customers.models import Customer
from kliento.customers.services import customer_rename
from kliento.database.history import customer_name_corrected
from kliento.database.prepared import prepared_cursor
from kliento.interactions.models import Interaction
from kliento.measure.scores import CSAT_DISSATISFIED_UP_TO, DETRACTOR_UP_TO
from kliento.surveys.forms import AnswerForm, answer_field
from kliento.surveys.models import Invitation, Question, Survey, SurveyResponse
from kliento.surveys.selectors import invitation_by_token
from kliento.surveys.services import (
    InvitationClosed,
    anonymous_answer_moment,
    invitation_draft_save,
    invitation_open,
    survey_response_checked,
)
from kliento.webhooks.models import Event
from kliento.webhooks.services import webhook_event


@dataclass(frozen=True, slots=True)
class SurveyPage:
    """What the survey page shows after a visit: a closing page when the link takes no
    answers (``closed`` says why: unknown, thanks, answered or expired), a redirect to the
    thanks once the answers are stored (``sent``), or else the form, with ``saved`` after
    "finish later". ``status`` is the HTTP status to answer with."""

    invitation: Invitation | None
    language: str
    closed: str = ""
    status: int = 200
    form: AnswerForm | None = None
    saved: bool = False
    sent: bool = False


def survey_page_visit(token: str, *, data=None, action: str | None = None,
                      language_of: Callable[[Invitation | None], str],
                      switched: bool = False, thanks: bool = False) -> SurveyPage:
    """A visit to the page of link ``token``: shown (``data`` None), saved for later
    (``action`` "save": what was filled in is kept as a draft) or sent (``data``, the
    answers; stored once, see :func:`invitation_answer`). ``language_of`` picks the page's
    language once the invitation is known (None for a link that leads nowhere);
    ``switched``: the customer chose it in the switcher, which the invitation remembers.
    ``thanks``: the visit follows the redirect after sending."""
    sending = data is not None and action != "save"
    # Sending is the busy request and needs less: a lean lookup (the page loads the rest,
    # such as who served the customer, only if it is shown again with errors).
    invitation = invitation_to_answer(token) if sending else invitation_by_token(token)
    language = language_of(invitation)
    with translation.override(language):
        if invitation is None:
            return SurveyPage(None, language, closed="unknown", status=404)
        if invitation.answered_at:
            return SurveyPage(invitation, language, closed="thanks" if thanks else "answered")
        if invitation.expires_at <= timezone.now():
            return SurveyPage(invitation, language, closed="expired", status=410)
        saved = False
        if data is not None:
            form = answer_form(invitation, language, data)
            if action == "save":
                try:
                    invitation_draft_save(invitation, form.draft())
                except InvitationClosed as closed:
                    return SurveyPage(invitation, language, closed=closed.reason, status=410)
                saved = True
                form = answer_form(invitation, language)
            elif form.is_valid():
                try:
                    invitation_answer(invitation, form.answers(),
                                      full_name=form.cleaned_data.get("full_name"),
                                      language=language, questions=form.questions)
                except InvitationClosed as closed:
                    return SurveyPage(invitation, language, closed=closed.reason, status=410)
                except ValidationError as error:
                    for field, messages in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages)
                else:
                    return SurveyPage(invitation, language, sent=True)
        else:
            invitation_open(invitation, language=switched and language)
            form = answer_form(invitation, language)
        return SurveyPage(invitation, language, form=form, saved=saved,
                          status=400 if data is not None and form.errors else 200)


def answer_form(invitation: Invitation, language: str, data=None) -> AnswerForm:
    form_class = answer_form_class(invitation.survey, language)
    if invitation.survey.anonymous:  # no name asked, none shown
        return form_class(data, initial=invitation.draft)
    return form_class(data, initial={"full_name": invitation.customer.full_name}
                      | invitation.draft)


# The answers, stored with the link's claim.

def custom_answer_error(question: Question, value) -> str | None:
    if question.kind == Question.Kind.SCALE and not (
            isinstance(value, int) and question.scale_low <= value <= question.scale_high):
        return _("Choose a number from %(low)d to %(high)d.") % {
            "low": question.scale_low, "high": question.scale_high}
    if question.kind == Question.Kind.CHOICE and value not in {
            option["value"] for option in question.options}:
        return _("Choose one of the options.")
    if question.kind == Question.Kind.TEXT and not isinstance(value, str):
        return _("Write the answer as text.")
    return None


def invitation_answer(invitation: Invitation, answers: dict[int, object], *,
                      full_name: str | None = None, language: str | None = None,
                      now: datetime | None = None,
                      questions: Sequence[Question] | None = None) -> SurveyResponse:
    """Store the answers once: the response is written together with the link's claim, a
    conditional UPDATE, so of two submissions racing each other one claims it and the other
    stores nothing; an answer out of range stores nothing either. ``questions`` saves the
    lookup when the caller has them already."""
    now = now or timezone.now()
    if questions is None:
        questions = survey_questions(invitation.survey)
    by_id = {question.pk: question for question in questions}
    errors, columns, custom = {}, {}, {}
    for question_id, value in answers.items():
        question = by_id.get(question_id)
        if question is None:
            errors[f"q{question_id}"] = _("This question is not part of the survey.")
        elif question.kind in Question.CUSTOM_KINDS:
            if error := custom_answer_error(question, value):
                errors[f"q{question_id}"] = error
            custom[str(question_id)] = value
        else:
            columns[question.kind] = value
    for question in questions:
        if question.required and answers.get(question.pk) in (None, ""):
            errors[f"q{question.pk}"] = _("Please answer this question.")
    if errors:
        raise ValidationError(errors)
    if invitation.survey.anonymous:
        try:
            return _anonymous_response_store(invitation, columns, custom, language, now)
        except _AlreadyClaimed:
            raise InvitationClosed("answered" if Invitation.objects.filter(
                pk=invitation.pk, answered_at__isnull=False).exists() else "expired") from None
    interaction = invitation.interaction
    try:
        response = _response_store_and_claim(invitation, interaction, columns, custom,
                                             full_name, language, now)
    except _AlreadyClaimed:
        invitation.refresh_from_db(fields=["answered_at"])
        raise InvitationClosed("answered" if invitation.answered_at else "expired") from None
    invitation.answered_at, invitation.response, invitation.draft = now, response, {}
    return response


class _AlreadyClaimed(Exception):
    pass


def _anonymous_response_store(invitation, columns, custom, language, now) -> SurveyResponse:
    """An anonymous survey's answer: stored with no person, interaction, link or moment that
    joins it to the invitation (see :class:`Survey`'s ``anonymous``). The claim marks the
    link used with the invitation's own creation time, the response keeps only the day."""
    interaction = invitation.interaction
    response = survey_response_checked(
        survey=invitation.survey, channel_id=invitation.channel_id,
        touchpoint_id=interaction and interaction.touchpoint_id,
        location_id=interaction and interaction.location_id,
        responded_at=anonymous_answer_moment(now),
        language=language or invitation.language, answers=custom,
        **{kind: value for kind, value in columns.items()},
    )
    response.skip_history_when_saving = True
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, answered_at__isnull=True, expires_at__gt=now,
        ).update(answered_at=invitation.created_at, draft={})
        if not claimed:
            raise _AlreadyClaimed
        response.save()
    invitation.answered_at, invitation.draft = invitation.created_at, {}
    return response


def _response_store_and_claim(invitation, interaction, columns, custom, full_name, language,
                              now) -> SurveyResponse:
    # The survey itself, not its id: whether it is anonymous is known without a query.
    response = survey_response_checked(
        survey=invitation.survey, customer_id=invitation.customer_id,
        interaction=interaction, channel_id=invitation.channel_id,
        touchpoint_id=interaction and interaction.touchpoint_id,
        location_id=interaction and interaction.location_id, responded_at=now,
        language=language or invitation.language, answers=custom,
        **{kind: value for kind, value in columns.items()},
    )
    renamed = bool(full_name and full_name.strip()
                   and full_name.strip() != invitation.customer.full_name)
    low_score = is_low_score(response)
    # The response and the claim are written together or not at all; a new name or a
    # low-score event joins them in one transaction.
    with transaction.atomic() if renamed or low_score else nullcontext():
        _response_insert_claiming(response, invitation, now)
        if renamed:
            customer = invitation.customer
            if deferred := customer.get_deferred_fields():  # sent from the page: the name only
                customer.refresh_from_db(fields=deferred)
            old_name = customer.full_name
            customer_rename(customer, full_name)
            # robust: noting the misspelt letter must never lose the customer's answer.
            transaction.on_commit(functools.partial(
                customer_name_corrected.send, sender=Customer, customer=customer,
                old_name=old_name, new_name=customer.full_name, survey_response=response),
                robust=True)
        if low_score:
            webhook_event(Event.LOW_SCORE, low_score_payload(response, invitation), now=now)
    return response


def _response_insert_claiming(response: SurveyResponse, invitation: Invitation,
                              now: datetime) -> None:
    """Store the response and claim the link for it, both or neither: the claim is a
    conditional UPDATE, so of two submissions racing each other only one gets the link.
    Raises ``_AlreadyClaimed`` when the link was used or has expired."""
    db = connections[DEFAULT_DB_ALIAS]  # once, not through the proxy for every field
    if db.vendor == "postgresql":
        with prepared_cursor(db.alias) as cursor:
            cursor.execute(_claim_and_insert_sql(), [
                now, invitation.pk, now, *_response_insert_values(response, db)])
            row = cursor.fetchone()
        if row is None:
            raise _AlreadyClaimed
        response.pk = row[0]
        response._state.adding, response._state.db = False, db.alias
        return
    # The customer's own answer, through their link: no historical row nor audit event on
    # this path (PostgreSQL's single statement above writes none either); the response
    # and the invitation's answered_at are its record.
    response.skip_history_when_saving = True
    with transaction.atomic():
        response.save()
        claimed = Invitation.objects.filter(
            pk=invitation.pk, answered_at__isnull=True, expires_at__gt=now,
        ).update(answered_at=now, response=response, draft={})
        if not claimed:
            raise _AlreadyClaimed  # rolls the response back with the transaction


_RESPONSE_INSERT_FIELDS = [field for field in SurveyResponse._meta.concrete_fields
                           if not field.primary_key]

# Fields whose None is stored as SQL NULL by every backend, so it needs no adapting (a JSON
# field would make None a JSON null). Half a response's columns are empty.
_NULL_AS_IS = [not isinstance(field, JSONField) for field in _RESPONSE_INSERT_FIELDS]


def _response_insert_values(response: SurveyResponse, db) -> list:
    """The response's column values, as the ORM's insert would send them."""
    values = []
    for field, null_as_is in zip(_RESPONSE_INSERT_FIELDS, _NULL_AS_IS, strict=True):
        value = field.pre_save(response, True)
        values.append(None if value is None and null_as_is
                      else field.get_db_prep_save(value, db))
    return values


@functools.cache
def _claim_and_insert_sql() -> str:
    """PostgreSQL: the claim and the response in a single statement — atomic by itself, no
    transaction to open and commit. The claim draws the response's id from its sequence and
    the response is inserted only for a claimed link; the link's foreign key to the
    response is checked at the end of the statement (Django makes them deferrable)."""
    quote = connection.ops.quote_name
    invitations, responses = Invitation._meta.db_table, SurveyResponse._meta.db_table
    columns = ", ".join(quote(field.column) for field in _RESPONSE_INSERT_FIELDS)
    values = ", ".join(f"CAST(%s AS {field.cast_db_type(connection)})"
                       for field in _RESPONSE_INSERT_FIELDS)
    return (
        f"WITH claimed AS (UPDATE {quote(invitations)} SET answered_at = %s, draft = '{{}}', "
        f"response_id = nextval(pg_get_serial_sequence('{quote(responses)}', 'id')) "
        f"WHERE id = %s AND answered_at IS NULL AND expires_at > %s RETURNING response_id) "
        f"INSERT INTO {quote(responses)} (id, {columns}) SELECT response_id, {values} "
        f"FROM claimed RETURNING id"
    )


def is_low_score(response: SurveyResponse) -> bool:
    """A detractor (NPS 0–6) or a dissatisfied customer (CSAT 1–2): someone should call."""
    return (response.nps is not None and response.nps <= DETRACTOR_UP_TO) or (
        response.csat is not None and response.csat <= CSAT_DISSATISFIED_UP_TO)


def low_score_payload(response: SurveyResponse, invitation: Invitation) -> dict:
    customer = invitation.customer
    return {
        "survey_response": response.pk, "survey": invitation.survey.name,
        "invitation": invitation.pk, "responded_at": response.responded_at,
        "customer": {"id": customer.pk, "external_id": customer.external_id,
                     "name": customer.full_name, "email": customer.email,
                     "language": response.language},
        "interaction": invitation.interaction_id, "promise": invitation.promise_id,
        "scores": {name: getattr(response, name) for name in (
            "nps", "csat", "ces", "expectation", "experience")},
        "comment": response.comment,
    }


# The link's lookup for sending.

# What sending the answers reads besides the invitation: the survey's stamp (for its cached
# questions) and what the response, a name correction and a low-score webhook need.
_RELATED_FOR_ANSWER = {
    # In the models' field order: from_db() fills a partial row in that order.
    "survey": (Survey, "s", ["name", "default_language", "anonymous", "questions_stamp"]),
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


# The stamp cache: a survey's questions, and its answer form classes.

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


class FieldsSharedByForms(dict):
    """The fields of a survey's cached form class, used as they are by every form of it.
    Django deep-copies a form's fields for each form made, in case a view changes one (a
    third of the work of sending the answers); the public pages never do, so these are
    built once and only read afterwards, by every request."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def answer_form_class(survey: Survey, language: str) -> type[AnswerForm]:
    """The answer form of ``survey`` with its current questions in ``language``: built the
    first time, from memory after that until the questions change."""
    return _answer_form_class(survey.pk, survey.questions_stamp, survey.default_language,
                              language, survey.anonymous)


# Keyed by the survey's questions stamp (and its default language, the fallback of every
# text), so an edited survey gets a new class; shared by all requests, fields included.
@functools.lru_cache(maxsize=500)
def _answer_form_class(survey_id: int, stamp: int, fallback: str,
                       language: str, anonymous: bool = False) -> type[AnswerForm]:
    questions = questions_by_stamp(survey_id, stamp)
    with translation.override(language):  # a scale's error names its ends in it
        fields = {f"q{question.pk}": answer_field(question, language, fallback)
                  for question in questions}
    # An anonymous survey asks no name: None takes the declared field away.
    form_class = type(f"AnswerForm{survey_id}", (AnswerForm,),
                      fields | {"questions": questions}
                      | ({"full_name": None} if anonymous else {}))
    form_class.base_fields = FieldsSharedByForms(form_class.base_fields)
    return form_class
