"""A customer's status link stops showing the promise KLIENTO_PROMISE_LINK_DAYS after the
promise was due or closed, whichever is later, with a page that says so."""

from datetime import timedelta

import pytest
import time_machine

from kliento.promises.services import promise_create, promise_update
from tests.promises.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def promise(customer, rasa, settings):
    settings.KLIENTO_PROMISE_LINK_DAYS = 30
    with time_machine.travel(NOW, tick=False):
        return promise_create(customer=customer, owner=rasa, kind="callback",
                              description="Paskambinti", due_at=NOW + timedelta(days=2),
                              notify_customer=False)


def path_of(promise):
    return promise.status_url.removeprefix("http://localhost:8000") + "?lang=en"


def test_an_old_status_link_stops_showing_a_closed_promise(client, promise):
    closed_at = NOW + timedelta(days=5)  # closed late, after it was due
    with time_machine.travel(closed_at, tick=False):
        promise_update(promise, status="late", done_at=closed_at)
    with time_machine.travel(closed_at + timedelta(days=29), tick=False):
        assert client.get(path_of(promise)).status_code == 200
    with time_machine.travel(closed_at + timedelta(days=31), tick=False):
        expired = client.get(path_of(promise))
    assert expired.status_code == 410
    html = expired.content.decode()
    assert "This link has expired" in html
    assert "Paskambinti" not in html  # nothing of the promise is shown


def test_an_open_promises_link_keeps_working_however_late(client, promise):
    with time_machine.travel(NOW + timedelta(days=400), tick=False):
        assert client.get(path_of(promise)).status_code == 200
