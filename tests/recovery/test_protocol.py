"""A case walks the protocol of the seeds in order: listen, paraphrase and have the customer
confirm, agree, compensate if warranted, follow up — and a step out of order stores nothing.
A case opened by hand starts the protocol too."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kliento.interactions.models import Interaction
from kliento.recovery.models import RecoveryCase
from kliento.recovery.protocol import (
    FOLLOW_UP_SURVEY_NAME,
    RecoveryCaseExists,
    recovery_case_agree,
    recovery_case_cause_set,
    recovery_case_listen,
    recovery_case_open,
    recovery_case_paraphrase,
    recovery_case_resolve,
    recovery_case_step_take,
    recovery_case_steps_apply,
    recovery_follow_up_record,
    recovery_follow_up_send,
)
from kliento.recovery.sweeps import recovery_cases_open_for_new_signals
from kliento.surveys.models import Invitation, Survey
from kliento.surveys.services import InvitationRefused, invitation_create
from tests.factories import CustomerFactory, InteractionFactory
from tests.recovery.conftest import NOW, agreed_case, answer_follow_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(detractor):
    recovery_cases_open_for_new_signals(now=NOW)
    return RecoveryCase.objects.get()


def test_the_whole_protocol_from_a_detractor_to_a_recovered_customer(case, agent):
    contact = case.opened_at + timedelta(hours=2)
    recovery_case_listen(case, notes="Laukė skambučio visą dieną, niekas nepaskambino.",
                         now=contact)
    assert (case.status, case.first_contact_at, case.first_contact_seconds) == (
        "in_progress", contact, 7200)

    recovery_case_paraphrase(case, problem="Žadėjome perskambinti ir nepaskambinome.",
                             expectation="Kad kas nors paskambintų šiandien.", confirmed=True,
                             now=contact)
    recovery_case_cause_set(case, cause="reliability")
    recovery_case_agree(case, solution="Rasa paskambins iki 15 val.", now=contact)
    recovery_case_resolve(case, now=contact + timedelta(hours=3))
    assert (case.status, case.resolved_at) == ("resolved", contact + timedelta(hours=3))

    invitation, url = recovery_follow_up_send(case, by=agent.user,
                                              now=contact + timedelta(days=20))
    assert url.startswith("http://localhost:8000/s/")
    assert mail.outbox[0].to == ["jurate@example.lt"]
    assert invitation.survey.name == FOLLOW_UP_SURVEY_NAME
    assert [q.kind for q in invitation.survey.questions.all()] == [
        "nps", "expectation", "experience", "comment"]
    assert invitation.interaction == case.interaction

    answer_follow_up(invitation, nps=9, expectation=6, experience=9)
    case.refresh_from_db()
    recovery_follow_up_record(case, now=contact + timedelta(days=21))
    stored = RecoveryCase.objects.get()
    assert (stored.status, stored.score_before, stored.follow_up_score) == ("closed", 3, 9)
    assert stored.follow_up_response == invitation.response
    assert stored.closed_at == contact + timedelta(days=21)
    # The answer to the follow-up does not open a case of its own.
    assert recovery_cases_open_for_new_signals(now=contact + timedelta(days=21)) == 0


def test_later_notes_keep_the_time_of_the_first_contact(case):
    recovery_case_listen(case, notes="Pirma.", now=NOW)
    recovery_case_listen(case, notes="Pirma. Ir dar.", now=NOW + timedelta(days=1))
    stored = RecoveryCase.objects.get()
    assert (stored.first_contact_at, stored.listening_notes) == (NOW, "Pirma. Ir dar.")


def test_empty_notes_are_refused(case):
    with pytest.raises(ValidationError) as refused:
        recovery_case_listen(case, notes="   ", now=NOW)
    assert "listening_notes" in refused.value.message_dict
    assert RecoveryCase.objects.get().first_contact_at is None


def test_paraphrasing_comes_after_listening(case):
    with pytest.raises(ValidationError, match="Listen first"):
        recovery_case_paraphrase(case, problem="P.", expectation="L.", confirmed=True, now=NOW)
    assert RecoveryCase.objects.get().problem_paraphrase == ""


def test_an_agreement_needs_the_customers_confirmation(case):
    recovery_case_listen(case, notes="Išklausėme.", now=NOW)
    recovery_case_paraphrase(case, problem="P.", expectation="L.", confirmed=False, now=NOW)
    with pytest.raises(ValidationError, match="confirm"):
        recovery_case_agree(case, solution="S.", now=NOW)
    assert RecoveryCase.objects.get().agreed_solution == ""


def test_rewording_withdraws_the_confirmation_until_it_is_given_again(case):
    recovery_case_listen(case, notes="Išklausėme.", now=NOW)
    recovery_case_paraphrase(case, problem="P.", expectation="L.", confirmed=True, now=NOW)
    later = NOW + timedelta(minutes=5)
    recovery_case_paraphrase(case, problem="P.", expectation="L.", confirmed=True, now=later)
    assert RecoveryCase.objects.get().customer_confirmed_at == NOW  # the same words
    recovery_case_paraphrase(case, problem="P, tiksliau.", expectation="L.", confirmed=False,
                             now=later)
    assert RecoveryCase.objects.get().customer_confirmed_at is None
    recovery_case_paraphrase(case, problem="P, tiksliau.", expectation="L.", confirmed=True,
                             now=later)
    assert RecoveryCase.objects.get().customer_confirmed_at == later


def test_resolving_needs_an_agreed_solution(case):
    with pytest.raises(ValidationError, match="Agree a solution"):
        recovery_case_resolve(case, now=NOW)
    assert RecoveryCase.objects.get().status == "open"


def test_the_cause_of_a_complaint_is_written_on_the_complaint(channels, customer):
    complaint = InteractionFactory(kind="complaint", customer=customer, opened_at=NOW)
    case = recovery_case_open(customer=customer, interaction=complaint, now=NOW)
    recovery_case_cause_set(case, cause="tangibles")
    assert Interaction.objects.get(pk=complaint.pk).cause == "tangibles"
    with pytest.raises(ValidationError):
        recovery_case_cause_set(case, cause="price")
    assert Interaction.objects.get(pk=complaint.pk).cause == "tangibles"


def test_a_low_score_about_a_question_leaves_the_question_unclassified(case, call):
    recovery_case_cause_set(case, cause="reliability")
    assert RecoveryCase.objects.get().cause == "reliability"
    assert Interaction.objects.get(pk=call.pk).cause is None  # only complaints carry a cause


def test_the_follow_up_waits_for_the_resolution(detractor):
    case = agreed_case(detractor)
    with pytest.raises(ValidationError, match="Resolve the case first"):
        recovery_follow_up_send(case, now=NOW + timedelta(days=20))
    assert not Invitation.objects.exists()


def test_a_refused_follow_up_changes_nothing(detractor, channels):
    case = agreed_case(detractor)
    recovery_case_resolve(case, now=NOW + timedelta(hours=2))
    survey = Survey.objects.create(name="Kita apklausa")
    invitation_create(survey=survey, customer=case.customer, channel=channels["email"],
                      now=NOW + timedelta(days=1))
    with pytest.raises(InvitationRefused) as refused:
        recovery_follow_up_send(case, now=NOW + timedelta(days=3))
    assert refused.value.code == "too_soon"
    assert RecoveryCase.objects.get().follow_up_invitation is None
    assert Invitation.objects.count() == 1


def test_a_follow_up_cannot_be_recorded_before_the_answer(detractor):
    case = agreed_case(detractor)
    recovery_case_resolve(case, now=NOW + timedelta(hours=2))
    recovery_follow_up_send(case, now=NOW + timedelta(days=20))
    with pytest.raises(ValidationError, match="not answered"):
        recovery_follow_up_record(case, now=NOW + timedelta(days=21))
    assert RecoveryCase.objects.get().status == "resolved"


def test_a_closed_case_takes_no_more_steps(detractor):
    case = agreed_case(detractor)
    recovery_case_resolve(case, now=NOW + timedelta(hours=2))
    invitation, _url = recovery_follow_up_send(case, now=NOW + timedelta(days=20))
    answer_follow_up(invitation, nps=6, expectation=8, experience=6)
    case.refresh_from_db()
    recovery_follow_up_record(case, now=NOW + timedelta(days=21))
    with pytest.raises(ValidationError, match="closed"):
        recovery_case_listen(case, notes="Dar kartą.", now=NOW + timedelta(days=22))
    assert RecoveryCase.objects.get().listening_notes == "Laukė skambučio visą dieną."


def test_several_steps_at_once_are_all_or_nothing(case):
    with pytest.raises(ValidationError, match="confirm"):
        recovery_case_steps_apply(case, listening_notes="Išklausėme.",
                                  agreed_solution="Sprendimas be patvirtinimo.", now=NOW)
    stored = RecoveryCase.objects.get()
    assert (stored.listening_notes, stored.first_contact_at, stored.status) == ("", None, "open")

    case, url = recovery_case_steps_apply(
        stored, listening_notes="Išklausėme.", problem_paraphrase="P.",
        customer_expectation="L.", customer_confirmed=True, cause="empathy",
        agreed_solution="S.", resolved=True, now=NOW)
    stored = RecoveryCase.objects.get()
    assert (stored.status, stored.cause, stored.agreed_solution, url) == (
        "resolved", "empathy", "S.", None)


def test_the_follow_up_goes_once(detractor):
    case = agreed_case(detractor)
    recovery_case_resolve(case, now=NOW)
    recovery_follow_up_send(case, now=NOW + timedelta(days=20))
    stale = RecoveryCase.objects.get(pk=case.pk)
    stale.follow_up_invitation = None  # a second click, from a page loaded before the first
    with pytest.raises(ValidationError, match="sent already"):
        recovery_follow_up_send(stale, now=NOW + timedelta(days=40))
    assert Invitation.objects.count() == 1


def test_a_case_opened_by_hand_while_listening_counts_as_the_first_contact(customer, agent):
    case = recovery_case_open(customer=customer, notes="Kurjeris neatvyko, nors žadėjote.",
                              assignee=agent.user, now=NOW)
    assert (case.trigger, case.status, case.assignee) == ("manual", "in_progress", agent.user)
    assert (case.first_contact_at, case.first_contact_seconds) == (NOW, 0)
    assert case.listening_notes == "Kurjeris neatvyko, nors žadėjote."
    assert case.suggested_cause == "reliability"


def test_opening_a_signal_twice_by_hand_points_to_the_first_case(detractor):
    first = recovery_case_open(customer=detractor.customer, survey_response=detractor, now=NOW)
    assert (first.trigger, first.score_before, first.assignee) == (
        "detractor", 3, detractor.interaction.agent.user)
    with pytest.raises(RecoveryCaseExists) as exists:
        recovery_case_open(customer=detractor.customer, survey_response=detractor, now=NOW)
    assert exists.value.case == first
    assert RecoveryCase.objects.count() == 1


def test_another_customers_signal_is_refused(detractor):
    with pytest.raises(Exception, match="another customer"):
        recovery_case_open(customer=CustomerFactory(), survey_response=detractor, now=NOW)
    assert not RecoveryCase.objects.exists()


def test_an_unknown_step_from_the_page_is_refused_and_changes_nothing(case, agent):
    with pytest.raises(ValueError, match="unknown step"):
        recovery_case_step_take(case, "reopen", {}, by=agent.user)
    assert RecoveryCase.objects.get(pk=case.pk).status == case.status == "open"
