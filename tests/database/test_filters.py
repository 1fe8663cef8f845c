"""A list's optional filters: only those given narrow it."""

from datetime import datetime, timedelta, timezone

import pytest

from kliento.customers.models import Customer
from kliento.database.filters import filter_given
from kliento.promises.models import Promise
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_a_filter_not_given_or_left_empty_narrows_nothing():
    CustomerFactory(external_id="C-1")
    CustomerFactory(external_id="C-2")
    assert filter_given(Customer.objects.all(), external_id=None, email__iexact="").count() == 2


def test_a_false_value_still_filters():
    CustomerFactory(external_id="C-1", consents_to_surveys=True)
    CustomerFactory(external_id="C-2", consents_to_surveys=False)
    refused = filter_given(Customer.objects.all(), consents_to_surveys=False, email__iexact="")
    assert list(refused.values_list("external_id", flat=True)) == ["C-2"]


def test_a_moment_with_any_offset_python_accepts_filters_without_a_database_error():
    # +16:44 is a valid Python offset; PostgreSQL refuses offsets past ±15:59 unless the
    # moment is sent in UTC.
    moment = datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=16, minutes=44)))
    assert list(filter_given(Promise.objects.all(), due_at__lt=moment)) == []
