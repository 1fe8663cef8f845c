"""The API tokens page: a token is shown once, works, is named, and stops working when
revoked; nobody reaches another person's tokens."""

import re

import pytest
from django.urls import reverse

from kliento.access.roles import Role
from kliento.accounts.models import ApiToken
from kliento.accounts.services import api_token_create, api_token_user
from tests.factories import UserFactory


@pytest.fixture
def manager(db):
    return UserFactory(username="egle", role=Role.MANAGER)


def test_a_created_token_is_shown_once_and_works(client, manager):
    client.force_login(manager)
    page = client.post(reverse("accounts:tokens"), {"action": "create", "name": "CRM sync"})
    raw = re.search(r"<code data-token>(klt_[^<]+)</code>", page.content.decode()).group(1)
    assert api_token_user(raw) == manager
    assert ApiToken.objects.get().name == "CRM sync"
    again = client.get(reverse("accounts:tokens")).content.decode()
    assert raw not in again and "CRM sync" in again


def test_revoking_stops_the_token(client, manager):
    token, raw = api_token_create(user=manager, name="Senas")
    client.force_login(manager)
    client.post(reverse("accounts:tokens"), {"action": "revoke", "token": token.pk})
    assert api_token_user(raw) is None


def test_another_persons_token_is_neither_listed_nor_revocable(client, manager):
    token, raw = api_token_create(user=UserFactory(username="crm", role=Role.INTEGRATION),
                                  name="Kito")
    client.force_login(manager)
    assert "Kito" not in client.get(reverse("accounts:tokens")).content.decode()
    answer = client.post(reverse("accounts:tokens"), {"action": "revoke", "token": token.pk})
    assert answer.status_code == 404
    assert api_token_user(raw) is not None
