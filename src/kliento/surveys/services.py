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
from django.utils.translation import ngettext

from kliento.accounts.tokens import token_digest, token_new
from kliento.customers.consent import customer_email_send
from kliento.customers.models import Customer, Purpose
from kliento.interactions.models import Channel, Interaction
from kliento.organisation.calendar import local_date, organisation_timezone
from kliento.promises.models import Promise
from kliento.surveys.models import (
    Invitation,
    Question,
    ResponseAssignment,
    ResponseNote,
    ResponseTag,
    Survey,
    SurveyResponse,
    questions_stamp_new,
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


def anonymous_answer_moment(moment: datetime) -> datetime:
    """An anonymous answer keeps its day only: the organisation's local midnight of it."""
    day = local_date(moment)
    return datetime(day.year, day.month, day.day, tzinfo=organisation_timezone())


def survey_response_fill_derived(response: SurveyResponse) -> SurveyResponse:
    """The organisation-local day of the answer, derived from its moment."""
    response.responded_on = local_date(response.responded_at) if response.responded_at else None
    return response


def survey_response_checked(**fields) -> SurveyResponse:
    """A response checked as ``survey_response_record`` checks it, not yet stored.

    An anonymous survey's response names nobody: a customer or an interaction is refused
    (asked of the database only when one is given, so the customer's own answer costs no
    query)."""
    response = survey_response_fill_derived(SurveyResponse(**fields))
    if (response.customer_id or response.interaction_id) and response.survey_id and (
            response.survey.anonymous if "survey" in fields
            else Survey.objects.filter(pk=response.survey_id, anonymous=True).exists()):
        field = "customer" if response.customer_id else "interaction"
        raise ValidationError({field: _(
            "This survey is anonymous: its answers keep no link to a customer or an "
            "interaction.")})
    # external_id is the only unique field: without one there is nothing to look up.
    response.full_clean(exclude=RESPONSE_RELATIONS, validate_constraints=False,
                        validate_unique=response.external_id is not None)
    return response


@transaction.atomic
def survey_create(*, name: str, blocks: list[str], default_language: str = "lt",
                  trigger: str = Survey.Trigger.MANUAL, valid_days: int = 14,
                  anonymous: bool = False,
                  audience: str = Survey.Audience.CUSTOMERS) -> Survey:
    """A survey made of building blocks (``BLOCKS``), with the question bank's texts, for
    ``audience`` (employee surveys are anonymous by rule: nobody may read one person's
    answer)."""
    if audience == Survey.Audience.EMPLOYEES and not anonymous:
        raise ValidationError({"anonymous": "An employee survey must be anonymous."})
    unknown = sorted(set(blocks) - set(BLOCKS))
    if unknown:
        raise ValidationError({"blocks": f"Unknown building blocks: {', '.join(unknown)}."})
    survey = Survey(name=name.strip(), default_language=default_language, trigger=trigger,
                    valid_days=valid_days, closing_text=dict(CLOSING_TEXT),
                    anonymous=anonymous, audience=audience)
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
                      base_url: str | None = None,
                      quiet_period_ignores: Invitation | None = None) -> tuple[Invitation, str]:
    """Invite a customer to answer; returns the invitation and its link, which exists only
    here (the database keeps a digest). E-mail invitations are sent at once.

    Refused, with a stable code, without consent, inside the quiet period after the last
    invitation (``KLIENTO_SURVEY_QUIET_DAYS``), for an inactive survey, or by e-mail to a
    customer without an address. ``quiet_period_ignores`` is an invitation whose answer
    asked for this one (a recovery case's follow-up asks again about what the customer
    answered): the quiet period does not count from it.
    """
    now = now or timezone.now()
    if not survey.is_active:
        raise InvitationRefused("survey_inactive", _("This survey is switched off."))
    if survey.anonymous and delivery == Invitation.Delivery.PHONE:
        raise InvitationRefused("anonymous_by_phone", _(
            "This survey is anonymous: its answers cannot be taken by phone, where the agent "
            "knows who answers."))
    if not customer.consents_to_surveys:
        raise InvitationRefused(
            "no_consent", _("%(customer)s has not agreed to be asked for feedback.")
            % {"customer": customer.full_name})
    quiet_since = now - timedelta(days=settings.KLIENTO_SURVEY_QUIET_DAYS)
    recent = customer.survey_invitations.filter(created_at__gt=quiet_since)
    if quiet_period_ignores is not None:
        recent = recent.exclude(pk=quiet_period_ignores.pk)
    if recent.exists():
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


