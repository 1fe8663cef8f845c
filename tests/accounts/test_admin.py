"""The API token admin: a record to read and revoke from, never a place to make tokens."""

import pytest
from django.urls import reverse

from kliento.accounts.models import ApiToken
from kliento.accounts.services import api_token_create, api_token_user
from tests.factories import UserFactory

CHANGELIST = "admin:accounts_apitoken_changelist"
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def test_the_list_points_to_the_command_and_finds_a_pasted_prefix(admin_client):
    token, raw = api_token_create(user=UserFactory(username="rasa"), name="CRM sync")
    api_token_create(user=UserFactory(username="jonas"), name="BI")
    page = admin_client.get(reverse(CHANGELIST))
    assert "kliento api-token create USERNAME" in page.text
    assert token.digest not in page.text and raw not in page.text
    found = admin_client.get(reverse(CHANGELIST), {"q": f"klt_{token.prefix}"})
    assert list(found.context["cl"].result_list) == [token]


def test_the_change_page_shows_the_digest_read_only(admin_client):
    token, _raw = api_token_create(user=UserFactory(), name="CRM sync")
    page = admin_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert token.digest in page.text
    assert 'name="digest"' not in page.text and 'name="name"' in page.text


def test_revoke_selected_tokens(admin_client):
    user = UserFactory()
    (first, first_raw), (second, second_raw), (_kept, kept_raw) = (
        api_token_create(user=user, name=name) for name in ("a", "b", "c"))
    response = admin_client.post(reverse(CHANGELIST), {
        "action": "revoke_selected", "_selected_action": [first.pk, second.pk]}, follow=True)
    assert "2 tokens revoked." in response.text
    assert api_token_user(first_raw) is None and api_token_user(second_raw) is None
    assert api_token_user(kept_raw) == user
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 2
