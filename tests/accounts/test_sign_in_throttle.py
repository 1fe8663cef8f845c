"""Password guessing is throttled per account and per address, on the sign-in page and the
admin's, with a page that says why and for how long."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kliento.accounts.sign_in_throttle import client_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"  # the factory's


@pytest.fixture(autouse=True)
def three_tries(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(client, username, password, address="203.0.113.7", url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_guessing_an_accounts_password_locks_it_out_even_with_the_right_one(client):
    UserFactory(username="ona")
    assert sign_in(client, "ona", "spėju 1").status_code == 200  # the form, with its error
    assert sign_in(client, "ona", "spėju 2").status_code == 200
    locked = sign_in(client, "ona", "spėju 3")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "Try again in 15 minutes" in locked.content.decode()

    refused = sign_in(client, "ona", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_guessing_one_account_from_many_addresses_still_locks_the_account(client):
    UserFactory(username="ona")
    for number in range(3):
        sign_in(client, "ona", "spėju", address=f"198.51.100.{number}")
    assert sign_in(client, "ona", PASSWORD, address="192.0.2.99").status_code == 429


def test_guessing_many_accounts_from_one_address_locks_the_address(client):
    UserFactory(username="ona")
    for name in ("jonas", "petras", "ieva"):
        sign_in(client, name, "spėju")
    assert sign_in(client, "ona", PASSWORD).status_code == 429
    # Another address signs the same account in: only the guessing address was locked.
    assert sign_in(client, "ona", PASSWORD, address="192.0.2.99").status_code == 302


def test_guessing_on_the_admin_sign_in_is_locked_out_too(client):
    UserFactory(username="ona", is_staff=True)
    admin_login = reverse("admin:login")
    for number in range(3):
        sign_in(client, "ona", f"spėju {number}", url=admin_login)
    assert sign_in(client, "ona", PASSWORD, url=admin_login).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_the_cool_off(client):
    UserFactory(username="ona")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for number in range(3):
            sign_in(client, "ona", f"spėju {number}")
        assert sign_in(client, "ona", PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert sign_in(client, "ona", PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_still_signs_in(client):
    UserFactory(username="ona")
    sign_in(client, "ona", "spėju")
    assert sign_in(client, "ona", PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_is_the_proxys_entry_not_a_forged_one(rf, settings):
    forged = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}
    settings.KLIENTO_PROXY_COUNT = 0
    assert client_address(rf.get("/", **forged)) == "10.0.0.2"
    settings.KLIENTO_PROXY_COUNT = 1
    # The client wrote 1.2.3.4 itself; the proxy appended the address it saw.
    assert client_address(rf.get("/", **forged)) == "203.0.113.7"
