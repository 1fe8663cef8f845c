"""Name days in Lithuania, Latvia and Poland: a first name as written, diacritics included,
finds its days — two for some names — and the same letters without their marks do not; a
manager adds what the calendars lack; occasions reach only customers who agreed to them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kliento.occasions.name_days import first_name, name_days
from kliento.occasions.selectors import occasions_between
from kliento.occasions.services import name_day_add
from tests.factories import CustomerFactory

# (country, first name as written, its name days) — from the printed calendars.
FIXTURE = [
    ("lt", "Agnė", ((1, 21),)),
    ("lt", "Jokūbas", ((7, 25),)),
    ("lt", "Antanas", ((1, 17), (6, 13))),
    ("lv", "Jānis", ((6, 24),)),
    ("lv", "Ģirts", ((5, 5),)),
    ("lv", "Līga", ((6, 23),)),
    ("lv", "Ivars", ((1, 8), (3, 1))),
    ("pl", "Łukasz", ((10, 18),)),
    ("pl", "Małgorzata", ((7, 13),)),
    ("pl", "Paweł", ((1, 25), (6, 29))),
    ("pl", "Jan", ((6, 24), (12, 27))),
    # The extended calendars: more names with two days, and unmarked letters kept apart.
    ("lt", "Jonas", ((6, 24), (12, 27))),
    ("lt", "Izidorius", ((4, 4), (5, 15))),
    ("lt", "Pranciškus", ((10, 4), (12, 3))),
    ("lt", "Uršulė", ((10, 21),)),
    ("pl", "Zofia", ((5, 15), (9, 30))),
    ("pl", "Łucja", ((6, 25), (12, 13))),
    ("pl", "Józef", ((3, 19), (5, 1), (8, 27))),
    ("pl", "Bartłomiej", ((8, 24), (11, 11))),
    ("pl", "Mścisław", ((1, 8),)),
]


@pytest.mark.parametrize(("country", "name", "days"), FIXTURE)
def test_each_name_finds_its_days(country, name, days):
    assert name_days(name, country) == days
    assert name_days(name.upper(), country) == days  # case is not spelling


@pytest.mark.parametrize(("country", "unmarked"), [
    ("lv", "Janis"), ("lv", "Girts"), ("lt", "Agne"), ("pl", "Lukasz"), ("pl", "Malgorzata"),
    ("lt", "Pranciskus"), ("lt", "Ursule"), ("pl", "Jozef"), ("pl", "Lucja"), ("pl", "Zdzislaw")])
def test_without_its_diacritics_it_is_another_name(country, unmarked):
    assert name_days(unmarked, country) == ()


def test_a_combining_mark_is_the_same_letter():
    assert name_days("Ja\u0304nis", "lv") == ((6, 24),)  # a + combining macron


def test_the_first_name_is_the_first_word_as_written():
    assert first_name("Jūratė Ąžuolaitė") == "Jūratė"
    assert first_name("  Anna-Maria  Kowalska") == "Anna-Maria"


@pytest.mark.django_db
def test_a_manager_adds_a_name_the_calendar_lacks():
    assert name_days("Jūratė", "lt") == ()
    added = name_day_add(country="lt", name=" Jūratė ", month=4, day=24)
    assert added.name == "Jūratė"
    assert name_days("Jūratė", "lt", [(added.name, added.month, added.day)]) == ((4, 24),)
    with pytest.raises(ValidationError, match="there already"):
        name_day_add(country="lt", name="Jūratė", month=4, day=24)
    with pytest.raises(ValidationError) as refused:
        name_day_add(country="ee", name="Jūratė Ą", month=2, day=30)
    assert set(refused.value.message_dict) == {"country", "name", "day"}


@pytest.mark.django_db
def test_occasions_reach_only_consenting_customers_by_name_day_and_birthday():
    janis = CustomerFactory(full_name="Jānis Bērziņš", country="LV", consents_to_offers=True,
                            preferred_language="lv")
    CustomerFactory(full_name="Janis Berzins", country="LV", consents_to_offers=True)
    CustomerFactory(full_name="Jānis Ozols", country="LV", consents_to_offers=False)
    jan = CustomerFactory(full_name="Jan Kowalski", preferred_language="pl",
                          consents_to_offers=True)
    CustomerFactory(full_name="Jan Novák", country="CZ", preferred_language="en",
                    consents_to_offers=True)  # no calendar for him
    born = CustomerFactory(full_name="Ona Ūsaitė", birthday=date(1980, 6, 25),
                           consents_to_offers=True)
    CustomerFactory(full_name="Ieva Ūsaitė", birthday=date(1985, 6, 25), consents_to_offers=False)
    found = {(occasion.customer.pk, occasion.on, occasion.kind)
             for occasion in occasions_between(date(2026, 6, 24), days=2)}
    assert found == {(janis.pk, date(2026, 6, 24), "name_day"),
                     (jan.pk, date(2026, 6, 24), "name_day"),
                     (born.pk, date(2026, 6, 25), "birthday")}
