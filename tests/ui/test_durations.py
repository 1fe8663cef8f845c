"""Durations read as people say them: two units at most, no "0 min" tail, in every language."""

import pytest
from django.utils import translation

from kliento.ui.formatting import format_duration

CASES = [45, 125, 120, 11_400, 14_400, 187_200, 259_200]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["45 s", "2 min 5 s", "2 min", "3 h 10 min", "4 h", "2 d 4 h", "3 d"]),
    ("lt", ["45 s", "2 min 5 s", "2 min", "3 val. 10 min", "4 val.", "2 d. 4 val.", "3 d."]),
    ("lv", ["45 s", "2 min 5 s", "2 min", "3 st. 10 min", "4 st.", "2 d. 4 st.", "3 d."]),
    ("ru", ["45 с", "2 мин 5 с", "2 мин", "3 ч 10 мин", "4 ч", "2 дн. 4 ч", "3 дн."]),
    ("pl", ["45 s", "2 min 5 s", "2 min", "3 godz. 10 min", "4 godz.", "2 d. 4 godz.",
            "3 d."]),
])
def test_durations_drop_a_zero_smaller_unit(language, expected):
    with translation.override(language):
        assert [format_duration(seconds) for seconds in CASES] == expected
