"""Shape and language checks for the demo phrasebook (pure data, no Django)."""

import re
from pathlib import Path

import pytest

from kliento.demo import phrasebook

LANGUAGES = ("en", "lt", "lv", "ru", "pl")
BANDS = ("delighted", "satisfied", "disappointed", "angry", "broken_promise")
TEXT_KINDS = ("question", "complaint", "order", "service", "sale")
PROMISE_KINDS = ("callback", "reply", "delivery", "repair", "visit", "refund")
GENDERS = ("female", "male")

DIACRITICS = {
    "lt": set("ąčęėįšųūžĄČĘĖĮŠŲŪŽ"),
    "lv": set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"),
    "pl": set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"),
}

SURNAME_RULES = {
    ("lt", "female"): r"(ienė|aitė|ytė|utė|ūtė)",
    ("lt", "male"): r"(as|is|ys|us)",
    ("lv", "female"): r"[ae]",
    ("lv", "male"): r"[sš]",
    ("pl", "female"): r"(ska|cka|dzka)",
    ("pl", "male"): r"(ski|cki|dzki)",
    ("ru", "female"): r"[А-ЯЁ][а-яё]*(ова|ева|ёва|ина|ая)",
    ("ru", "male"): r"[А-ЯЁ][а-яё]*(ов|ев|ёв|ин|ий)",
}
# Polish surnames that are the same for women and men.
PL_INVARIABLE = {"Nowak", "Wójcik", "Woźniak", "Mazur", "Krawczyk", "Zając"}


def _assert_tuple_of_unique_strings(values, count, label):
    assert isinstance(values, tuple), label
    assert len(values) == count, f"{label}: {len(values)} != {count}"
    assert len(set(values)) == len(values), f"{label}: duplicates"
    for value in values:
        assert isinstance(value, str) and value.strip() == value and value, (label, value)


def _cyrillic_share(text):
    letters = [c for c in text if c.isalpha()]
    return sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)


def test_exports():
    for name in phrasebook.__all__:
        assert hasattr(phrasebook, name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_comments_shape(lang):
    assert set(phrasebook.COMMENTS) == set(LANGUAGES)
    assert set(phrasebook.COMMENTS[lang]) == set(BANDS)
    for band in BANDS:
        comments = phrasebook.COMMENTS[lang][band]
        _assert_tuple_of_unique_strings(comments, 12, f"{lang}/{band}")
        for comment in comments:
            assert 3 <= len(comment.split()) <= 30, comment


@pytest.mark.parametrize("lang", LANGUAGES)
def test_interaction_texts_shape(lang):
    assert set(phrasebook.INTERACTION_TEXTS) == set(LANGUAGES)
    assert set(phrasebook.INTERACTION_TEXTS[lang]) == set(TEXT_KINDS)
    for kind in TEXT_KINDS:
        texts = phrasebook.INTERACTION_TEXTS[lang][kind]
        _assert_tuple_of_unique_strings(texts, 10, f"{lang}/{kind}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_promise_descriptions_shape(lang):
    assert set(phrasebook.PROMISE_DESCRIPTIONS) == set(LANGUAGES)
    assert set(phrasebook.PROMISE_DESCRIPTIONS[lang]) == set(PROMISE_KINDS)
    for kind in PROMISE_KINDS:
        descriptions = phrasebook.PROMISE_DESCRIPTIONS[lang][kind]
        _assert_tuple_of_unique_strings(descriptions, 5, f"{lang}/{kind}")


@pytest.mark.parametrize("lang", sorted(DIACRITICS))
def test_comments_use_language_diacritics(lang):
    comments = [c for band in BANDS for c in phrasebook.COMMENTS[lang][band]]
    with_diacritics = [c for c in comments if set(c) & DIACRITICS[lang]]
    assert len(with_diacritics) * 4 >= len(comments)


def test_russian_is_cyrillic():
    texts = [
        *(c for band in BANDS for c in phrasebook.COMMENTS["ru"][band]),
        *(t for kind in TEXT_KINDS for t in phrasebook.INTERACTION_TEXTS["ru"][kind]),
        *(p for kind in PROMISE_KINDS for p in phrasebook.PROMISE_DESCRIPTIONS["ru"][kind]),
    ]
    for text in texts:
        assert _cyrillic_share(text) >= 0.8, text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_name_lists(lang):
    for table in (phrasebook.FIRST_NAMES, phrasebook.LAST_NAMES):
        assert set(table) == set(LANGUAGES)
        assert set(table[lang]) == set(GENDERS)
        for gender in GENDERS:
            _assert_tuple_of_unique_strings(table[lang][gender], 30, f"{lang}/{gender}")


@pytest.mark.parametrize(("lang", "gender"), sorted(SURNAME_RULES))
def test_surname_endings(lang, gender):
    pattern = re.compile(SURNAME_RULES[(lang, gender)] + r"$")
    for surname in phrasebook.LAST_NAMES[lang][gender]:
        if lang == "pl" and surname in PL_INVARIABLE:
            continue
        assert pattern.search(surname), f"{lang}/{gender}: {surname}"
    if lang == "pl":
        invariable = PL_INVARIABLE & set(phrasebook.LAST_NAMES[lang][gender])
        assert len(invariable) <= 8


def test_polish_invariable_surnames_appear_for_both_genders():
    for surname in PL_INVARIABLE:
        assert surname in phrasebook.LAST_NAMES["pl"]["female"]
        assert surname in phrasebook.LAST_NAMES["pl"]["male"]


def test_lithuanian_first_names_are_gendered():
    for name in phrasebook.FIRST_NAMES["lt"]["female"]:
        assert re.search(r"[aė]$", name), name
    for name in phrasebook.FIRST_NAMES["lt"]["male"]:
        assert re.search(r"(as|is|ys|us)$", name), name


def test_russian_first_names_are_cyrillic():
    for gender in GENDERS:
        for name in phrasebook.FIRST_NAMES["ru"][gender]:
            assert _cyrillic_share(name) == 1, name


def test_cities_and_streets():
    countries = {"LT", "LV", "PL", "GB", "IE"}
    assert set(phrasebook.CITIES) == countries
    assert set(phrasebook.STREETS) == countries
    for country in countries:
        _assert_tuple_of_unique_strings(phrasebook.CITIES[country], 10, f"cities/{country}")
        _assert_tuple_of_unique_strings(phrasebook.STREETS[country], 10, f"streets/{country}")
    for city in ("Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys"):
        assert city in phrasebook.CITIES["LT"]
    assert "Rīga" in phrasebook.CITIES["LV"]


def test_locations():
    locations = phrasebook.LOCATIONS
    assert isinstance(locations, tuple)
    assert len(locations) == 8
    assert len({name for name, _, _ in locations}) == 8
    assert {kind for _, kind, _ in locations} <= {"store", "contact_centre", "web"}
    assert sum(kind == "store" for _, kind, _ in locations) == 6
    known_cities = set(phrasebook.CITIES["LT"]) | set(phrasebook.CITIES["LV"])
    for row in locations:
        assert isinstance(row, tuple) and len(row) == 3
        assert row[2] in known_cities, row


def test_teams():
    teams = phrasebook.TEAMS
    _assert_tuple_of_unique_strings(teams, 6, "teams")
    assert teams[0] == "Pardavimai"
    assert teams[4] == "Grąžinimai ir skundai"
    assert teams[5] == "Rīgas komanda"


def test_source_lines_fit_in_100_characters():
    folder = Path(phrasebook.__file__).parent
    for path in sorted(folder.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert len(line) <= 100, f"{path.name}:{number}"
