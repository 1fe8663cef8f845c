"""Writes for recovery: cases opened from low scores and complaints, the protocol's steps,
compensation within each role's limit, and the follow-up survey that closes the loop."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.accounts.models import User
from kliento.customers.models import Customer
from kliento.interactions.models import Channel, Interaction
from kliento.measure.factors import FACTORS
from kliento.measure.scores import DETRACTOR_UP_TO
from kliento.measure.service_grade import DEFAULT_WEIGHTS, REBUY_FROM
from kliento.organisation.calendar import local_date
from kliento.recovery.causes import FACTOR_ORDER, complaint_cause_suggest
from kliento.recovery.models import Cause, CompensationGrant, RecoveryCase
from kliento.recovery.selectors import (
    APPROVE_PERMISSION,
    compensation_granted,
    compensation_limit_for,
)
from kliento.surveys.expressions import service_grade_expression
from kliento.surveys.models import Invitation, Survey, SurveyResponse
from kliento.surveys.services import InvitationRefused, invitation_create, survey_create
from kliento.ui.formatting import format_money
from kliento.webhooks.models import Event
from kliento.webhooks.services import webhook_event

FOLLOW_UP_SURVEY_NAME = "Recovery follow-up"
# The follow-up asks the same question as most triggers (recommend) and the KV pair, so that
# "better than before" and "delighted" can both be read from it; nothing else, to stay short.
FOLLOW_UP_BLOCKS = ["nps", "kv", "comment"]
# A suggestion read off the lowest factor score rather than from words is a weaker hint.
LOWEST_FACTOR_CONFIDENCE = 0.4
CENT = Decimal("0.01")


class RecoveryCaseExists(Exception):
    """The signal already has its case."""

    def __init__(self, case: RecoveryCase):
        super().__init__(f"recovery case {case.pk} exists for this signal")
        self.case = case


class CompensationRefused(Exception):
    """A grant above the granter's limit without a valid approval; nothing was stored."""

    def __init__(self, message: str, *, limit: Decimal | None):
        super().__init__(message)
        self.message, self.limit = message, limit


def recovery_due_hours() -> int:
    """Hours from the signal to the first contact with the customer (one working day, as
    the surveys' closing text promises)."""
    return int(getattr(settings, "KLIENTO_RECOVERY_DUE_HOURS", 24))


def _assignee_id(agent_user_id, agent_left_on, *team_lead_ids) -> int | None:
    """The agent who served the customer, unless they have left; else the team's lead."""
    if agent_user_id and agent_left_on is None:
        return agent_user_id
    return next((lead for lead in team_lead_ids if lead), None)


def _new_case(*, opened_at: datetime, **fields) -> RecoveryCase:
    return RecoveryCase(
        opened_at=opened_at, opened_on=local_date(opened_at),
        due_at=opened_at + timedelta(hours=recovery_due_hours()), **fields)


def _trigger_for(nps, experience, expectation, grade) -> str | None:
    if nps is not None and nps <= DETRACTOR_UP_TO:
        return RecoveryCase.Trigger.DETRACTOR
    if experience is not None and expectation is not None and experience < expectation:
        return RecoveryCase.Trigger.KV_BELOW_ONE
    if grade is not None and grade < REBUY_FROM - 1e-9:
        return RecoveryCase.Trigger.FAILED_GRADE
    return None


def _cause_for_response(comment: str, language: str,
                        factors: dict[str, int | None]) -> tuple[str, float]:
    """From the comment's words; failing that, the factor the customer scored lowest."""
    cause, confidence = complaint_cause_suggest(comment, language)
    if cause:
        return cause, confidence
    scored = {factor: score for factor, score in factors.items() if score is not None}
    if not scored:
        return "", 0.0
    lowest = min(FACTOR_ORDER, key=lambda f: (scored.get(f, 99), FACTOR_ORDER.index(f)))
    return lowest, LOWEST_FACTOR_CONFIDENCE


