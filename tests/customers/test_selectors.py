"""The customer search: names found whatever their accents and case, in the five languages
customers write them in; e-mail, phone digits and external id as well."""

import pytest

from kliento.customers.selectors import customer_list, customer_search
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    """One customer per language, each name written as the customer writes it."""
    return {
        "lt": CustomerFactory(full_name="Gintarė Žuolaitė", email="g.zuolaite@example.lt",
                              phone="+370 612 34567", external_id="LT-1"),
        "lv": CustomerFactory(full_name="Ģirts Ozoliņš", email="girts@example.lv"),
        "pl": CustomerFactory(full_name="Łukasz Ślęzak-Żółć", email="lukasz@example.pl"),
        "ru": CustomerFactory(full_name="Алёна ИВАНОВА", email="alena@example.ru"),
        "en": CustomerFactory(full_name="Chloë O'Brien", email="chloe@example.ie"),
    }


@pytest.mark.parametrize(("language", "query"), [
    ("lt", "Zuolaite"), ("lt", "žuolaitė"), ("lt", "GINTARE ZUO"),
    ("lv", "girts ozolins"), ("lv", "OZOLIŅŠ"),
    ("pl", "slezak-zolc"), ("pl", "łukasz"), ("pl", "LUKASZ"),
    ("ru", "алена иванова"), ("ru", "Иванова"), ("ru", "АЛЁНА"),
    ("en", "chloe o'brien"), ("en", "CHLOË"),
])
def test_a_name_is_found_whatever_its_accents_and_case(people, language, query):
    assert customer_search(query) == [people[language]]


def test_e_mail_phone_digits_and_external_id_find_the_customer(people):
    assert customer_search("G.ZUOLAITE@example.lt") == [people["lt"]]
    assert customer_search("612-34567") == [people["lt"]]
    assert customer_search("61234567") == [people["lt"]]
    assert customer_search("LT-1") == [people["lt"]]
    assert customer_search("LT-") == []  # an external id is matched whole


def test_nothing_is_found_for_an_empty_query_or_a_stranger(people):
    assert customer_search("   ") == []
    assert customer_search("Jonaitis") == []
    assert customer_search("1234") == []  # too few digits to look for in phone numbers


def test_the_list_filter_searches_the_same_way(people):
    assert list(customer_list(search="zuolaite")) == [people["lt"]]
    assert list(customer_list(search="ivanova@")) == []
    assert list(customer_list(search="иванова")) == [people["ru"]]
