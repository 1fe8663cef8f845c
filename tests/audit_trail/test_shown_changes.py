"""A record's history reads in the reader's language: field names as the model names them,
a choice's label rather than its code, dates and numbers in the language's style."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from kliento.audit_trail.presentation import ShownChange, shown_changes
from kliento.audit_trail.selectors import object_history
from kliento.promises.models import Promise
from tests.factories import PromiseFactory

pytestmark = pytest.mark.django_db
DUE = datetime(2026, 6, 12, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("language", ["en", "lt", "lv", "ru", "pl"])
def test_a_promise_change_names_its_fields_and_labels_in_the_readers_language(language):
    promise = PromiseFactory(status=Promise.Status.OPEN)
    promise.status, promise.due_at = Promise.Status.BROKEN, DUE
    promise.save()
    event = object_history(promise)[0]
    assert set(event.changes) >= {"status", "due_at"}
    with translation.override(language):
        shown = {change.field: change for change in event.shown_changes}
        status = str(Promise._meta.get_field("status").verbose_name)
        due = str(Promise._meta.get_field("due_at").verbose_name)
        assert shown[status[0].upper() + status[1:]].after == str(Promise.Status.BROKEN.label)
        assert shown[status[0].upper() + status[1:]].before == str(Promise.Status.OPEN.label)
        assert shown[due[0].upper() + due[1:]].after == date_format(
            timezone.localtime(DUE), "SHORT_DATETIME_FORMAT")  # as the “When” column
    if language != "en":  # translated, not the column names or codes
        assert "status" not in shown and "broken" not in {c.after for c in shown.values()}


def test_values_without_a_model_field_still_read_in_the_language():
    with translation.override("lt"):
        assert shown_changes("nowhere.nothing", {
            "amount": [Decimal("5.50"), 1234.5], "day": ["2026-06-12", None],
            "flag": [True, False], "ids": [[3, 1], []], "created": "x"}) == [
            ShownChange("amount", "5,50", "1\xa0234,5"),
            ShownChange("day", date_format(datetime(2026, 6, 12).date(), "SHORT_DATE_FORMAT"),
                        "—"),
            ShownChange("flag", "taip", "ne"), ShownChange("ids", "3, 1", "—"),
            ShownChange("created", "—", "x")]


def test_the_rows_foreign_keys_point_to_are_named(django_assert_max_num_queries):
    promise = PromiseFactory()
    first, second = promise.customer, PromiseFactory().customer
    promise.customer = second
    promise.save()
    with django_assert_max_num_queries(2):  # the events, then one query per related model
        changed, created = object_history(promise)[:2]
    assert {"customer": [first.pk, second.pk]}.items() <= changed.changes.items()
    shown = {change.field: change for change in changed.shown_changes}
    assert (shown["Customer"].before, shown["Customer"].after) == (first.full_name,
                                                                   second.full_name)
    # The creation logs the column (customer_id): named all the same.
    assert {change.field: change.after for change in created.shown_changes}["Customer"] == (
        first.full_name)


def test_a_foreign_key_not_looked_up_shows_its_key_not_a_number():
    with translation.override("lt"):
        assert shown_changes("promises.promise", {"customer": [1234, None]}) == [
            ShownChange("Klientas", "1234", "—")]