def recovery_cases_open_for_new_signals(*, now: datetime | None = None,
                                        window: timedelta = timedelta(days=7)) -> int:
    """Open a case for every complaint and every low answer (detractor, KV below 1, failed
    grade) of the last ``window`` that has none, assigned to the agent who served the customer
    or the team's lead, with the cause suggested from the words. Safe to run again and again:
    unique constraints keep one case per signal. An answer about an interaction that already
    has a case, an anonymous answer and the answer to a case's own follow-up open nothing.
    Returns the number of signals found without a case (the cases opened, unless another run
    opened some of them at the same moment)."""
    now = now or timezone.now()
    since = now - window
    complaints = (
        Interaction.objects.filter(kind=Interaction.Kind.COMPLAINT,
                                   opened_at__range=(since, now))
        .exclude(Exists(RecoveryCase.objects.filter(interaction=OuterRef("pk"))))
        .values_list("pk", "customer_id", "opened_at", "text", "language", "agent__user_id",
                     "agent__left_on", "team__lead_id", "agent__team__lead_id")
    )
    cases = []
    for (pk, customer_id, opened_at, text, language, agent_user, left_on, lead,
         agent_lead) in complaints:
        cause, confidence = complaint_cause_suggest(text, language)
        cases.append(_new_case(
            customer_id=customer_id, trigger=RecoveryCase.Trigger.COMPLAINT, interaction_id=pk,
            suggested_cause=cause or "", suggested_cause_confidence=confidence,
            assignee_id=_assignee_id(agent_user, left_on, lead, agent_lead),
            opened_at=opened_at))
    # Complaints first: an answer about a complaint opened just now then finds its case.
    opened = _cases_store(cases, source="interaction_id")

    responses = (
        SurveyResponse.objects.filter(responded_at__range=(since, now), customer__isnull=False)
        .annotate(grade=service_grade_expression())
        .filter(Q(nps__lte=DETRACTOR_UP_TO) | Q(experience__lt=F("expectation"))
                | Q(grade__lt=REBUY_FROM - 1e-9))
        .exclude(Exists(RecoveryCase.objects.filter(survey_response=OuterRef("pk"))))
        .exclude(Exists(RecoveryCase.objects.filter(interaction=OuterRef("interaction_id"))))
        .exclude(Exists(RecoveryCase.objects.filter(
            follow_up_invitation__response=OuterRef("pk"))))
        .values_list("pk", "customer_id", "interaction_id", "responded_at", "nps", "experience",
                     "expectation", "grade", "comment", "language", "interaction__agent__user_id",
                     "interaction__agent__left_on", "interaction__team__lead_id",
                     "interaction__agent__team__lead_id", *FACTORS)
    )
    cases, seen_interactions = [], set()
    for row in responses:
        (pk, customer_id, interaction_id, responded_at, nps, experience, expectation, grade,
         comment, language, agent_user, left_on, lead, agent_lead, *factor_scores) = row
        if interaction_id is not None:
            if interaction_id in seen_interactions:
                continue  # two low answers about one contact: one case
            seen_interactions.add(interaction_id)
        cause, confidence = _cause_for_response(comment, language,
                                                dict(zip(FACTORS, factor_scores, strict=True)))
        cases.append(_new_case(
            customer_id=customer_id, trigger=_trigger_for(nps, experience, expectation, grade),
            survey_response_id=pk, interaction_id=interaction_id, score_before=nps,
            suggested_cause=cause, suggested_cause_confidence=confidence,
            assignee_id=_assignee_id(agent_user, left_on, lead, agent_lead),
            opened_at=responded_at))
    opened += _cases_store(cases, source="survey_response_id")
    return opened


@transaction.atomic
def _cases_store(cases: list[RecoveryCase], *, source: str) -> int:
    """Store new cases and, in the same transaction, the webhook event for each. A case a
    concurrent run stored first is found here too: its event is recorded once all the same,
    as the deliveries are unique per case (see :func:`_case_opened_announce`)."""
    RecoveryCase.objects.bulk_create(cases, batch_size=500, ignore_conflicts=True)
    sources = [getattr(case, source) for case in cases]
    for case in RecoveryCase.objects.filter(**{f"{source}__in": sources}).select_related(
            "customer", "assignee"):
        _case_opened_announce(case)
    return len(cases)


