from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kliento.customers.models import Customer
from kliento.promises.services import promise_close
from kliento.surveys.models import Invitation, Question, Survey, SurveyResponse
from kliento.surveys.question_bank import LANGUAGES
from kliento.surveys.selectors import invitation_by_token
from kliento.surveys.services import (
    InvitationClosed,
    InvitationRefused,
    invitation_create,
    invitation_draft_save,
    invitations_for_recent_events,
    question_add,
    survey_create,
)
from kliento.surveys.submission import invitation_answer
from tests.factories import CustomerFactory, InteractionFactory, PromiseFactory
from tests.surveys.conftest import NOW, all_answers

pytestmark = pytest.mark.django_db


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def test_building_blocks_add_their_questions_in_all_five_languages(survey):
    kinds = list(survey.questions.values_list("kind", flat=True))
    assert kinds == ["nps", "expectation", "experience", "tangibles", "reliability",
                     "responsiveness", "assurance", "empathy", "comment", "choice"]
    for question in survey.questions.all():
        assert sorted(question.text) == sorted(LANGUAGES)
        assert all(text.strip() for text in question.text.values())
    nps = survey.questions.get(kind="nps")
    assert (nps.scale_low, nps.scale_high, nps.required) == (0, 10, True)
    assert survey.questions.get(kind="comment").required is False
    assert set(survey.closing_text) == set(LANGUAGES)


def test_unknown_block_and_custom_question_without_every_language_are_refused(survey):
    with pytest.raises(ValidationError, match="Unknown building blocks: nope"):
        survey_create(name="Kita", blocks=["nps", "nope"])
    with pytest.raises(ValidationError) as refused:
        question_add(survey=survey, kind="text", text={"en": "Why?", "lt": "Kodėl?"})
    assert "lv, ru, pl" in str(refused.value)
    assert not Survey.objects.filter(name="Kita").exists()
    assert survey.questions.filter(kind="text").count() == 0


def test_invitation_stores_only_a_digest_of_a_long_random_token(invited):
    invitation, url = invited
    token = token_of(url)
    assert len(token) >= 43  # 32 random bytes, base64url
    assert token not in invitation.token_digest
    assert not Invitation.objects.filter(token_digest__contains=token).exists()
    assert invitation_by_token(token) == invitation
    assert invitation_by_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert invitation.expires_at == NOW + timedelta(days=14)


def test_email_invitation_is_sent_in_the_customers_language_with_what_it_is_about(invited):
    invitation, url = invited
    assert invitation.sent_at is not None
    [message] = mail.outbox
    assert message.to == ["jurate@example.lt"]
    assert url in message.body
    assert "Jūratė Ąžuolaitė-Česnauskienė" in message.body
    assert "Rasa" in message.body  # "your call with Rasa on 12 May", in Lithuanian
    assert "Sveiki" in message.body and "telefonu" in message.body  # in Lithuanian


def test_no_invitation_without_consent_or_inside_the_quiet_period(survey, call, channels):
    silent = CustomerFactory(consents_to_surveys=False, email="x@example.lt")
    with pytest.raises(InvitationRefused) as refused:
        invitation_create(survey=survey, customer=silent, channel=channels["phone"], now=NOW)
    assert refused.value.code == "no_consent"
    invitation_create(survey=survey, customer=call.customer, channel=channels["phone"], now=NOW,
                      delivery=Invitation.Delivery.LINK)
    with pytest.raises(InvitationRefused) as refused:
        invitation_create(survey=survey, customer=call.customer, channel=channels["phone"],
                          now=NOW + timedelta(days=13), delivery=Invitation.Delivery.LINK)
    assert refused.value.code == "too_soon"
    invitation_create(survey=survey, customer=call.customer, channel=channels["phone"],
                      now=NOW + timedelta(days=15), delivery=Invitation.Delivery.LINK)
    assert Invitation.objects.count() == 2


def test_email_needs_an_address_and_a_switched_off_survey_sends_nothing(survey, channels):
    customer = CustomerFactory(email="")
    with pytest.raises(InvitationRefused) as refused:
        invitation_create(survey=survey, customer=customer, channel=channels["email"], now=NOW)
    assert refused.value.code == "no_email"
    Survey.objects.filter(pk=survey.pk).update(is_active=False)
    survey.refresh_from_db()
    with pytest.raises(InvitationRefused) as refused:
        invitation_create(survey=survey, customer=customer, channel=channels["email"],
                          delivery=Invitation.Delivery.LINK, now=NOW)
    assert refused.value.code == "survey_inactive"
    assert Invitation.objects.count() == 0 and mail.outbox == []


def test_answers_fill_the_measure_columns_and_custom_answers(survey, invited):
    invitation, _url = invited
    response = invitation_answer(invitation, all_answers(survey), now=NOW + timedelta(hours=2))
    stored = SurveyResponse.objects.get(pk=response.pk)
    assert (stored.nps, stored.expectation, stored.experience) == (9, 7, 8)
    assert (stored.tangibles, stored.reliability, stored.responsiveness, stored.assurance,
            stored.empathy) == (8, 9, 7, 8, 9)
    assert stored.comment == "Ačiū, Rasa!"
    choice = survey.questions.get(kind="choice")
    assert stored.answers == {str(choice.pk): "speed"}
    assert stored.survey == survey and stored.interaction == invitation.interaction
    assert stored.channel.code == "phone" and stored.language == "lt"
    invitation.refresh_from_db()
    assert invitation.response == stored and invitation.answered_at is not None


