"""Name days: the calendars of Lithuania, Latvia and Poland shipped as data (``data/``, with
their source and licence in ``data/README.md``), and the matching of a customer's first name
as written — diacritics included — to its days.

"As written" means the letters the customer typed: "Jānis" has his name day on 24 June, but
"Janis" (no macron) is not found in the Latvian calendar, because the calendar does not list
that spelling and guessing would greet the wrong people. Case does not matter ("JĀNIS" is
Jānis), and Unicode is compared in its composed form (a macron typed as a combining mark is
the same letter).

>>> name_days("Jānis", "lv")
((6, 24),)
>>> name_days("Janis", "lv")
()
>>> sorted(name_days("Paweł", "pl"))
[(1, 25), (6, 29)]
"""

import csv
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
COUNTRIES = ("lt", "lv", "pl")


def name_key(name: str) -> str:
    """How a name is compared: composed Unicode, case folded, diacritics kept."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


def first_name(full_name: str) -> str:
    """The first word of a full name as written ("Jūratė Ąžuolaitė" → "Jūratė"); a
    hyphenated first name stays whole ("Anna-Maria")."""
    words = full_name.split()
    return words[0] if words else ""


@cache
def calendar(country: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """The shipped calendar of ``country``: name key → its (month, day) pairs."""
    if country not in COUNTRIES:
        raise ValueError(f"no name-day calendar for {country!r}; there are {COUNTRIES}")
    days: dict[str, list[tuple[int, int]]] = {}
    with (DATA / f"namedays_{country}.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            key = name_key(row["name"])
            day = (int(row["month"]), int(row["day"]))
            if day not in days.setdefault(key, []):
                days[key].append(day)
    return {key: tuple(value) for key, value in days.items()}


def name_days(name: str, country: str,
              added: Iterable[tuple[str, int, int]] = ()) -> tuple[tuple[int, int], ...]:
    """The (month, day) name days of a first name in ``country``'s calendar, plus the
    ``added`` (name, month, day) entries a manager keeps, in calendar order."""
    key = name_key(name)
    days = set(calendar(country).get(key, ()))
    days.update((month, day) for added_name, month, day in added if name_key(added_name) == key)
    return tuple(sorted(days))


def names_on(month: int, day: int, country: str,
             added: Iterable[tuple[str, int, int]] = ()) -> set[str]:
    """The name keys celebrating on that day in ``country``."""
    keys = {key for key, days in calendar(country).items() if (month, day) in days}
    keys.update(name_key(name) for name, m, d in added if (m, d) == (month, day))
    return keys
