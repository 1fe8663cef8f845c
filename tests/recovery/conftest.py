"""Shared data for the recovery tests: an agent with a team lead, and cases walked through the
protocol by the same services the pages and the API use."""

from datetime import UTC, datetime, timedelta

import pytest

from kliento.access.roles import Role
from kliento.recovery.services import (
    compensation_grant,
    recovery_case_agree,
    recovery_case_listen,
    recovery_case_open,
    recovery_case_paraphrase,
    recovery_case_resolve,
    recovery_follow_up_record,
    recovery_follow_up_send,
)
from kliento.surveys.submission import invitation_answer
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TeamFactory,
    UserFactory,
)

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def lead(db):
    return UserFactory(username="vadove", first_name="Ona", last_name="Vadovė",
                       role=Role.TEAM_LEAD)


@pytest.fixture
def agent(lead):
    """Rasa, an agent in a team led by Ona."""
    return AgentFactory(user=UserFactory(username="rasa", first_name="Rasa",
                                         last_name="Kazlauskienė", role=Role.AGENT),
                        team=TeamFactory(lead=lead))


@pytest.fixture
def manager(db):
    """Eglė, a manager: she reaches every case and approves compensation above the limit."""
    return UserFactory(username="direktore", first_name="Eglė", last_name="Direktorė",
                       role=Role.MANAGER)


@pytest.fixture
def customer(db):
    return CustomerFactory(email="jurate@example.lt", phone="+37060000001")


@pytest.fixture
def call(channels, agent, customer):
    return InteractionFactory(customer=customer, agent=agent, team=agent.team,
                              channel=channels["phone"], opened_at=NOW - timedelta(days=2))


@pytest.fixture
def detractor(call):
    """A 3 of 10 about Rasa's call, with a comment about a broken promise."""
    return SurveyResponseFactory(customer=call.customer, interaction=call, nps=3,
                                 responded_at=NOW - timedelta(hours=5),
                                 comment="Žadėjo perskambinti ir niekas nepaskambino.")


def agreed_case(response, *, at=NOW, by_user=None):
    """A case opened from an answer and walked to an agreed solution."""
    case = recovery_case_open(customer=response.customer, survey_response=response,
                              assignee=by_user, now=at)
    recovery_case_listen(case, notes="Laukė skambučio visą dieną.", now=at + timedelta(hours=1))
    recovery_case_paraphrase(case, problem="Nepaskambinome, nors žadėjome.",
                             expectation="Kad paskambintume šiandien.", confirmed=True,
                             now=at + timedelta(hours=1))
    recovery_case_agree(case, solution="Paskambinsime iki 15 val. ir pristatysime rytoj.",
                        now=at + timedelta(hours=1))
    return case


def walked_case(*, score_before: int | None, follow_up: dict | None, contact_after: timedelta,
                opened_at=NOW, grants=(), granted_by=None, customer=None):
    """A case opened at ``opened_at`` (from an answer scoring ``score_before``, or a phone call
    without one), contacted after ``contact_after``, resolved, and — given ``follow_up``
    answers by question kind — followed up and recorded. ``grants``: (amount, outcome)."""
    customer = customer or CustomerFactory(email="klientas@example.lt")
    if score_before is None:
        case = recovery_case_open(customer=customer, now=opened_at)
    else:
        response = SurveyResponseFactory(customer=customer, nps=score_before,
                                         responded_at=opened_at)
        case = recovery_case_open(customer=customer, survey_response=response, now=opened_at)
    at = opened_at + contact_after
    recovery_case_listen(case, notes="Išklausėme.", now=at)
    recovery_case_paraphrase(case, problem="Problema.", expectation="Lūkestis.",
                             confirmed=True, now=at)
    recovery_case_agree(case, solution="Sprendimas.", now=at)
    for amount, outcome in grants:
        compensation_grant(case, granted_by=granted_by, amount=amount, kind="discount",
                           reason="Atsiprašome.", outcome=outcome, now=at)
    recovery_case_resolve(case, now=at)
    if follow_up is not None:
        later = at + timedelta(days=15)  # past the survey quiet period
        invitation, _url = recovery_follow_up_send(case, now=later)
        by_kind = {question.kind: question.pk for question in invitation.survey.questions.all()}
        invitation_answer(invitation, {by_kind[kind]: value for kind, value in follow_up.items()},
                          now=later + timedelta(hours=1))
        case.refresh_from_db()
        recovery_follow_up_record(case, now=later + timedelta(hours=2))
    return case


def answer_follow_up(invitation, **by_kind):
    ids = {question.kind: question.pk for question in invitation.survey.questions.all()}
    return invitation_answer(invitation, {ids[kind]: value for kind, value in by_kind.items()},
                             now=invitation.created_at + timedelta(hours=2))