def test_a_link_answers_once(survey, invited):
    invitation, _url = invited
    invitation_answer(invitation, all_answers(survey), now=NOW)
    stale = Invitation.objects.get(pk=invitation.pk)
    stale.answered_at = None  # another request that loaded the invitation before the answer
    with pytest.raises(InvitationClosed) as closed:
        invitation_answer(stale, all_answers(survey, nps=0), now=NOW)
    assert closed.value.reason == "answered"
    assert SurveyResponse.objects.get().nps == 9


def test_an_expired_link_stores_nothing(survey, invited):
    invitation, _url = invited
    with pytest.raises(InvitationClosed) as closed:
        invitation_answer(invitation, all_answers(survey), now=NOW + timedelta(days=15))
    assert closed.value.reason == "expired"
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize(("kind", "value"), [("nps", 11), ("expectation", 0), ("choice", "x")])
def test_an_answer_out_of_range_stores_nothing(survey, invited, kind, value):
    invitation, _url = invited
    with pytest.raises(ValidationError) as refused:
        invitation_answer(invitation, all_answers(survey, **{kind: value}), now=NOW)
    assert refused.value.message_dict  # names the field
    assert SurveyResponse.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.answered_at is None  # the link still works


def test_required_questions_must_be_answered(survey, invited):
    invitation, _url = invited
    answers = all_answers(survey)
    nps = survey.questions.get(kind="nps")
    del answers[nps.pk]
    with pytest.raises(ValidationError) as refused:
        invitation_answer(invitation, answers, now=NOW)
    assert f"q{nps.pk}" in refused.value.message_dict
    assert SurveyResponse.objects.count() == 0


def test_the_customer_corrects_their_name(survey, invited):
    invitation, _url = invited
    invitation_answer(invitation, all_answers(survey), full_name="Jūratė Ąžuolaitė-Česnauskienė ",
                      now=NOW)
    assert Customer.objects.get().full_name == "Jūratė Ąžuolaitė-Česnauskienė"
    invitation2, _ = invitation_create(
        survey=survey, customer=invitation.customer, channel=invitation.channel,
        delivery=Invitation.Delivery.LINK, now=NOW + timedelta(days=20))
    invitation_answer(invitation2, all_answers(survey), full_name="Jūratė Ąžuolaitė",
                      now=NOW + timedelta(days=20))
    assert Customer.objects.get().full_name == "Jūratė Ąžuolaitė"


def test_a_draft_is_kept_until_the_answers_are_sent(survey, invited):
    invitation, _url = invited
    invitation_draft_save(invitation, {"q1": "8"})
    assert Invitation.objects.get().draft == {"q1": "8"}
    invitation_answer(invitation, all_answers(survey), now=NOW)
    assert Invitation.objects.get().draft == {}
    with pytest.raises(InvitationClosed):
        invitation_draft_save(invitation, {"q1": "3"})


def test_triggers_invite_once_after_resolved_interactions_and_closed_promises(channels):
    survey_create(name="Po kontakto", blocks=["csat"], trigger=Survey.Trigger.INTERACTION_RESOLVED)
    survey_create(name="Po pristatymo", blocks=["kv"], trigger=Survey.Trigger.PROMISE_CLOSED)
    survey_create(name="Rankinė", blocks=["nps"])
    opened = NOW - timedelta(days=6)
    resolved = InteractionFactory(customer=CustomerFactory(email="a@example.lt"),
                                  opened_at=opened, resolved_at=NOW - timedelta(hours=3))
    InteractionFactory(customer=CustomerFactory(email="b@example.lt", consents_to_surveys=False),
                       opened_at=opened, resolved_at=NOW - timedelta(hours=3))
    InteractionFactory(customer=CustomerFactory(email="c@example.lt"), opened_at=opened,
                       resolved_at=NOW - timedelta(days=5))  # outside the window
    promise = PromiseFactory(customer=CustomerFactory(email="d@example.lt"),
                             promised_at=NOW - timedelta(days=2), due_at=NOW - timedelta(days=1))
    promise_close(promise, done_at=NOW - timedelta(hours=30))

    assert invitations_for_recent_events(now=NOW) == 2
    assert invitations_for_recent_events(now=NOW) == 0  # running again sends nothing twice
    assert {(i.survey.name, i.customer.email) for i in Invitation.objects.all()} == {
        ("Po kontakto", "a@example.lt"), ("Po pristatymo", "d@example.lt")}
    assert Invitation.objects.get(interaction=resolved).channel == resolved.channel
    assert Invitation.objects.get(promise=promise).channel.code == "delivery"
    assert len(mail.outbox) == 2


def test_builtin_question_appears_once_per_survey(survey):
    from django.db import IntegrityError, transaction
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(survey=survey, kind="nps", text={"en": "Again?"},
                                scale_low=0, scale_high=10)
    assert datetime.now(UTC) > NOW  # the fixtures' clock is in the past


def test_the_command_sends_what_is_due(channels, capsys):
    from django.core.management import call_command
    from django.utils import timezone

    survey_create(name="Po kontakto", blocks=["csat"], trigger=Survey.Trigger.INTERACTION_RESOLVED)
    now = timezone.now()
    InteractionFactory(customer=CustomerFactory(email="a@example.lt"),
                       opened_at=now - timedelta(hours=5), resolved_at=now - timedelta(hours=1))
    call_command("surveys", "invite-due")
    assert "1 invitation sent." in capsys.readouterr().out
    call_command("surveys", "invite-due")
    assert "0 invitations sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1
