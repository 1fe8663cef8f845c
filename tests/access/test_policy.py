"""The one authorisation question, asked of every role about team A's records."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kliento.access.policy import authorize, authorize_handover, may, visible
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse


def test_an_agent_reaches_their_own_promise_and_not_another_teams(org):
    assert may(org.agent_a.user, "promises.change_promise", org.promise_a)
    assert not may(org.agent_b.user, "promises.change_promise", org.promise_a)


def test_another_teams_promise_is_not_found_rather_than_forbidden(org):
    """Existence is private across teams: 404, so ids cannot be probed."""
    with pytest.raises(Http404):
        authorize(org.agent_b.user, "promises.change_promise", org.promise_a)


def test_a_lead_reaches_their_teams_promise_but_may_not_email_its_customer(org):
    assert may(org.lead, "promises.change_promise", org.promise_a)
    with pytest.raises(PermissionDenied):  # sees it, so 403 and not 404
        authorize(org.lead, "promises.notify_customer", org.promise_a)
    assert may(org.agent_a.user, "promises.notify_customer", org.promise_a)
    assert may(org.manager, "promises.notify_customer", org.promise_a)


def test_a_role_without_the_permission_is_forbidden_even_for_nothing_in_particular(org):
    with pytest.raises(PermissionDenied):
        authorize(org.integration, "promises.view_promise")
    with pytest.raises(PermissionDenied):
        authorize(org.auditor, "customers.view_customer", org.customer_a)


@pytest.mark.parametrize(("person", "expected"), [
    ("agent_a", {"C-A"}), ("agent_b", {"C-B"}), ("lead", {"C-A"}), ("manager", {"C-A", "C-B"}),
    ("auditor", set()), ("integration", set()),
])
def test_customers_listed_are_those_the_person_or_their_team_served(org, person, expected):
    user = getattr(org, person)
    user = getattr(user, "user", user)
    listed = visible(user, "customers.view_customer", Customer.objects.all())
    assert set(listed.values_list("external_id", flat=True)) == expected


def test_a_customer_served_twice_is_listed_once(org, channels):
    Interaction.objects.create(customer=org.customer_a, agent=org.agent_a, team=org.team_a,
                               channel=channels["email"], opened_at=org.call_a.opened_at,
                               opened_on=org.call_a.opened_on)
    listed = visible(org.agent_a.user, "customers.view_customer", Customer.objects.all())
    assert list(listed.values_list("external_id", flat=True)) == ["C-A"]


def test_lists_and_single_objects_agree_for_every_role(org):
    """The list a person sees and the objects they may open come from one condition."""
    people = [org.agent_a.user, org.agent_b.user, org.lead, org.manager, org.auditor,
              org.integration]
    for model, permission in [(Promise, "promises.view_promise"),
                              (Customer, "customers.view_customer"),
                              (Interaction, "interactions.view_interaction"),
                              (SurveyResponse, "surveys.view_surveyresponse")]:
        for user in people:
            listed = set(visible(user, permission, model.objects.all()))
            openable = {obj for obj in model.objects.all() if may(user, permission, obj)}
            assert listed == openable, (model.__name__, user.username)


def test_a_deactivated_user_reaches_nothing(org):
    org.agent_a.user.is_active = False
    org.agent_a.user.save()
    assert not may(org.agent_a.user, "promises.view_promise", org.promise_a)


def test_an_agent_cannot_hand_work_to_someone_else_nor_take_it(org):
    authorize_handover(org.agent_a.user, org.agent_a.user)
    with pytest.raises(PermissionDenied):
        authorize_handover(org.agent_a.user, org.agent_b.user)
    with pytest.raises(PermissionDenied):
        authorize_handover(org.agent_b.user, org.agent_a.user)


def test_a_lead_hands_work_within_their_team_and_a_manager_to_anyone(org):
    authorize_handover(org.lead, org.agent_a.user)
    with pytest.raises(PermissionDenied):
        authorize_handover(org.lead, org.agent_b.user)
    authorize_handover(org.manager, org.agent_b.user)
