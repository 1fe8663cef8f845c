"""Writes for surveys: definitions, invitations, drafts and recorded responses. Answering
an invitation — the customer's page and its tuned fast path — is in ``submission``."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kliento.accounts.tokens import token_digest, token_new
from kliento.customers.consent import customer_email_send
from kliento.customers.models import Customer, Purpose
from kliento.interactions.models import Channel, Interaction
from kliento.organisation.calendar import local_date
from kliento.promises.models import Promise
from kliento.surveys.models import (
    Invitation,
    Question,
    ResponseAssignment,
    ResponseNote,
    ResponseTag,
    Survey,
    SurveyResponse,
)
from kliento.surveys.presentation import invitation_about
from kliento.surveys.question_bank import (
    BLOCKS,
    BUILTIN_SCALES,
    CLOSING_TEXT,
    QUESTION_TEXTS,
    missing_languages,
)

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


def survey_response_fill_derived(response: SurveyResponse) -> SurveyResponse:
    """The organisation-local day of the answer, derived from its moment."""
    response.responded_on = local_date(response.responded_at) if response.responded_at else None
    return response


def survey_response_checked(**fields) -> SurveyResponse:
    """A response checked as ``survey_response_record`` checks it, not yet stored."""
    response = survey_response_fill_derived(SurveyResponse(**fields))
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
        customer_email_send(
            invitation.customer, Purpose.SURVEYS,
            subject=_("How did we do? Two minutes of your time"),
            body=render_to_string("surveys/email/invitation.txt", context),
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


def response_tag_add(response: SurveyResponse, name: str) -> ResponseTag:
    """Put tag ``name`` (trimmed, lower case) on ``response``; a tag it has already is kept."""
    name = " ".join(name.split()).lower()
    if not name or len(name) > ResponseTag._meta.get_field("name").max_length:
        raise ValidationError({"name": _("A tag is one to forty characters.")})
    tag, _created = ResponseTag.objects.get_or_create(response=response, name=name)
    return tag


def response_tag_remove(response: SurveyResponse, name: str) -> None:
    ResponseTag.objects.filter(response=response, name=name).delete()


def response_note_add(response: SurveyResponse, *, author, text: str,
                      now: datetime | None = None) -> ResponseNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note first.")})
    return ResponseNote.objects.create(response=response, author=author, text=text,
                                       created_at=now or timezone.now())


def response_assign(response: SurveyResponse, *, assignee, by,
                    now: datetime | None = None) -> ResponseAssignment | None:
    """Give ``response`` to ``assignee`` to act on (None: to nobody). Whether ``by`` may
    give work to ``assignee`` is the caller's check (``authorize_handover``)."""
    if assignee is None:
        ResponseAssignment.objects.filter(response=response).delete()
        return None
    assignment, _created = ResponseAssignment.objects.update_or_create(
        response=response, defaults={"assignee": assignee, "assigned_by": by,
                                     "assigned_at": now or timezone.now()})
    return assignment