def _case_opened_announce(case: RecoveryCase) -> None:
    webhook_event(Event.RECOVERY_CASE_OPENED, {
        "recovery_case": case.pk, "trigger": case.trigger, "opened_at": case.opened_at,
        "due_at": case.due_at, "suggested_cause": case.suggested_cause,
        "customer": {"id": case.customer_id, "external_id": case.customer.external_id,
                     "name": case.customer.full_name},
        "assignee": case.assignee.get_username() if case.assignee else None,
        "interaction": case.interaction_id, "survey_response": case.survey_response_id,
    }, now=case.opened_at, subject=f"recovery_case:{case.pk}")


def recovery_case_open(*, customer: Customer, interaction: Interaction | None = None,
                       survey_response: SurveyResponse | None = None, notes: str = "",
                       assignee: User | None = None, now: datetime | None = None
                       ) -> RecoveryCase:
    """Open a case by hand: for a complaint or an answer the opener has not reached yet, or
    for something the customer said on the phone (``notes``: the agent is listening now, so
    this is the first contact). Raises :class:`RecoveryCaseExists` when the signal has one."""
    now = now or timezone.now()
    errors = {}
    if interaction is not None and interaction.customer_id != customer.pk:
        errors["interaction"] = _("This interaction is another customer's.")
    if survey_response is not None and survey_response.customer_id != customer.pk:
        errors["survey_response"] = _("This answer is another customer's.")
    if errors:
        raise ValidationError(errors)
    trigger, score_before, text, language = RecoveryCase.Trigger.MANUAL, None, notes, ""
    if survey_response is not None:
        r = survey_response
        grade = (sum(DEFAULT_WEIGHTS[f] * getattr(r, f) for f in FACTORS)
                 if all(getattr(r, f) is not None for f in FACTORS) else None)
        trigger = _trigger_for(r.nps, r.experience, r.expectation, grade) or trigger
        score_before, text, language = r.nps, notes or r.comment, r.language
        interaction = interaction or r.interaction
    elif interaction is not None:
        if interaction.kind == Interaction.Kind.COMPLAINT:
            trigger = RecoveryCase.Trigger.COMPLAINT
        text, language = notes or interaction.text, interaction.language
    if assignee is None and interaction is not None:
        agent, team = interaction.agent, interaction.team
        assignee = User.objects.filter(pk=_assignee_id(
            agent and agent.user_id, agent and agent.left_on, team and team.lead_id,
            agent and agent.team and agent.team.lead_id)).first()
    existing = RecoveryCase.objects.filter(
        Q(survey_response=survey_response) if survey_response else
        Q(interaction=interaction) if interaction else Q(pk__in=[])).first()
    if existing is not None:
        raise RecoveryCaseExists(existing)
    cause, confidence = complaint_cause_suggest(text, language or customer.preferred_language)
    case = _new_case(
        customer=customer, trigger=trigger, interaction=interaction,
        survey_response=survey_response, score_before=score_before,
        suggested_cause=cause or "", suggested_cause_confidence=confidence,
        assignee=assignee, opened_at=now)
    if notes.strip():
        case.listening_notes = notes.strip()
        _first_contact(case, now)
    try:
        with transaction.atomic():
            case.save()
            _case_opened_announce(case)
    except IntegrityError:  # the opener got there a moment earlier
        raise RecoveryCaseExists(RecoveryCase.objects.get(
            Q(survey_response=survey_response) if survey_response else
            Q(interaction=interaction))) from None
    return case


def _check_not_closed(case: RecoveryCase) -> None:
    if case.status == RecoveryCase.Status.CLOSED:
        raise ValidationError(_("This case is closed."))


def _first_contact(case: RecoveryCase, now: datetime) -> None:
    case.first_contact_at = max(now, case.opened_at)  # a clock a little behind is not "before"
    case.first_contact_seconds = int((case.first_contact_at - case.opened_at).total_seconds())
    if case.status == RecoveryCase.Status.OPEN:
        case.status = RecoveryCase.Status.IN_PROGRESS


def recovery_case_assign(case: RecoveryCase, *, assignee: User | None) -> RecoveryCase:
    _check_not_closed(case)
    case.assignee = assignee
    case.save(update_fields=["assignee"])
    return case


