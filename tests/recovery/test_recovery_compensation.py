"""Agents grant compensation within their role's limit without asking; above it a manager
approves, or nothing is stored — in the service, on the case page and over the API."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from kliento.recovery.models import CompensationGrant, CompensationLimit
from kliento.recovery.selectors import compensation_limit_for
from kliento.recovery.services import CompensationRefused, compensation_grant
from tests.factories import UserFactory
from tests.recovery.conftest import NOW, agreed_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(detractor, agent):
    return agreed_case(detractor, by_user=agent.user)


def grant(case, user, amount, **extra):
    return compensation_grant(case, granted_by=user, amount=amount, kind="discount",
                              reason="Atsiprašome už vėlavimą.", now=NOW, **extra)


def test_an_agent_grants_up_to_the_default_limit_without_asking(case, agent):
    assert compensation_limit_for(agent.user) == Decimal("30.00")
    first = grant(case, agent.user, "20")
    second = grant(case, agent.user, Decimal("10.00"))
    assert [g.amount for g in CompensationGrant.objects.all()] == [Decimal("20.00"),
                                                                    Decimal("10.00")]
    assert (first.granted_by, first.approved_by, second.outcome) == (agent.user, None,
                                                                      "accepted")


def test_above_the_limit_is_refused_naming_the_limit_and_nothing_is_stored(case, agent):
    grant(case, agent.user, "25")
    with pytest.raises(CompensationRefused) as refused:
        grant(case, agent.user, "5.01")
    assert refused.value.limit == Decimal("30")
    assert "30.00 €" in refused.value.message and "30.01 €" in refused.value.message
    assert CompensationGrant.objects.count() == 1


def test_a_declined_offer_does_not_use_up_the_limit(case, agent):
    grant(case, agent.user, "30", outcome="declined")
    grant(case, agent.user, "30")
    assert CompensationGrant.objects.count() == 2


def test_a_manager_standing_by_approves_a_larger_grant(case, agent, manager):
    approved = grant(case, agent.user, "80", approved_by=manager)
    assert (approved.granted_by, approved.approved_by) == (agent.user, manager)


def test_an_approver_without_the_permission_is_refused(case, agent, lead):
    with pytest.raises(CompensationRefused, match="may not approve"):
        grant(case, agent.user, "80", approved_by=lead)
    assert not CompensationGrant.objects.exists()


def test_managers_have_no_limit_and_need_no_approval(case, manager):
    assert compensation_limit_for(manager) is None
    assert grant(case, manager, "500").approved_by is None


def test_the_limit_is_set_per_role_the_highest_applying(case, agent):
    seniors = Group.objects.create(name="Vyresnieji konsultantai")
    juniors = Group.objects.create(name="Naujokai")
    CompensationLimit.objects.create(group=seniors, max_amount=Decimal("75"))
    CompensationLimit.objects.create(group=juniors, max_amount=Decimal("10"))
    agent.user.groups.add(juniors)
    assert compensation_limit_for(agent.user) == Decimal("10")
    agent.user.groups.add(seniors)
    assert compensation_limit_for(agent.user) == Decimal("75")
    grant(case, agent.user, "75")
    with pytest.raises(CompensationRefused, match=r"75\.00 €"):
        grant(case, agent.user, "0.01")


def test_the_default_limit_is_a_setting(case, agent, settings):
    settings.KLIENTO_COMPENSATION_LIMIT_DEFAULT = "12.50"
    with pytest.raises(CompensationRefused, match=r"12\.50 €"):
        grant(case, agent.user, "13")


@pytest.mark.parametrize("amount", ["0", "-5", "abc"])
def test_nonsense_amounts_are_refused(case, agent, amount):
    with pytest.raises(ValidationError) as refused:
        grant(case, agent.user, amount)
    assert "amount" in refused.value.message_dict
    assert not CompensationGrant.objects.exists()


def test_compensation_comes_after_the_agreement(detractor, agent):
    from kliento.recovery.services import recovery_case_open

    case = recovery_case_open(customer=detractor.customer, survey_response=detractor, now=NOW)
    with pytest.raises(ValidationError, match="Agree a solution first"):
        grant(case, agent.user, "5")
    assert not CompensationGrant.objects.exists()


# The case page's form.

@pytest.fixture
def agent_page(client, agent):
    client.force_login(agent.user)
    return client


def post_grant(client, case, **fields):
    return client.post(reverse("recovery:detail", args=[case.pk]), {
        "step": "grant", "amount": "50", "kind": "refund", "outcome": "accepted",
        "reason": "Grąžiname pristatymo kainą.", **fields})


def test_the_form_refuses_a_grant_above_the_limit_and_stores_nothing(agent_page, case):
    page = post_grant(agent_page, case)
    assert page.status_code == 200
    html = page.content.decode()
    assert "above your limit of 30.00 € per case" in html
    assert 'role="alert"' in html
    assert not CompensationGrant.objects.exists()


def test_the_form_takes_a_managers_approval_with_their_password(agent_page, case, manager):
    manager.set_password("vadoves slaptazodis")
    manager.save()
    wrong = post_grant(agent_page, case, approver="direktore", approver_password="spėju")
    assert "user name or password is wrong" in wrong.content.decode()
    assert not CompensationGrant.objects.exists()

    approved = post_grant(agent_page, case, approver="direktore",
                          approver_password="vadoves slaptazodis")
    assert approved.status_code == 302
    stored = CompensationGrant.objects.get()
    assert (stored.amount, stored.kind, stored.approved_by) == (Decimal("50.00"), "refund",
                                                                manager)


def test_guessing_an_approvers_password_on_the_grant_form_is_throttled(agent_page, case,
                                                                      manager, settings):
    settings.AXES_FAILURE_LIMIT = 3
    manager.set_password("vadoves slaptazodis")
    manager.save()
    for number in range(2):
        post_grant(agent_page, case, approver="direktore", approver_password=f"spėju {number}")
    paused = post_grant(agent_page, case, approver="direktore", approver_password="spėju 2")
    # Said on the case page, which keeps what the agent typed.
    assert paused.status_code == 200
    assert "approval by password is paused" in paused.content.decode()
    assert "Grąžiname pristatymo kainą." in paused.content.decode()

    right = post_grant(agent_page, case, approver="direktore",
                       approver_password="vadoves slaptazodis")
    assert "approval by password is paused" in right.content.decode()
    assert not CompensationGrant.objects.exists()


def test_the_form_refuses_an_approver_without_the_permission(agent_page, case):
    UserFactory(username="kolege")  # the factory's password: "correct horse battery"
    page = post_grant(agent_page, case, approver="kolege",
                      approver_password="correct horse battery")
    assert "may not approve compensation above the limit" in page.content.decode()
    assert not CompensationGrant.objects.exists()


def test_the_form_within_the_limit_stores_the_grant(agent_page, case, agent):
    response = post_grant(agent_page, case, amount="12.30")
    assert response.status_code == 302
    assert response["Location"].endswith("#step-compensate")
    assert CompensationGrant.objects.get().amount == Decimal("12.30")


# The API.

def api_grant(client, case, **fields):
    return client.post(f"/api/v1/recovery-cases/{case.pk}/grants", {
        "amount": "50.00", "kind": "gift", "reason": "Dovanų kuponas.", **fields},
        content_type="application/json")


def test_the_api_refuses_a_grant_above_the_limit_with_403(agent_page, case):
    refused = api_grant(agent_page, case)
    assert refused.status_code == 403
    body = refused.json()
    assert (body["code"], body["limit"]) == ("above_limit", "30.00")
    assert "above your limit of 30.00 € per case" in body["detail"]
    assert not CompensationGrant.objects.exists()


def test_the_api_grants_within_the_limit(agent_page, case, agent):
    created = api_grant(agent_page, case, amount="29.99", outcome="declined")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["amount"], body["kind"], body["outcome"], body["granted_by"],
            body["approved_by"]) == ("29.99", "gift", "declined", agent.user.pk, None)


def test_a_manager_records_an_agents_larger_grant_as_its_approver(client, case, agent,
                                                                   manager):
    client.force_login(manager)
    created = api_grant(client, case, granted_by=agent.user.pk)
    assert created.status_code == 201
    stored = CompensationGrant.objects.get()
    assert (stored.granted_by, stored.approved_by) == (agent.user, manager)


def test_an_agent_cannot_record_a_grant_in_someone_elses_name(agent_page, case, lead):
    refused = api_grant(agent_page, case, amount="5", granted_by=lead.pk)
    assert refused.status_code == 403
    assert refused.json()["code"] == "not_allowed"
    assert not CompensationGrant.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-1"])
def test_the_api_refuses_nonsense_amounts_with_422(agent_page, case, amount):
    assert api_grant(agent_page, case, amount=amount).status_code == 422
    assert not CompensationGrant.objects.exists()
