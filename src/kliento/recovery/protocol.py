"""The recovery protocol, one case at a time: a case opened by hand, then listening,
paraphrasing with the customer's confirmation, the cause, the agreed solution, compensation
within each role's limit, the resolution and the follow-up survey that closes the loop.
Also what every case is made of, whoever opens it (here or a sweep, ``sweeps``)."""

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.accounts.models import User
from kliento.customers.models import Customer
from kliento.interactions.models import Channel, Interaction
from kliento.measure.factors import FACTORS
from kliento.measure.scores import DETRACTOR_UP_TO
from kliento.measure.service_grade import DEFAULT_WEIGHTS, REBUY_FROM
from kliento.organisation.calendar import local_date
from kliento.recovery.causes import complaint_cause_suggest
from kliento.recovery.models import Cause, CompensationGrant, RecoveryCase
from kliento.recovery.selectors import (
    APPROVE_PERMISSION,
    compensation_granted,
    compensation_limit_for,
)
from kliento.surveys.models import Invitation, Survey, SurveyResponse
from kliento.surveys.services import invitation_create, survey_create
from kliento.ui.formatting import format_money
from kliento.webhooks.models import Event
from kliento.webhooks.services import webhook_event

FOLLOW_UP_SURVEY_NAME = "Recovery follow-up"
# The follow-up asks the same question as most triggers (recommend) and the KV pair, so that
# "better than before" and "delighted" can both be read from it; nothing else, to stay short.
FOLLOW_UP_BLOCKS = ["nps", "kv", "comment"]
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


def recovery_case_assignee_id(agent_user_id, agent_left_on, *team_lead_ids) -> int | None:
    """The agent who served the customer, unless they have left; else the team's lead."""
    if agent_user_id and agent_left_on is None:
        return agent_user_id
    return next((lead for lead in team_lead_ids if lead), None)


def recovery_case_build(*, opened_at: datetime, **fields) -> RecoveryCase:
    """A new case, not yet stored, due ``recovery_due_hours`` after ``opened_at``."""
    return RecoveryCase(
        opened_at=opened_at, opened_on=local_date(opened_at),
        due_at=opened_at + timedelta(hours=recovery_due_hours()), **fields)


def recovery_case_trigger(nps, experience, expectation, grade) -> str | None:
    """Why an answer opens a case — a detractor first, then KV below 1, then a failed
    grade — or None when it opens none."""
    if nps is not None and nps <= DETRACTOR_UP_TO:
        return RecoveryCase.Trigger.DETRACTOR
    if experience is not None and expectation is not None and experience < expectation:
        return RecoveryCase.Trigger.KV_BELOW_ONE
    if grade is not None and grade < REBUY_FROM - 1e-9:
        return RecoveryCase.Trigger.FAILED_GRADE
    return None


def recovery_case_opened_announce(case: RecoveryCase) -> None:
    """The ``recovery_case.opened`` webhook event, once per case whoever reports it."""
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
        trigger = recovery_case_trigger(r.nps, r.experience, r.expectation, grade) or trigger
        score_before, text, language = r.nps, notes or r.comment, r.language
        interaction = interaction or r.interaction
    elif interaction is not None:
        if interaction.kind == Interaction.Kind.COMPLAINT:
            trigger = RecoveryCase.Trigger.COMPLAINT
        text, language = notes or interaction.text, interaction.language
    if assignee is None and interaction is not None:
        agent, team = interaction.agent, interaction.team
        assignee = User.objects.filter(pk=recovery_case_assignee_id(
            agent and agent.user_id, agent and agent.left_on, team and team.lead_id,
            agent and agent.team and agent.team.lead_id)).first()
    existing = RecoveryCase.objects.filter(
        Q(survey_response=survey_response) if survey_response else
        Q(interaction=interaction) if interaction else Q(pk__in=[])).first()
    if existing is not None:
        raise RecoveryCaseExists(existing)
    cause, confidence = complaint_cause_suggest(text, language or customer.preferred_language)
    case = recovery_case_build(
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
            recovery_case_opened_announce(case)
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
    :class:`~kliento.surveys.services.InvitationRefused` and nothing changes — except that
    the quiet period does not count from the survey whose answer opened the case: asking
    again about that answer is the point of the follow-up."""
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
            base_url=base_url, quiet_period_ignores=_opening_invitation(case))
        case.follow_up_invitation = invitation
        case.save(update_fields=["follow_up_invitation"])
    return invitation, url


def _opening_invitation(case: RecoveryCase) -> Invitation | None:
    """The invitation whose answer opened the case, if a survey answer did."""
    if case.survey_response_id is None:
        return None
    return Invitation.objects.filter(response_id=case.survey_response_id).first()


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


def recovery_case_step_take(case: RecoveryCase, step: str, data: dict, *, by: User,
                            base_url: str | None = None) -> str | None:
    """One step taken on the case's page: ``step`` names it (listen, confirm, agree, grant,
    resolve, follow_up, record or assign) and ``data`` holds its form's cleaned values; ``by``
    is who takes it. Returns the follow-up link when the follow-up went out as a link to pass
    on (it exists only now), else None. A refused step raises ``ValidationError``,
    :class:`CompensationRefused` or ``InvitationRefused`` and stores nothing."""
    if step == "listen":
        recovery_case_listen(case, notes=data["listening_notes"])
    elif step == "confirm":
        recovery_case_steps_apply(case, problem_paraphrase=data["problem_paraphrase"],
                                  customer_expectation=data["customer_expectation"],
                                  customer_confirmed=data["customer_confirmed"],
                                  cause=data["cause"])
    elif step == "agree":
        recovery_case_steps_apply(case, agreed_solution=data["agreed_solution"])
    elif step == "grant":
        compensation_grant(case, granted_by=by, amount=data["amount"],
                           kind=data["kind"], reason=data["reason"], outcome=data["outcome"],
                           approved_by=data["approved_by"])
    elif step == "resolve":
        recovery_case_resolve(case)
    elif step == "follow_up":
        invitation, url = recovery_follow_up_send(case, by=by, delivery=data["delivery"],
                                                  base_url=base_url)
        if invitation.delivery == Invitation.Delivery.LINK:
            return url
    elif step == "record":
        recovery_follow_up_record(case)
    elif step == "assign":
        recovery_case_assign(case, assignee=by)
    else:
        raise ValueError(f"unknown step {step!r}")
    return None
