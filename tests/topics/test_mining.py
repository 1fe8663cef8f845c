"""Mining topics: a multilingual fixture with known groups, and inputs that have nothing
to mine."""

from collections import defaultdict

from sklearn.metrics import normalized_mutual_info_score

from kliento.topics.mining import UNASSIGNED, mine_topics

# Four questions, each asked several ways in five languages (known group = first item).
FIXTURE = [
    ("card", "lt", "Kada atvyks mano nauja kortelė?"),
    ("card", "lt", "Vis dar negavau kortelės, kada ją gausiu?"),
    ("card", "lt", "Kortelė dar neatkeliavo, kada ji atvyks?"),
    ("card", "lv", "Kad pienāks mana jaunā karte?"),
    ("card", "lv", "Es joprojām neesmu saņēmis karti, kad to saņemšu?"),
    ("card", "pl", "Kiedy dotrze moja nowa karta?"),
    ("card", "pl", "Nadal nie dostałem karty, kiedy ją dostanę?"),
    ("card", "ru", "Когда придёт моя новая карта?"),
    ("card", "ru", "Я до сих пор не получил карту, когда её получу?"),
    ("card", "en", "When will my new card arrive?"),
    ("card", "en", "I still have not received my card, when will I get it?"),
    ("card", "en", "My card has not arrived yet, when will it come?"),
    ("password", "lt", "Pamiršau slaptažodį, kaip jį atkurti?"),
    ("password", "lt", "Kaip pakeisti slaptažodį?"),
    ("password", "lt", "Neveikia slaptažodis, kaip prisijungti?"),
    ("password", "lv", "Aizmirsu paroli, kā to atjaunot?"),
    ("password", "lv", "Kā nomainīt paroli?"),
    ("password", "pl", "Zapomniałem hasła, jak je odzyskać?"),
    ("password", "pl", "Jak zmienić hasło?"),
    ("password", "ru", "Забыл пароль, как его восстановить?"),
    ("password", "ru", "Как сменить пароль?"),
    ("password", "en", "I forgot my password, how do I reset it?"),
    ("password", "en", "How can I change my password?"),
    ("password", "en", "My password does not work, how do I log in?"),
    ("refund", "lt", "Kada grąžinsite pinigus už grąžintą prekę?"),
    ("refund", "lt", "Grąžinau prekę, kada gausiu pinigus atgal?"),
    ("refund", "lv", "Kad atmaksāsiet naudu par atgriezto preci?"),
    ("refund", "lv", "Atgriezu preci, kad saņemšu naudu atpakaļ?"),
    ("refund", "pl", "Kiedy otrzymam zwrot pieniędzy za zwrócony towar?"),
    ("refund", "pl", "Zwróciłem towar, kiedy dostanę zwrot pieniędzy?"),
    ("refund", "ru", "Когда вернёте деньги за возвращённый товар?"),
    ("refund", "ru", "Я вернул товар, когда получу деньги обратно?"),
    ("refund", "en", "When will I get a refund for the item I returned?"),
    ("refund", "en", "I returned the item, when do I get my money back?"),
    ("refund", "en", "Where is the refund for my returned order 55123?"),
    ("hours", "lt", "Kokios parduotuvės darbo valandos savaitgalį?"),
    ("hours", "lt", "Iki kelintos dirba parduotuvė šeštadienį?"),
    ("hours", "lv", "Kāds ir veikala darba laiks nedēļas nogalē?"),
    ("hours", "lv", "Līdz cikiem veikals strādā sestdien?"),
    ("hours", "pl", "Jakie są godziny otwarcia sklepu w weekend?"),
    ("hours", "pl", "Do której jest otwarty sklep w sobotę?"),
    ("hours", "ru", "Какие часы работы магазина в выходные?"),
    ("hours", "ru", "До скольки работает магазин в субботу?"),
    ("hours", "en", "What are the store opening hours at the weekend?"),
    ("hours", "en", "Until what time is the store open on Saturday?"),
    ("hours", "en", "Is the shop open on Sunday, what are the opening hours?"),
]
GROUPS = [group for group, _language, _text in FIXTURE]
LANGUAGES = [language for _group, language, _text in FIXTURE]
TEXTS = [text for _group, _language, text in FIXTURE]


