"""A token scoped to a role acts with at most that role's permissions — and never with more
than its person's: every authorisation check of the request is bounded by both."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from kliento.access.policy import may
from kliento.access.roles import Role
from kliento.accounts.models import ApiToken
from kliento.accounts.services import api_token_create, api_token_user
from tests.factories import UserFactory


def _get(client, raw: str, path: str):
    return client.get(path, headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def manager(db):
    # A manager who also runs the shop's integration scripts.
    return UserFactory(username="egle", role=(Role.MANAGER, Role.INTEGRATION))


def test_a_token_scoped_to_the_integration_role_cannot_read_customers(client, manager):
    _token, raw = api_token_create(user=manager, name="Kasos sinchronizacija",
                                   role=Group.objects.get(name=Role.INTEGRATION))
    assert _get(client, raw, "/api/v1/customers").status_code == 403
    assert _get(client, raw, "/api/v1/surveys").status_code == 200  # integration may


def test_an_unscoped_token_may_do_what_its_person_may(client, manager):
    _token, raw = api_token_create(user=manager, name="Viskas")
    assert _get(client, raw, "/api/v1/customers").status_code == 200


def test_a_role_never_widens_a_token_beyond_its_person(db):
    agent = UserFactory(username="rasa", role=Role.AGENT)
    _token, raw = api_token_create(user=agent, role=Group.objects.get(name=Role.MANAGER))
    user = api_token_user(raw)
    assert may(user, "customers.view_customer")  # both the agent and the manager role may
    assert not may(user, "customers.add_customer")  # only the role may: not enough


def test_the_scope_binds_superusers_too(db):
    boss = UserFactory(username="savininkas", is_superuser=True)
    _token, raw = api_token_create(user=boss, role=Group.objects.get(name=Role.AUDITOR))
    user = api_token_user(raw)
    assert may(user, "audits.add_audit")
    assert not may(user, "promises.add_promise")
    assert user.get_all_permissions() <= {
        f"{ct}.{code}" for ct, code in Group.objects.get(name=Role.AUDITOR)
        .permissions.values_list("content_type__app_label", "codename")}


def test_the_page_offers_only_the_persons_roles_and_records_the_choice(client, manager):
    client.force_login(manager)
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert f">{Role.INTEGRATION}</option>" in page and f">{Role.AUDITOR}</option>" not in page
    refused = client.post(reverse("accounts:tokens"), {
        "action": "create", "name": "Auditui", "role": Group.objects.get(name=Role.AUDITOR).pk})
    assert refused.status_code == 200 and not ApiToken.objects.exists()
    client.post(reverse("accounts:tokens"), {
        "action": "create", "name": "Kasai",
        "role": Group.objects.get(name=Role.INTEGRATION).pk})
    assert ApiToken.objects.get().role.name == Role.INTEGRATION
    assert "Kasai" in client.get(reverse("accounts:tokens")).content.decode()


def test_a_role_with_tokens_cannot_be_deleted_quietly(db, manager):
    from django.db.models import ProtectedError
    role = Group.objects.get(name=Role.INTEGRATION)
    api_token_create(user=manager, role=role)
    with pytest.raises(ProtectedError):
        role.delete()
