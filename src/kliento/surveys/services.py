"""Writes for surveys: definitions, invitations and the answers customers send."""

import functools
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import JSONField, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kliento.accounts.tokens import token_digest, token_new
from kliento.customers.models import Customer
from kliento.customers.services import customer_rename
from kliento.interactions.models import Channel, Interaction
from kliento.measure.scores import CSAT_DISSATISFIED_UP_TO, DETRACTOR_UP_TO
from kliento.organisation.calendar import local_date
from kliento.promises.models import Promise
from kliento.surveys.models import Invitation, Question, Survey, SurveyResponse
from kliento.surveys.presentation import invitation_about
from kliento.surveys.question_bank import (
    BLOCKS,
    BUILTIN_SCALES,
    CLOSING_TEXT,
    QUESTION_TEXTS,
    missing_languages,
)
from kliento.surveys.selectors import survey_questions
from kliento.surveys.statements import prepared_cursor
from kliento.webhooks.models import Event
from kliento.webhooks.services import webhook_event

RESPONSE_RELATIONS = ["customer", "interaction", "touchpoint", "channel", "location", "survey"]


class InvitationRefused(Exception):
    """An invitation that must not be sent; ``code`` is stable for API clients."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


class InvitationClosed(Exception):
    """The link was used already or has expired: answers are refused and nothing is stored."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "answered" or "expired"


def survey_response_record(**fields) -> SurveyResponse:
    """Store one customer's answers; every score is checked against its scale first, so an
    out-of-range answer is refused with the field named and nothing is stored.

    The fields' validators check the scales in Python; foreign keys and the check
    constraints (the same scales again) are left to the database, which enforces them
    anyway — validating them here would cost a query each on every submission.
    """
    response = survey_response_checked(**fields)
    response.save()
    return response


def survey_response_checked(**fields) -> SurveyResponse:
    """A response checked as ``survey_response_record`` checks it, not yet stored."""
    response = SurveyResponse(**fields)
    response.responded_on = local_date(response.responded_at)
    # external_id is the only unique field: without one there is nothing to look up.
    response.full_clean(exclude=RESPONSE_RELATIONS, validate_constraints=False,
                        validate_unique=response.external_id is not None)
    return response


@transaction.atomic
def survey_create(*, name: str, blocks: list[str], default_language: str = "lt",
                  trigger: str = Survey.Trigger.MANUAL, valid_days: int = 14) -> Survey:
    """A survey made of building blocks (``BLOCKS``), with the question bank's texts."""
    unknown = sorted(set(blocks) - set(BLOCKS))
    if unknown:
        raise ValidationError({"blocks": f"Unknown building blocks: {', '.join(unknown)}."})
    survey = Survey(name=name.strip(), default_language=default_language, trigger=trigger,
                    valid_days=valid_days, closing_text=dict(CLOSING_TEXT))
    survey.full_clean()
    survey.save()
    kinds = [kind for block in BLOCKS if block in blocks for kind in BLOCKS[block]]
    Question.objects.bulk_create(
        Question(survey=survey, position=position, kind=kind, text=dict(QUESTION_TEXTS[kind]),
                 scale_low=BUILTIN_SCALES.get(kind, (1, 10))[0],
                 scale_high=BUILTIN_SCALES.get(kind, (1, 10))[1],
                 required=kind != Question.Kind.COMMENT)
        for position, kind in enumerate(kinds, start=1)
    )
    return survey


def question_add(*, survey: Survey, kind: str, text: dict[str, str], options=(),
                 scale_low: int = 1, scale_high: int = 10, required: bool = True) -> Question:
    """A custom question: its text in all five languages; a choice's options likewise."""
    errors = {}
    if kind not in Question.CUSTOM_KINDS:
        errors["kind"] = _("Custom questions are a scale, a choice or a text.")
    if missing := missing_languages(text):
        errors["text"] = _("The question is missing in: %(languages)s.") % {
            "languages": ", ".join(missing)}
    if kind == Question.Kind.CHOICE:
        if len(options) < 2:
            errors["options"] = _("A choice needs at least two options.")
        elif any(missing_languages(option["text"]) for option in options):
            errors["options"] = _("Every option needs its text in all five languages.")
    if errors:
        raise ValidationError(errors)
    last = survey.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question(survey=survey, kind=kind, text=text, options=list(options),
                        scale_low=scale_low, scale_high=scale_high, required=required,
                        position=(last or 0) + 1)
    question.full_clean()
    question.save()
    return question


def invitation_url(token: str, base_url: str | None = None) -> str:
    base = (base_url or settings.KLIENTO_PUBLIC_URL).rstrip("/")
    return base + reverse("survey-page", args=[token])


