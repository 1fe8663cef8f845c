"""The assembled API, version 1: its committed OpenAPI document."""

import json
from pathlib import Path

import pytest

from tests.factories import UserFactory

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


@pytest.fixture
def api_client(client):
    client.force_login(UserFactory(username="analyst"))
    return client


@pytest.mark.django_db
def test_openapi_is_served_and_the_committed_copy_has_not_drifted(api_client):
    served = api_client.get("/api/v1/openapi.json").json()
    committed = json.loads(OPENAPI_FILE.read_text())
    assert served == committed, "run `make openapi` and commit docs/api/openapi.json"
    assert "/api/v1/metrics" in committed["paths"]
