"""Numbers and money in each of the five languages group and mark decimals as CLDR says (the
separators hard-coded here: Babel is not installed): a (non-breaking) space groups thousands in
lt, lv, pl and ru and a comma in en; the decimal mark is a comma in lt, lv, pl and ru and a
point in en. Lithuanian once read "1.004,00 €" (Django's own lt module)."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import get_format

from kliento.ui.formatting import format_count, format_money, format_number, format_signed

NBSP = "\xa0"
CLDR = {"en": (",", "."), "lt": (NBSP, ","), "lv": (NBSP, ","), "pl": (NBSP, ","),
        "ru": (NBSP, ",")}


@pytest.mark.parametrize("language", list(CLDR))
def test_separators_follow_cldr(language):
    group, decimal = CLDR[language]
    with translation.override(language):
        assert get_format("THOUSAND_SEPARATOR") == group
        assert get_format("DECIMAL_SEPARATOR") == decimal
        assert format_money(Decimal("1004")) == f"1{group}004{decimal}00 €"
        assert format_money(Decimal("1234567.5")) == f"1{group}234{group}567{decimal}50 €"
        assert format_count(12345) == f"12{group}345"
        assert format_number(-2.25, 1) in (f"−2{decimal}2", f"−2{decimal}3")
        assert format_signed(3.5, 1) == f"+3{decimal}5"


def test_the_settings_list_exactly_these_languages():
    from django.conf import settings
    assert {code for code, _name in settings.LANGUAGES} == set(CLDR)