def test_the_multilingual_fixture_is_clustered_by_meaning_above_the_stated_nmi():
    # Languages that share no stems cannot be joined without a translation; given room
    # for a topic per question and language, each topic must still hold one question.
    # Measured 0.55: the Latvian and Russian password questions meet ("parole"/"parol"),
    # card and refund questions that share "when will I get" sometimes do too.
    mining = mine_topics(TEXTS, clusters=12, languages=LANGUAGES)
    assert normalized_mutual_info_score(GROUPS, mining.assignments) >= 0.5


def test_different_questions_never_share_a_topic_because_they_share_a_language():
    # Within a language the questions differ only in what they ask about; the words
    # "where is my" / "kur yra mano" must not be what holds a topic together.
    texts = {
        ("card", "en"): ["Where is my card?", "Where is my new card?", "Where is the card?"],
        ("password", "en"): ["Where is my password?", "Where is my new password?",
                             "Where is the password?"],
        ("card", "lt"): ["Kur yra mano kortelė?", "Kur mano nauja kortelė?", "Kur kortelė?"],
        ("password", "lt"): ["Kur yra mano slaptažodis?", "Kur mano naujas slaptažodis?",
                             "Kur slaptažodis?"],
    }
    rows = [(group, language, text) for (group, language), questions in texts.items()
            for text in questions]
    mining = mine_topics([text for *_key, text in rows], clusters=4,
                         languages=[language for _group, language, _text in rows])
    groups_in_topic = defaultdict(set)
    for (group, _language, _text), topic in zip(rows, mining.assignments, strict=True):
        groups_in_topic[topic].add(group)
    assert all(len(groups) == 1 for groups in groups_in_topic.values())


def test_the_same_question_in_two_languages_with_shared_stems_lands_in_one_topic():
    # Polish "karta" and Russian "карта" (transliterated "karta") share the stem.
    texts = ["Gdzie jest moja karta?", "Где моя карта?", "Gdzie jest moja karta kredytowa?",
             "Где моя кредитная карта?",
             "Jak zmienić hasło?", "Как сменить пароль?", "Zapomniałem hasła", "Забыл пароль"]
    mining = mine_topics(texts, clusters=3, languages=["pl", "ru"] * 4)
    assert mining.assignments[0] == mining.assignments[1]


def test_the_number_of_topics_is_chosen_when_not_given():
    mining = mine_topics(TEXTS * 3, languages=LANGUAGES * 3)
    assert mining.chosen_automatically
    assert 2 <= mining.count <= len(TEXTS)


def test_a_topic_is_described_by_its_terms_language_and_typical_questions():
    mining = mine_topics(TEXTS, clusters=12, languages=LANGUAGES)
    assert sum(topic.size for topic in mining.topics) == len(TEXTS)
    assert [topic.size for topic in mining.topics] == sorted(
        (topic.size for topic in mining.topics), reverse=True)
    for topic in mining.topics:
        assert topic.label and 1 <= len(topic.typical) <= 5
        assert all(mining.assignments[row] == topic.number for row in topic.typical)
        assert topic.language == topic.languages[0][0]


def test_texts_without_words_are_left_unassigned_not_clustered():
    mining = mine_topics(["", "12345", "!!!", "Where is my card?", "Where is my card now?"])
    assert mining.assignments[:3] == (UNASSIGNED, UNASSIGNED, UNASSIGNED)
    assert mining.assignments[3] == mining.assignments[4] != UNASSIGNED


def test_nothing_to_mine_gives_no_topics():
    mining = mine_topics(["", "   "])
    assert mining.topics == () and mining.assignments == (UNASSIGNED, UNASSIGNED)
