"""The sweeps: which signals open a recovery case, for whom, by when — and only once; and
the periodic run that also follows up and records the answers."""

from datetime import timedelta

import pytest
from django.db import IntegrityError

from kliento.recovery.models import RecoveryCase
from kliento.recovery.protocol import recovery_case_resolve
from kliento.recovery.sweeps import recovery_cases_open_for_new_signals, recovery_due_run
from kliento.surveys.models import Survey
from kliento.surveys.services import invitation_create
from tests.factories import AgentFactory, CustomerFactory, InteractionFactory, SurveyResponseFactory
from tests.recovery.conftest import NOW, agreed_case, answer_follow_up

pytestmark = pytest.mark.django_db

GOOD_FACTORS = {"tangibles": 8, "responsiveness": 8, "assurance": 8, "empathy": 8}


def test_a_detractor_opens_a_case_for_the_agent_who_served_the_customer(detractor, agent):
    assert recovery_cases_open_for_new_signals(now=NOW) == 1
    case = RecoveryCase.objects.get()
    assert (case.trigger, case.survey_response, case.interaction) == (
        "detractor", detractor, detractor.interaction)
    assert case.customer == detractor.customer and case.score_before == 3
    assert case.assignee == agent.user
    assert case.opened_at == detractor.responded_at
    assert case.due_at == detractor.responded_at + timedelta(hours=24)
    assert (case.status, case.first_contact_at) == ("open", None)
    assert (case.suggested_cause, case.cause) == ("reliability", "")


@pytest.mark.parametrize("nps", [7, 8, 9, 10])
def test_passives_and_promoters_open_nothing(customer, nps):
    SurveyResponseFactory(customer=customer, nps=nps, responded_at=NOW - timedelta(hours=1))
    assert recovery_cases_open_for_new_signals(now=NOW) == 0
    assert not RecoveryCase.objects.exists()


def test_experience_below_expectation_opens_a_kv_case(customer):
    SurveyResponseFactory(customer=customer, expectation=8, experience=5,
                          responded_at=NOW - timedelta(hours=1))
    SurveyResponseFactory(customer=CustomerFactory(), expectation=7, experience=7,
                          responded_at=NOW - timedelta(hours=1))  # KV = 1: satisfied
    recovery_cases_open_for_new_signals(now=NOW)
    case = RecoveryCase.objects.get()
    assert (case.trigger, case.customer, case.score_before) == ("kv_below_one", customer, None)
    assert case.assignee is None  # no interaction: nobody to give it to yet


def test_a_failed_grade_opens_a_case_suggesting_the_lowest_factor(customer):
    # 0.6 × 3 + 0.1 × (8 + 8 + 8 + 8) = 5.0: failed.
    SurveyResponseFactory(customer=customer, reliability=3, **GOOD_FACTORS,
                          responded_at=NOW - timedelta(hours=1))
    # 0.6 × 5 + 0.1 × 32 = 6.2: will buy again, not a failure.
    SurveyResponseFactory(customer=CustomerFactory(), reliability=5, **GOOD_FACTORS,
                          responded_at=NOW - timedelta(hours=1))
    recovery_cases_open_for_new_signals(now=NOW)
    case = RecoveryCase.objects.get()
    assert (case.trigger, case.customer) == ("failed_grade", customer)
    assert (case.suggested_cause, case.suggested_cause_confidence) == ("reliability", 0.4)


def test_a_detractor_takes_precedence_over_the_kv_and_the_grade(customer):
    SurveyResponseFactory(customer=customer, nps=2, expectation=9, experience=3, reliability=2,
                          **GOOD_FACTORS, responded_at=NOW - timedelta(hours=1))
    recovery_cases_open_for_new_signals(now=NOW)
    assert RecoveryCase.objects.get().trigger == "detractor"


def test_a_complaint_opens_a_case_with_the_cause_suggested_from_its_words(channels, agent):
    complaint = InteractionFactory(kind="complaint", agent=agent, language="pl",
                                   text="Sprzedawczyni była bardzo niegrzeczna.",
                                   opened_at=NOW - timedelta(hours=3))
    InteractionFactory(kind="question", opened_at=NOW - timedelta(hours=3))
    assert recovery_cases_open_for_new_signals(now=NOW) == 1
    case = RecoveryCase.objects.get()
    assert (case.trigger, case.interaction, case.survey_response) == (
        "complaint", complaint, None)
    assert (case.suggested_cause, case.assignee) == ("empathy", agent.user)
    assert case.opened_at == complaint.opened_at