def recovery_case_listen(case: RecoveryCase, *, notes: str,
                         now: datetime | None = None) -> RecoveryCase:
    """Step 1: what the customer said, in full. The first notes mark the first contact."""
    _check_not_closed(case)
    if not notes.strip():
        raise ValidationError({"listening_notes": _("Write down what the customer said.")})
    case.listening_notes = notes.strip()
    if case.first_contact_at is None:
        _first_contact(case, now or timezone.now())
    case.save(update_fields=["listening_notes", "first_contact_at", "first_contact_seconds",
                             "status"])
    return case


def recovery_case_paraphrase(case: RecoveryCase, *, problem: str, expectation: str,
                             confirmed: bool, now: datetime | None = None) -> RecoveryCase:
    """Step 2: the problem and what the customer expects, in our words, and whether the
    customer confirmed them. Rewording withdraws a confirmation unless it is given again."""
    _check_not_closed(case)
    if not case.listening_notes:
        raise ValidationError(_("Listen first: write down what the customer said."))
    errors = {}
    if not problem.strip():
        errors["problem_paraphrase"] = _("Say the problem back in your own words.")
    if not expectation.strip():
        errors["customer_expectation"] = _("Write down what the customer expects.")
    if errors:
        raise ValidationError(errors)
    reworded = (problem.strip(), expectation.strip()) != (case.problem_paraphrase,
                                                           case.customer_expectation)
    case.problem_paraphrase, case.customer_expectation = problem.strip(), expectation.strip()
    if not confirmed:
        case.customer_confirmed_at = None
    elif reworded or case.customer_confirmed_at is None:
        case.customer_confirmed_at = now or timezone.now()
    case.save(update_fields=["problem_paraphrase", "customer_expectation",
                             "customer_confirmed_at"])
    return case


def recovery_case_cause_set(case: RecoveryCase, *, cause: str) -> RecoveryCase:
    """The agent's verdict on the cause; a complaint's interaction is classified with it,
    which is what the dashboard's complaints-by-cause counts."""
    if cause not in Cause.values:
        raise ValidationError({"cause": _("Choose one of the five service factors.")})
    with transaction.atomic():
        case.cause = cause
        case.save(update_fields=["cause"])
        if case.interaction_id:
            # The interaction's cause belongs to this app's workflow; only complaints carry one.
            Interaction.objects.filter(pk=case.interaction_id,
                                       kind=Interaction.Kind.COMPLAINT).update(cause=cause)
    return case


def recovery_case_agree(case: RecoveryCase, *, solution: str,
                        now: datetime | None = None) -> RecoveryCase:
    """Step 3: the solution agreed with the customer — only once they confirmed the problem,
    so that it solves what matters to them."""
    _check_not_closed(case)
    if case.customer_confirmed_at is None:
        raise ValidationError(_("First have the customer confirm the problem and what they "
                                "expect."))
    if not solution.strip():
        raise ValidationError({"agreed_solution": _("Write down the solution you agreed.")})
    if solution.strip() != case.agreed_solution or case.solution_agreed_at is None:
        case.agreed_solution = solution.strip()
        case.solution_agreed_at = now or timezone.now()
        case.save(update_fields=["agreed_solution", "solution_agreed_at"])
    return case


def recovery_case_resolve(case: RecoveryCase, *, now: datetime | None = None) -> RecoveryCase:
    """The agreed solution is delivered."""
    _check_not_closed(case)
    if case.solution_agreed_at is None:
        raise ValidationError(_("Agree a solution with the customer first."))
    if case.resolved_at is None:
        case.resolved_at = now or timezone.now()
        case.status = RecoveryCase.Status.RESOLVED
        case.save(update_fields=["resolved_at", "status"])
    return case


def _amount(raw) -> Decimal:
    try:
        amount = Decimal(str(raw)).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": _("Give the amount in euros, e.g. 15.50.")}) from None
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    return amount


