"""A list's optional filters: only those given narrow it."""

import pytest

from kliento.customers.models import Customer
from kliento.database.filters import filter_given
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
