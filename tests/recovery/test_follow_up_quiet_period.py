"""A case's follow-up survey is not blocked by the quiet period counted from the survey whose
answer opened the case; any other recent survey still blocks it."""

from datetime import timedelta

import pytest

from kliento.recovery.models import RecoveryCase
from kliento.recovery.protocol import recovery_case_resolve, recovery_follow_up_send
from kliento.surveys.models import Invitation, Survey
from kliento.surveys.services import InvitationRefused, invitation_create, survey_create
from kliento.surveys.submission import invitation_answer
from tests.recovery.conftest import NOW, agreed_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_invitation(customer, channels, settings):
    """Jūratė was asked on day 0 and answered 2 of 10."""
    settings.KLIENTO_SURVEY_QUIET_DAYS = 14
    survey = survey_create(name="Po skambučio", blocks=["nps"])
    question = survey.questions.get(kind="nps")
    invitation, _url = invitation_create(survey=survey, customer=customer,
                                         channel=channels["email"], now=NOW)
    response = invitation_answer(invitation, {question.pk: 2}, now=NOW + timedelta(hours=1))
    return invitation, response


def test_the_follow_up_of_a_fresh_case_goes_out_within_the_quiet_period(answered_invitation):
    _invitation, response = answered_invitation
    case = agreed_case(response, at=NOW + timedelta(hours=2))
    recovery_case_resolve(case, now=NOW + timedelta(days=1))

    follow_up, _url = recovery_follow_up_send(case, now=NOW + timedelta(days=8))

    assert RecoveryCase.objects.get().follow_up_invitation == follow_up
    assert Invitation.objects.count() == 2


def test_another_recent_survey_still_blocks_the_follow_up(answered_invitation, channels):
    _invitation, response = answered_invitation
    case = agreed_case(response, at=NOW + timedelta(hours=2))
    recovery_case_resolve(case, now=NOW + timedelta(days=1))
    invitation_create(survey=Survey.objects.create(name="Kita"), customer=case.customer,
                      channel=channels["email"], now=NOW + timedelta(days=15))
    with pytest.raises(InvitationRefused) as refused:
        recovery_follow_up_send(case, now=NOW + timedelta(days=16))
    assert refused.value.code == "too_soon"
    assert RecoveryCase.objects.get().follow_up_invitation is None