def test_without_an_agent_the_team_lead_gets_the_case(channels, agent, lead):
    InteractionFactory(kind="complaint", team=agent.team, opened_at=NOW - timedelta(hours=3))
    recovery_cases_open_for_new_signals(now=NOW)
    assert RecoveryCase.objects.get().assignee == lead


def test_each_signal_opens_one_case_however_often_the_opener_runs(detractor, channels):
    InteractionFactory(kind="complaint", opened_at=NOW - timedelta(hours=3))
    assert recovery_cases_open_for_new_signals(now=NOW) == 2
    assert recovery_cases_open_for_new_signals(now=NOW + timedelta(hours=1)) == 0
    assert RecoveryCase.objects.count() == 2


def test_the_database_refuses_a_second_case_for_one_answer(detractor):
    recovery_cases_open_for_new_signals(now=NOW)
    with pytest.raises(IntegrityError):
        RecoveryCase.objects.create(customer=detractor.customer, trigger="detractor",
                                    survey_response=detractor, opened_at=NOW, opened_on=NOW,
                                    due_at=NOW)


def test_low_answers_about_a_complaint_already_in_recovery_open_nothing_more(channels,
                                                                             customer):
    complaint = InteractionFactory(kind="complaint", customer=customer,
                                   opened_at=NOW - timedelta(days=1))
    for nps in (2, 4):
        SurveyResponseFactory(customer=customer, interaction=complaint, nps=nps,
                              responded_at=NOW - timedelta(hours=1))
    recovery_cases_open_for_new_signals(now=NOW)
    assert list(RecoveryCase.objects.values_list("trigger", flat=True)) == ["complaint"]


def test_two_low_answers_about_one_contact_open_one_case(call):
    for nps in (2, 5):
        SurveyResponseFactory(customer=call.customer, interaction=call, nps=nps,
                              responded_at=NOW - timedelta(hours=1))
    assert recovery_cases_open_for_new_signals(now=NOW) == 1


def test_anonymous_and_old_answers_open_nothing(customer):
    SurveyResponseFactory(customer=None, nps=0, responded_at=NOW - timedelta(hours=1))
    SurveyResponseFactory(customer=customer, nps=0, responded_at=NOW - timedelta(days=8))
    assert recovery_cases_open_for_new_signals(now=NOW) == 0
    assert recovery_cases_open_for_new_signals(now=NOW, window=timedelta(days=9)) == 1


def test_the_due_time_is_configurable(detractor, settings):
    settings.KLIENTO_RECOVERY_DUE_HOURS = 4
    recovery_cases_open_for_new_signals(now=NOW)
    case = RecoveryCase.objects.get()
    assert case.due_at - case.opened_at == timedelta(hours=4)


def test_the_case_of_an_agent_who_has_left_goes_to_the_team_lead(channels, agent, lead):
    leaver = AgentFactory(team=agent.team, left_on=NOW.date())
    InteractionFactory(kind="complaint", agent=leaver, opened_at=NOW - timedelta(hours=3))
    recovery_cases_open_for_new_signals(now=NOW)
    assert RecoveryCase.objects.get().assignee == lead


def test_the_periodic_run_opens_follows_up_and_records(detractor, channels):
    case = agreed_case(detractor)
    recovery_case_resolve(case, now=NOW + timedelta(hours=2))
    fresh = CustomerFactory(email="naujas@example.lt")
    SurveyResponseFactory(customer=fresh, nps=1, responded_at=NOW + timedelta(days=20))

    run = recovery_due_run(now=NOW + timedelta(days=20, hours=1))
    assert (run.opened, run.follow_ups_sent, run.follow_ups_recorded) == (1, 1, 0)
    invitation = RecoveryCase.objects.get(pk=case.pk).follow_up_invitation
    answer_follow_up(invitation, nps=10, expectation=7, experience=10)

    run = recovery_due_run(now=NOW + timedelta(days=21))
    assert (run.opened, run.follow_ups_sent, run.follow_ups_recorded) == (0, 0, 1)
    assert RecoveryCase.objects.get(pk=case.pk).follow_up_score == 10


def test_the_periodic_run_waits_out_the_quiet_period(detractor, channels):
    case = agreed_case(detractor)
    recovery_case_resolve(case, now=NOW)
    invitation_create(survey=Survey.objects.create(name="Kita"), customer=case.customer,
                      channel=channels["email"], now=NOW + timedelta(days=2))
    assert recovery_due_run(now=NOW + timedelta(days=8)).follow_ups_sent == 0  # refused
    assert recovery_due_run(now=NOW + timedelta(days=17)).follow_ups_sent == 1