@transaction.atomic
def compensation_grant(case: RecoveryCase, *, granted_by: User, amount, kind: str,
                       reason: str, outcome: str = CompensationGrant.Outcome.ACCEPTED,
                       approved_by: User | None = None,
                       now: datetime | None = None) -> CompensationGrant:
    """Step 4: grant a discount, refund, gift or other compensation, and log it.

    What one person may grant on a case in all is their role's limit
    (:func:`~kliento.recovery.selectors.compensation_limit_for`); above it, ``approved_by``
    must hold ``recovery.approve_compensation`` (entrypoints pass an approver they have
    authenticated), else :class:`CompensationRefused` names the limit and nothing is stored.
    The case row is locked so that two grants at once cannot both slip under the limit.
    """
    case = RecoveryCase.objects.select_for_update().get(pk=case.pk)
    _check_not_closed(case)
    if case.solution_agreed_at is None:
        raise ValidationError(_("Agree a solution first: compensation is part of it."))
    amount = _amount(amount)
    errors = {}
    if kind not in CompensationGrant.Kind.values:
        errors["kind"] = _("Choose a discount, a refund, a gift or other.")
    if outcome not in CompensationGrant.Outcome.values:
        errors["outcome"] = _("Say whether the customer accepted it.")
    if not reason.strip():
        errors["reason"] = _("Say why the compensation is warranted.")
    if errors:
        raise ValidationError(errors)
    limit = compensation_limit_for(granted_by)
    total = compensation_granted(case) + amount
    if limit is None or total <= limit:
        approved_by = None  # nothing above a limit to approve
    elif approved_by is None:
        raise CompensationRefused(
            _("%(total)s on this case is above your limit of %(limit)s per case. A manager "
              "who may approve compensation has to approve it.")
            % {"total": format_money(total), "limit": format_money(limit)}, limit=limit)
    elif not approved_by.has_perm(APPROVE_PERMISSION):
        raise CompensationRefused(
            _("%(name)s may not approve compensation above the limit of %(limit)s.")
            % {"name": approved_by.get_full_name() or approved_by.get_username(),
               "limit": format_money(limit)}, limit=limit)
    grant = CompensationGrant(case=case, granted_by=granted_by, amount=amount, kind=kind,
                              reason=reason.strip(), outcome=outcome, approved_by=approved_by,
                              created_at=now or timezone.now())
    grant.full_clean(exclude=["case", "granted_by", "approved_by"])
    grant.save()
    return grant


def follow_up_survey_ensure() -> Survey:
    """The short survey that asks again after a recovery, made the first time it is needed."""
    survey = Survey.objects.filter(name=FOLLOW_UP_SURVEY_NAME).first()
    if survey is not None:
        return survey
    try:
        with transaction.atomic():
            return survey_create(name=FOLLOW_UP_SURVEY_NAME, blocks=FOLLOW_UP_BLOCKS)
    except (IntegrityError, ValidationError):  # made by someone else a moment earlier
        return Survey.objects.get(name=FOLLOW_UP_SURVEY_NAME)


def recovery_follow_up_send(case: RecoveryCase, *, by: User | None = None,
                            delivery: str = Invitation.Delivery.EMAIL,
                            now: datetime | None = None,
                            base_url: str | None = None) -> tuple[Invitation, str]:
    """Step 5: ask the customer again, once the case is resolved, with the follow-up survey.
    Returns the invitation and its link. The surveys' rules hold: without consent, within
    the quiet period or without an address it raises
    :class:`~kliento.surveys.services.InvitationRefused` and nothing changes."""
    _check_not_closed(case)
    if case.resolved_at is None:
        raise ValidationError(_("Resolve the case first: the follow-up asks whether the "
                                "solution worked."))
    channel = (case.interaction.channel if case.interaction_id else
               Channel.objects.get(code=Channel.Code.EMAIL))
    with transaction.atomic():
        # Locked and read again: of two clicks at once, the second finds the first's survey.
        sent = RecoveryCase.objects.select_for_update().filter(pk=case.pk).values_list(
            "follow_up_invitation_id", flat=True).get()
        if sent is not None:
            raise ValidationError(_("The follow-up survey has been sent already."))
        invitation, url = invitation_create(
            survey=follow_up_survey_ensure(), customer=case.customer, channel=channel,
            delivery=delivery, interaction=case.interaction, created_by=by, now=now,
            base_url=base_url)
        case.follow_up_invitation = invitation
        case.save(update_fields=["follow_up_invitation"])
    return invitation, url