def invitation_create(*, survey: Survey, customer: Customer, channel: Channel,
                      delivery: str = Invitation.Delivery.EMAIL,
                      interaction: Interaction | None = None, promise: Promise | None = None,
                      created_by=None, now: datetime | None = None,
                      base_url: str | None = None) -> tuple[Invitation, str]:
    """Invite a customer to answer; returns the invitation and its link, which exists only
    here (the database keeps a digest). E-mail invitations are sent at once.

    Refused, with a stable code, without consent, inside the quiet period after the last
    invitation (``KLIENTO_SURVEY_QUIET_DAYS``), for an inactive survey, or by e-mail to a
    customer without an address.
    """
    now = now or timezone.now()
    if not survey.is_active:
        raise InvitationRefused("survey_inactive", _("This survey is switched off."))
    if not customer.consents_to_surveys:
        raise InvitationRefused(
            "no_consent", _("%(customer)s has not agreed to be asked for feedback.")
            % {"customer": customer.full_name})
    quiet_since = now - timedelta(days=settings.KLIENTO_SURVEY_QUIET_DAYS)
    if customer.survey_invitations.filter(created_at__gt=quiet_since).exists():
        raise InvitationRefused(
            "too_soon", _("%(customer)s was asked for feedback less than %(days)d days ago.")
            % {"customer": customer.full_name, "days": settings.KLIENTO_SURVEY_QUIET_DAYS})
    if delivery == Invitation.Delivery.EMAIL and not customer.email:
        raise InvitationRefused("no_email", _("%(customer)s has no e-mail address.")
                                % {"customer": customer.full_name})
    token = token_new()
    invitation = Invitation(
        survey=survey, customer=customer, channel=channel, interaction=interaction,
        promise=promise, delivery=delivery, language=customer.preferred_language,
        token_digest=token_digest(token), created_by=created_by, created_at=now,
        expires_at=now + timedelta(days=survey.valid_days),
    )
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:
        raise InvitationRefused(
            "duplicate", _("This customer was already invited to this survey for it.")
        ) from error
    url = invitation_url(token, base_url)
    if delivery == Invitation.Delivery.EMAIL:
        invitation_email_send(invitation, url)
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return invitation, url


def invitation_email_send(invitation: Invitation, url: str) -> None:
    with translation.override(invitation.language):
        context = {"invitation": invitation, "url": url, "about": invitation_about(invitation),
                   "customer": invitation.customer}
        send_mail(
            subject=_("How did we do? Two minutes of your time"),
            message=render_to_string("surveys/email/invitation.txt", context),
            from_email=None, recipient_list=[invitation.customer.email],
        )


def invitation_open(invitation: Invitation, *, language: str | None = None,
                    now: datetime | None = None) -> Invitation:
    """Note the first visit, and the language the customer switched to."""
    fields = []
    if invitation.opened_at is None:
        invitation.opened_at = now or timezone.now()
        fields.append("opened_at")
    if language and language != invitation.language:
        invitation.language = language
        fields.append("language")
    if fields:
        invitation.save(update_fields=fields)
    return invitation


def invitation_draft_save(invitation: Invitation, draft: dict[str, str]) -> Invitation:
    """Keep unfinished answers so that the customer can come back to them."""
    updated = Invitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(
        draft=draft)
    if not updated:
        raise InvitationClosed("answered")
    invitation.draft = draft
    return invitation


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


def _response_store_and_claim(invitation, interaction, columns, custom, full_name, language,
                              now) -> SurveyResponse:
    response = survey_response_checked(
        survey_id=invitation.survey_id, customer_id=invitation.customer_id,
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
            customer_rename(customer, full_name)
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


def invitations_for_recent_events(*, now: datetime | None = None,
                                  window: timedelta = timedelta(days=2)) -> int:
    """Invite by e-mail after interactions resolved and promises closed within ``window``,
    for surveys that ask for it. Safe to run again and again (by cron or the job worker):
    an event gets one invitation per survey, and refusals (no consent, asked recently, no
    address) are simply skipped. Returns the number of invitations sent."""
    now = now or timezone.now()
    since = now - window
    sent = 0
    for survey in Survey.objects.filter(is_active=True).exclude(trigger=Survey.Trigger.MANUAL):
        if survey.trigger == Survey.Trigger.INTERACTION_RESOLVED:
            events = (
                Interaction.objects.filter(resolved_at__range=(since, now),
                                           customer__consents_to_surveys=True)
                .exclude(survey_invitations__survey=survey)
                .select_related("customer", "channel")
            )
            pairs = [(event.customer, event.channel, {"interaction": event}) for event in events]
        else:
            events = (
                # A broken promise has no done time: it closes when it falls due.
                Promise.objects.filter(
                    Q(kept_at__range=(since, now))
                    | Q(status=Promise.Status.BROKEN, due_at__range=(since, now)),
                    customer__consents_to_surveys=True)
                .exclude(survey_invitations__survey=survey)
                .select_related("customer", "interaction__channel")
            )
            delivery_channel = Channel.objects.get(code=Channel.Code.DELIVERY)
            pairs = [(event.customer,
                      event.interaction.channel if event.interaction else delivery_channel,
                      {"promise": event}) for event in events]
        for customer, channel, about in pairs:
            try:
                invitation_create(survey=survey, customer=customer, channel=channel, now=now,
                                  **about)
            except InvitationRefused:
                continue
            sent += 1
    return sent
