"""Every string the product shows exists in en, lt, lv, ru and pl, with every plural form."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation

from kliento.analytics.presentation import responses_label

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TRANSLATED = ["lt", "lv", "ru", "pl"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[-+ #0-9.]*[sdif]|\{\{ ?[a-z_]+ ?\}\}|%[sd]")


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def test_all_five_languages_are_configured():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "lt", "lv", "ru", "pl"]
    for code in ["en", *TRANSLATED]:
        assert (LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists(), code


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_with_every_plural_form(language):
    po = catalog(language)
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == nplurals, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language):
    for entry in catalog(language).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = sorted(PLACEHOLDER.findall(text))
            # A singular form may spell out "one" instead of the number.
            assert found == expected or set(found) <= set(expected), (entry.msgid, text)


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_compiled_catalogs_are_up_to_date(language):
    po = catalog(language)
    mo = polib.mofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in mo}
    for entry in po.translated_entries():
        assert (entry.msgctxt, entry.msgid) in compiled, entry.msgid


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [("lt", 1, "1 atsakymas"), ("lt", 3, "3 atsakymai"), ("lt", 10, "10 atsakymų"),
     ("lt", 21, "21 atsakymas"), ("pl", 1, "1 odpowiedź"), ("pl", 3, "3 odpowiedzi"),
     ("pl", 5, "5 odpowiedzi"), ("ru", 1, "1 ответ"), ("ru", 3, "3 ответа"),
     ("ru", 11, "11 ответов"), ("lv", 1, "1 atbilde"), ("lv", 5, "5 atbildes"),
     ("lv", 21, "21 atbilde"), ("en", 1, "1 response"), ("en", 2, "2 responses")],
)
def test_plural_forms_read_right(language, count, expected):
    with translation.override(language):
        assert responses_label(count) == expected


@pytest.mark.parametrize("language", ["lt", "lv", "ru", "pl"])
def test_the_empty_choice_of_every_select_is_translated(language):
    """Django 6.1's own catalogues leave "- Select an option -" in English for these."""
    with translation.override(language):
        assert str(BLANK_CHOICE_LABEL) != "- Select an option -"