def recovery_follow_up_record(case: RecoveryCase, *, now: datetime | None = None
                              ) -> RecoveryCase:
    """Read the follow-up answer's recommend score onto the case and close it."""
    invitation = case.follow_up_invitation
    response = invitation.response if invitation is not None else None
    if response is None:
        raise ValidationError(_("The customer has not answered the follow-up survey yet."))
    if case.follow_up_response_id == response.pk:
        return case
    case.follow_up_response, case.follow_up_score = response, response.nps
    case.status, case.closed_at = RecoveryCase.Status.CLOSED, now or timezone.now()
    case.save(update_fields=["follow_up_response", "follow_up_score", "status", "closed_at"])
    return case


@transaction.atomic
def recovery_case_steps_apply(case: RecoveryCase, *, by: User | None = None,
                              now: datetime | None = None, base_url: str | None = None,
                              **changes) -> tuple[RecoveryCase, str | None]:
    """Several steps at once (an API PATCH), in the protocol's order and all or nothing:
    ``assignee``, ``listening_notes``, ``problem_paraphrase``/``customer_expectation``/
    ``customer_confirmed``, ``cause``, ``agreed_solution``, ``resolved``, ``follow_up`` (the
    delivery of the follow-up survey) and ``record_follow_up``. Returns the case and the
    follow-up link when one was sent."""
    unknown = changes.keys() - STEP_FIELDS
    if unknown:
        raise TypeError(f"unknown steps: {', '.join(sorted(unknown))}")
    url = None
    if "assignee" in changes:
        recovery_case_assign(case, assignee=changes["assignee"])
    if "listening_notes" in changes:
        recovery_case_listen(case, notes=changes["listening_notes"], now=now)
    if {"problem_paraphrase", "customer_expectation", "customer_confirmed"} & changes.keys():
        recovery_case_paraphrase(
            case, problem=changes.get("problem_paraphrase", case.problem_paraphrase),
            expectation=changes.get("customer_expectation", case.customer_expectation),
            confirmed=changes.get("customer_confirmed", case.customer_confirmed_at is not None),
            now=now)
    if "cause" in changes:
        recovery_case_cause_set(case, cause=changes["cause"])
    if "agreed_solution" in changes:
        recovery_case_agree(case, solution=changes["agreed_solution"], now=now)
    if changes.get("resolved"):
        recovery_case_resolve(case, now=now)
    if changes.get("follow_up"):
        _invitation, url = recovery_follow_up_send(case, by=by, delivery=changes["follow_up"],
                                                   now=now, base_url=base_url)
    if changes.get("record_follow_up"):
        recovery_follow_up_record(case, now=now)
    return case, url


STEP_FIELDS = {"assignee", "listening_notes", "problem_paraphrase", "customer_expectation",
               "customer_confirmed", "cause", "agreed_solution", "resolved", "follow_up",
               "record_follow_up"}


@dataclass(frozen=True)
class RecoveryRun:
    opened: int
    follow_ups_sent: int
    follow_ups_recorded: int


def recovery_due_run(*, now: datetime | None = None) -> RecoveryRun:
    """What a periodic job does: open cases for new signals, ask customers again
    ``KLIENTO_RECOVERY_FOLLOW_UP_DAYS`` (7) after their case was resolved — a refusal (no
    consent, asked recently) is simply tried again next time — and record the answers."""
    now = now or timezone.now()
    opened = recovery_cases_open_for_new_signals(now=now)
    after = timedelta(days=int(getattr(settings, "KLIENTO_RECOVERY_FOLLOW_UP_DAYS", 7)))
    sent = 0
    due = RecoveryCase.objects.filter(
        status=RecoveryCase.Status.RESOLVED, follow_up_invitation__isnull=True,
        resolved_at__lte=now - after, customer__consents_to_surveys=True,
    ).select_related("customer", "interaction__channel")
    for case in due:
        try:
            recovery_follow_up_send(case, now=now)
        except InvitationRefused:
            continue
        sent += 1
    answered = RecoveryCase.objects.filter(
        follow_up_invitation__response__isnull=False, follow_up_response__isnull=True,
    ).select_related("follow_up_invitation__response")
    recorded = 0
    for case in answered:
        recovery_follow_up_record(case, now=now)
        recorded += 1
    return RecoveryRun(opened, sent, recorded)
