"""Personal API tokens on /api/v1/: Bearer tokens, the session beside them, and the 401s."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from kliento.access.roles import Role
from kliento.accounts.models import ApiToken, User
from kliento.accounts.services import api_token_create, api_token_revoke, api_token_user
from kliento.surveys.models import Invitation
from kliento.surveys.services import survey_create
from tests.factories import CustomerFactory, UserFactory

METRICS = "/api/v1/metrics"
WEEK = {"start": "2026-01-05", "end": "2026-01-11"}
NOW = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():
    """A manager who reads the metrics and invites any customer to a survey."""
    return UserFactory(username="analyst", role=Role.MANAGER)


@pytest.fixture
def raw_token(analyst):
    return api_token_create(user=analyst, name="reporting script")[1]


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_a_token_looks_as_documented_and_only_its_digest_is_kept(analyst):
    token, raw = api_token_create(user=analyst, name=" nightly export ")
    assert raw.startswith("klt_") and len(raw) == 4 + 43  # 32 bytes, URL-safe base64
    assert token.prefix == raw[4:12]
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert token.name == "nightly export"
    assert api_token_create(user=analyst, name="")[1] != raw


def test_a_bearer_token_reaches_the_metrics(client, raw_token):
    response = client.get(METRICS, WEEK, headers=bearer(raw_token))
    assert response.status_code == 200, response.content
    assert response.json()["start"] == "2026-01-05"
    assert response.json()["end"] == "2026-01-11"


def test_the_signed_in_session_still_works(client, analyst):
    client.force_login(analyst)
    assert client.get(METRICS, WEEK).status_code == 200


def test_without_credentials_the_401_says_how_to_authenticate(client):
    response = client.get(METRICS, WEEK)
    assert response.status_code == 401
    detail = response.json()["detail"]
    assert "Authorization: Bearer <token>" in detail
    assert "kliento api-token create USERNAME" in detail
    assert response["WWW-Authenticate"] == 'Bearer realm="kliento"'


def test_another_scheme_counts_as_no_credentials(client, raw_token):
    response = client.get(METRICS, WEEK, headers={"Authorization": f"Token {raw_token}"})
    assert response.status_code == 401
    assert "Authorization: Bearer <token>" in response.json()["detail"]


def revoked(raw: str) -> str:
    api_token_revoke(ApiToken.objects.get(prefix=raw[4:12]))
    return raw


def deactivated(raw: str) -> str:
    User.objects.filter(api_tokens__prefix=raw[4:12]).update(is_active=False)
    return raw


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda raw: raw[:-1] + ("A" if raw[-1] != "A" else "B"), id="wrong"),
    pytest.param(lambda raw: raw.removeprefix("klt_"), id="without-scheme"),
    pytest.param(revoked, id="revoked"),
    pytest.param(deactivated, id="inactive-user"),
])
def test_a_refused_token_gets_a_401_that_says_why(client, raw_token, spoil):
    response = client.get(METRICS, WEEK, headers=bearer(spoil(raw_token)))
    assert response.status_code == 401
    detail = response.json()["detail"]
    assert "unknown or revoked" in detail
    assert "kliento api-token create USERNAME" in detail


def test_a_wrong_token_is_refused_even_beside_a_valid_session(client, analyst):
    # A script with a bad token must not quietly run as whoever is signed in.
    client.force_login(analyst)
    response = client.get(METRICS, WEEK, headers=bearer("klt_not-a-real-token"))
    assert response.status_code == 401


def test_a_token_writes_as_its_user_without_a_csrf_token(channels, raw_token, analyst):
    survey = survey_create(name="After the call", blocks=["nps"])
    customer = CustomerFactory(email="jurate@example.lt")
    strict = Client(enforce_csrf_checks=True)
    created = strict.post("/api/v1/survey-invitations", {
        "survey": survey.pk, "customer": customer.pk, "channel": "phone",
        "delivery": "link"}, content_type="application/json", headers=bearer(raw_token))
    assert created.status_code == 201, created.content
    assert Invitation.objects.get(pk=created.json()["id"]).created_by == analyst


def test_last_use_is_recorded_at_most_once_a_minute(analyst, django_assert_num_queries):
    token, raw = api_token_create(user=analyst, name="")
    assert token.last_used_at is None
    with time_machine.travel(NOW, tick=False):
        assert api_token_user(raw) == analyst
    token.refresh_from_db()
    assert token.last_used_at == NOW
    with time_machine.travel(NOW + timedelta(seconds=59), tick=False), \
            django_assert_num_queries(1):  # the lookup only, no write
        assert api_token_user(raw) == analyst
    token.refresh_from_db()
    assert token.last_used_at == NOW
    with time_machine.travel(NOW + timedelta(seconds=60), tick=False):
        api_token_user(raw)
    token.refresh_from_db()
    assert token.last_used_at == NOW + timedelta(seconds=60)


def test_a_request_records_the_last_use(client, raw_token):
    with time_machine.travel(NOW, tick=False):
        client.get(METRICS, WEEK, headers=bearer(raw_token))
    assert ApiToken.objects.get().last_used_at == NOW


def test_a_malformed_token_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert api_token_user("") is None
        assert api_token_user("Zm9vYmFy") is None


def test_revoking_twice_keeps_the_first_moment(analyst):
    token, _raw = api_token_create(user=analyst, name="")
    with time_machine.travel(NOW, tick=False):
        api_token_revoke(token)
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        api_token_revoke(token)
    token.refresh_from_db()
    assert token.revoked_at == NOW


def test_the_openapi_document_offers_both_ways_in(client, analyst):
    client.force_login(analyst)
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
