from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from kliento.notices.models import Notice
from kliento.notices.selectors import notices_for
from kliento.notices.services import notice_deliver_once, notice_mark_read
from tests.factories import PromiseFactory, UserFactory

NOW = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
REMINDER = Notice.Kind.PROMISE_REMINDER


@pytest.fixture
def rasa(db):
    return UserFactory(username="rasa", email="rasa@example.lt")


def deliver(user, promise, kind=REMINDER, now=NOW):
    return notice_deliver_once(recipient=user, kind=kind, promise=promise,
                               subject="Promise due", body="Call Jūratė back.", now=now)


def test_a_promise_has_at_most_one_notice_of_each_once_only_kind(rasa):
    """The database itself refuses the second one: this is what makes sweeps exactly-once,
    even when two of them race past the check that looks for an existing notice."""
    promise = PromiseFactory()
    Notice.objects.create(recipient=rasa, kind=REMINDER, promise=promise, subject="first")
    with pytest.raises(IntegrityError), transaction.atomic():
        Notice.objects.create(recipient=UserFactory(), kind=REMINDER, promise=promise,
                              subject="second")
    Notice.objects.create(recipient=rasa, kind=Notice.Kind.PROMISE_ESCALATION,
                          promise=promise, subject="another kind")
    Notice.objects.create(recipient=rasa, kind=REMINDER, promise=PromiseFactory(),
                          subject="another promise")
    assert Notice.objects.count() == 3


def test_delivering_again_creates_nothing_and_sends_nothing(rasa):
    promise = PromiseFactory()
    first = deliver(rasa, promise)
    assert first is not None and first.emailed_at == NOW
    assert deliver(rasa, promise, now=NOW.replace(hour=12)) is None
    assert list(Notice.objects.all()) == [first]
    [message] = mail.outbox
    assert (message.to, message.subject, message.body) == (
        ["rasa@example.lt"], "Promise due", "Call Jūratė back.")


def test_a_long_subject_is_cut_to_fit(rasa):
    notice = notice_deliver_once(recipient=rasa, kind=REMINDER, promise=PromiseFactory(),
                                 subject="Ž" * 300, body="")
    notice.refresh_from_db()
    assert notice.subject == "Ž" * 200


def test_notices_for_a_user_newest_first_unread_by_default(rasa):
    older = deliver(rasa, PromiseFactory(), now=NOW.replace(hour=9))
    newer = deliver(rasa, PromiseFactory(), now=NOW.replace(hour=10))
    read = deliver(rasa, PromiseFactory(), now=NOW.replace(hour=8))
    deliver(UserFactory(), PromiseFactory())
    notice_mark_read(read, now=NOW)
    assert list(notices_for(rasa)) == [newer, older]
    assert list(notices_for(rasa, unread_only=False)) == [newer, older, read]


def test_reading_again_keeps_the_first_time(rasa):
    notice = deliver(rasa, PromiseFactory())
    notice_mark_read(notice, now=NOW.replace(hour=12))
    notice_mark_read(Notice.objects.get(pk=notice.pk), now=NOW.replace(hour=13))
    notice.refresh_from_db()
    assert notice.read_at == NOW.replace(hour=12)


def test_notices_for_loads_promise_and_customer_in_one_query(rasa, django_assert_num_queries):
    for _ in range(3):
        deliver(rasa, PromiseFactory())
    with django_assert_num_queries(1):
        assert len({notice.promise.customer.full_name for notice in notices_for(rasa)}) == 1
