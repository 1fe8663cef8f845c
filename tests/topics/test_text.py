"""Normalisation keeps the original and makes spellings of one question meet."""

from kliento.topics.text import detect_language, fold, mask, prepare


def test_each_supported_language_is_detected():
    assert detect_language("Kada atvyks mano užsakymas?") == "lt"
    assert detect_language("Kad pienāks mans pasūtījums?") == "lv"
    assert detect_language("Kiedy przyjdzie moje zamówienie?") == "pl"
    assert detect_language("Когда придёт мой заказ?") == "ru"
    assert detect_language("When will my order arrive?") == "en"


def test_text_without_letters_falls_back_instead_of_guessing():
    assert detect_language("12345 !!!") == "en"
    assert detect_language("", default="lt") == "lt"


def test_order_ids_emails_links_and_numbers_are_masked():
    masked = mask("Order LT-20931, #553, mail jonas@example.lt, see https://x.lt/a?b=1, 3 items")
    assert "20931" not in masked and "553" not in masked
    assert "jonas@example.lt" not in masked and "https" not in masked
    assert masked.split().count("_id_") == 2
    assert "_email_" in masked and "_url_" in masked and "_num_" in masked


def test_two_order_numbers_make_the_same_question():
    first = prepare("Where is my order 12345?", "en")
    second = prepare("Where is my order 98765?", "en")
    assert first.tokens == second.tokens


def test_diacritics_and_case_do_not_split_a_word_but_the_original_is_kept():
    with_marks = prepare("KUR MANO UŽSAKYMAS?", "lt")
    without = prepare("kur mano uzsakymas", "lt")
    assert with_marks.tokens == without.tokens
    assert with_marks.original == "KUR MANO UŽSAKYMAS?"


def test_lemmas_join_inflected_forms():
    assert prepare("kortelės", "lt").tokens == prepare("kortelė", "lt").tokens
    assert prepare("cards", "en").tokens == prepare("card", "en").tokens
    assert prepare("карты", "ru").tokens == prepare("карта", "ru").tokens


def test_cyrillic_is_transliterated_so_shared_stems_meet_across_scripts():
    assert fold("карта") == "karta"
    assert fold("Ž") == "z"
