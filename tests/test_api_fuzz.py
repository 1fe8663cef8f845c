"""Schemathesis sends the API what its OpenAPI document allows — and much it does not — and
no request may end in a server error. Runs on SQLite and PostgreSQL like everything else."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from kliento.accounts.services import api_token_create
from kliento.interactions.services import channels_ensure
from tests.factories import CustomerFactory, UserFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def bearer(db):
    # The real WSGI handler closes "old" connections when a request ends, and inside a test's
    # transaction every connection looks old: Django's own test client turns that off, so
    # does this test (else PostgreSQL's connection is closed under the test's feet).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield _bearer()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _bearer():
    channels_ensure()
    CustomerFactory(external_id="C-1", email="c1@example.lt")
    user = UserFactory(username="fuzzer", is_staff=True, is_superuser=True)
    _token, raw = api_token_create(user=user, name="schemathesis")
    return {"Authorization": f"Bearer {raw}"}


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_request_makes_the_server_fail(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error])
