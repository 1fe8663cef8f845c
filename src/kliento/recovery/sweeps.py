"""The sweeps a periodic job runs over recovery: open a case for every new complaint and low
answer, ask customers again some days after their case was resolved, and record their
answers. Each is safe to run again and again; one case's steps are in ``protocol``."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from kliento.interactions.models import Interaction
from kliento.measure.factors import FACTORS
from kliento.measure.scores import DETRACTOR_UP_TO
from kliento.measure.service_grade import REBUY_FROM
from kliento.recovery.causes import FACTOR_ORDER, complaint_cause_suggest
from kliento.recovery.models import RecoveryCase
from kliento.recovery.protocol import (
    recovery_case_assignee_id,
    recovery_case_build,
    recovery_case_opened_announce,
    recovery_case_trigger,
    recovery_follow_up_record,
    recovery_follow_up_send,
)
from kliento.surveys.expressions import service_grade_expression
from kliento.surveys.models import SurveyResponse
from kliento.surveys.services import InvitationRefused

# A suggestion read off the lowest factor score rather than from words is a weaker hint.
LOWEST_FACTOR_CONFIDENCE = 0.4


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
        cases.append(recovery_case_build(
            customer_id=customer_id, trigger=RecoveryCase.Trigger.COMPLAINT, interaction_id=pk,
            suggested_cause=cause or "", suggested_cause_confidence=confidence,
            assignee_id=recovery_case_assignee_id(agent_user, left_on, lead, agent_lead),
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
        cases.append(recovery_case_build(
            customer_id=customer_id,
            trigger=recovery_case_trigger(nps, experience, expectation, grade),
            survey_response_id=pk, interaction_id=interaction_id, score_before=nps,
            suggested_cause=cause, suggested_cause_confidence=confidence,
            assignee_id=recovery_case_assignee_id(agent_user, left_on, lead, agent_lead),
            opened_at=responded_at))
    opened += _cases_store(cases, source="survey_response_id")
    return opened


@transaction.atomic
def _cases_store(cases: list[RecoveryCase], *, source: str) -> int:
    """Store new cases and, in the same transaction, the webhook event for each. A case a
    concurrent run stored first is found here too: its event is recorded once all the same,
    as the deliveries are unique per case (see :func:`recovery_case_opened_announce`)."""
    RecoveryCase.objects.bulk_create(cases, batch_size=500, ignore_conflicts=True)
    sources = [getattr(case, source) for case in cases]
    for case in RecoveryCase.objects.filter(**{f"{source}__in": sources}).select_related(
            "customer", "assignee"):
        recovery_case_opened_announce(case)
    return len(cases)


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
