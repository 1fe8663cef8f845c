"""The cause suggester on the demo phrasebook's complaints (labelled by hand) and on complaints
written apart from it, in all five languages."""

import pytest

from kliento.recovery.causes import complaint_cause_suggest
from tests.recovery.labelled_complaints import HELD_OUT, LANGUAGES, labelled_samples

SAMPLES = labelled_samples()


@pytest.mark.parametrize(("source", "language", "text", "factor"), SAMPLES,
                         ids=[f"{s[1]}-{s[0]}-{i}" for i, s in enumerate(SAMPLES)])
def test_each_labelled_phrasebook_complaint(source, language, text, factor):
    assert complaint_cause_suggest(text, language)[0] == factor


@pytest.mark.parametrize("language", LANGUAGES)
def test_complaints_written_apart_from_the_phrasebook(language):
    suggestions = [(text, complaint_cause_suggest(text, language)[0])
                   for text, _factor in HELD_OUT[language]]
    assert suggestions == [(text, factor) for text, factor in HELD_OUT[language]]


def test_every_language_has_every_factor_among_the_samples():
    for language in LANGUAGES:
        factors = {factor for _s, lang, _t, factor in SAMPLES if lang == language}
        assert factors == {"reliability", "responsiveness", "assurance", "empathy", "tangibles"}


def test_diacritics_left_out_on_a_phone_still_match():
    assert complaint_cause_suggest("pazadejote perskambinti bet niekas nepaskambino", "lt")[0] \
        == "reliability"
    assert complaint_cause_suggest("kasiere bija nepieklajiga", "lv")[0] == "empathy"
    assert complaint_cause_suggest("В магазине грязно", "ru")[0] == "tangibles"


def test_text_in_another_language_than_the_profile_says_is_still_read():
    assert complaint_cause_suggest("Obiecali oddzwonić i nic.", "lt")[0] == "reliability"


def test_nothing_to_go_on_gives_no_suggestion():
    assert complaint_cause_suggest("", "en") == (None, 0.0)
    assert complaint_cause_suggest("Ačiū, viskas gerai.", "lt") == (None, 0.0)


def test_confidence_is_the_winners_share_of_the_evidence_with_one_unit_of_doubt():
    # "rude" (2) alone: 2 / (2 + 1).
    assert complaint_cause_suggest("The cashier was rude.", "en") == ("empathy", 0.67)
    # "waited" (1) against "promised" (2): the promise wins, 2 / (3 + 1).
    assert complaint_cause_suggest("I was promised a callback and waited.", "en") == (
        "reliability", 0.5)


def test_a_tie_goes_to_the_broken_promise():
    # "late delivery" (2) for reliability against "dirty" (2) for tangibles.
    assert complaint_cause_suggest("Late delivery and a dirty box.", "en") == (
        "reliability", 0.4)