# The survey builder: change, delete and reorder questions. A question that has been answered
# keeps what its answers mean: its scale and its options' count stay, and it is not deleted.

def question_change(question: Question, *, text: dict[str, str], required: bool,
                    options: list[dict] | None = None, scale_low: int | None = None,
                    scale_high: int | None = None) -> Question:
    """New wording (in all five languages) and whether an answer is required; for a custom
    question also its scale or options. A built-in measure keeps its scale: its answers fill
    a response column whose range is fixed."""
    errors = {}
    if missing := missing_languages(text):
        errors["text"] = _("The question is missing in: %(languages)s.") % {
            "languages": ", ".join(missing)}
    answered = question_answer_count(question) > 0
    if question.kind == Question.Kind.CHOICE and options is not None:
        if len(options) < 2:
            errors["options"] = _("A choice needs at least two options.")
        elif any(missing_languages(option["text"]) for option in options):
            errors["options"] = _("Every option needs its text in all five languages.")
        elif answered and len(options) != len(question.options):
            errors["options"] = _("Customers have answered this question: keep the same "
                                  "number of options, so their answers keep their meaning.")
    scale = (scale_low, scale_high)
    if question.kind == Question.Kind.SCALE and None not in scale and answered and \
            scale != (question.scale_low, question.scale_high):
        errors["scale_high"] = _("Customers have answered this question: its scale can no "
                                 "longer change.")
    if errors:
        raise ValidationError(errors)
    question.text = dict(text)
    question.required = required
    if question.kind == Question.Kind.CHOICE and options is not None:
        question.options = list(options)
    if question.kind == Question.Kind.SCALE and None not in scale:
        question.scale_low, question.scale_high = scale
    question.full_clean()
    question.save()
    return question


def question_answer_count(question: Question) -> int:
    """How many responses to the question's survey answered it."""
    responses = SurveyResponse.objects.filter(survey_id=question.survey_id)
    if question.kind in Question.CUSTOM_KINDS:
        return responses.filter(answers__has_key=str(question.pk)).count()
    if question.kind == Question.Kind.COMMENT:
        return responses.exclude(comment="").count()
    return responses.filter(**{f"{question.kind}__isnull": False}).count()


def question_delete(question: Question) -> None:
    """Remove an unanswered question; the others keep their order."""
    if count := question_answer_count(question):
        raise ValidationError(ngettext(
            "%(count)d customer has answered this question, so it stays: deleting it would "
            "leave the answer without a question. Change its wording instead.",
            "%(count)d customers have answered this question, so it stays: deleting it "
            "would leave their answers without a question. Change its wording instead.",
            count) % {"count": count})
    question.delete()


@transaction.atomic
def questions_reorder(survey: Survey, ordered_ids: list[int]) -> None:
    """Put the survey's questions in the order of ``ordered_ids`` (all of them, each once)."""
    current = list(survey.questions.select_for_update().values_list("pk", flat=True))
    if sorted(ordered_ids) != sorted(current):
        raise ValidationError(_("The new order must list every question of the survey once."))
    Question.objects.bulk_update(
        [Question(pk=pk, position=position) for position, pk in enumerate(ordered_ids, 1)],
        ["position"])
    # A bulk update sends no signal: draw the new stamp that makes every process re-read.
    Survey.objects.filter(pk=survey.pk).update(questions_stamp=questions_stamp_new())


def question_move(question: Question, offset: int) -> None:
    """Move a question ``offset`` places (−1: up one); at either end it stays."""
    order = list(question.survey.questions.values_list("pk", flat=True))
    index = order.index(question.pk)
    target = min(max(index + offset, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    questions_reorder(question.survey, order)
