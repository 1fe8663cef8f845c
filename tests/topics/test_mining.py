"""Mining topics: a multilingual fixture with known groups, and inputs that have nothing
to mine."""

import csv
from collections import defaultdict
from pathlib import Path

from sklearn.metrics import normalized_mutual_info_score

from kliento.topics.mining import UNASSIGNED, mine_topics
from kliento.topics.text import FUNCTION_WORDS, detect_language, fold, prepare

# Six questions, each asked two or three ways in five languages (our own wording), and a
# seventh group of real questions about customer service quoted from the seed articles
# (../shared/seeds/, file named in the source column).
with (Path(__file__).parent / "fixtures" / "multilingual_questions.csv").open(
        newline="", encoding="utf-8") as _handle:
    FIXTURE = [(row["group"], row["language"], row["text"]) for row in csv.DictReader(_handle)]
GROUPS = [group for group, _language, _text in FIXTURE]
LANGUAGES = [language for _group, language, _text in FIXTURE]
TEXTS = [text for _group, _language, text in FIXTURE]
GROUP_COUNT = len(set(GROUPS))


def topics_by_members(mining):
    members = defaultdict(list)
    for row, topic in enumerate(mining.assignments):
        members[topic].append(row)
    return members


def test_the_multilingual_fixture_is_clustered_by_meaning_above_the_stated_nmi():
    # Languages that share no stems cannot be joined without a translation, so the fixture
    # is asked for two topics per group. Measured NMI 0.70 (0.72 with the n-gram view
    # alone, before the sentence embedding joined it for English; 0.56 before each
    # language's mean vector was taken out); stated: at least 0.65.
    mining = mine_topics(TEXTS, clusters=2 * GROUP_COUNT, languages=LANGUAGES)
    assert normalized_mutual_info_score(GROUPS, mining.assignments) >= 0.65


def test_the_multilingual_fixture_is_clustered_above_the_stated_nmi_choosing_the_count():
    # Measured: 37 topics, NMI 0.69 (most topics one question in one language); stated 0.6.
    mining = mine_topics(TEXTS, languages=LANGUAGES)
    assert mining.chosen_automatically
    assert GROUP_COUNT <= mining.count <= len(TEXTS) // 2
    assert normalized_mutual_info_score(GROUPS, mining.assignments) >= 0.6


def test_every_language_of_the_fixture_is_detected_including_the_seed_quotes():
    assert [detect_language(text) for text in TEXTS] == LANGUAGES


def content_lemmas(rows) -> set[str]:
    return {token for row in rows for token in prepare(TEXTS[row], LANGUAGES[row]).tokens
            if token not in FUNCTION_WORDS and not token.startswith("_")}


def test_no_topic_of_the_fixture_is_one_language_holding_different_questions():
    # What makes a topic by language alone: questions of several groups, all in one
    # language, that share no content word (only the language's letters and function
    # words). With one or two topics per group there is room for neither excuse. Questions
    # of two groups that share what they say may meet: the sentence embedding puts "My
    # order has still not arrived" beside "My card has not arrived yet" ("arrive").
    for clusters in (GROUP_COUNT, 2 * GROUP_COUNT):
        mining = mine_topics(TEXTS, clusters=clusters, languages=LANGUAGES)
        for rows in topics_by_members(mining).values():
            if len({LANGUAGES[row] for row in rows}) > 1:
                continue
            by_group = defaultdict(list)
            for row in rows:
                by_group[GROUPS[row]].append(row)
            for group, members in by_group.items():
                others = [row for row in rows if GROUPS[row] != group]
                if others:
                    assert content_lemmas(members) & content_lemmas(others), (
                        [TEXTS[row] for row in rows])


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


def test_the_fixtures_latvian_and_russian_password_questions_share_a_topic():
    # Latvian "parole" and Russian "пароль" ("parol") share the stem; the fixture's
    # Lithuanian "slaptažodis" and Polish "hasło" do not, and need not join them.
    mining = mine_topics(TEXTS, clusters=2 * GROUP_COUNT, languages=LANGUAGES)
    latvian = TEXTS.index("Aizmirsu paroli, kā to atjaunot?")
    russian = TEXTS.index("Забыл пароль, как его восстановить?")
    assert mining.assignments[latvian] == mining.assignments[russian]


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


def test_a_topic_is_labelled_with_words_of_its_own_language_and_no_placeholder():
    mining = mine_topics(TEXTS, clusters=2 * GROUP_COUNT, languages=LANGUAGES)
    members = topics_by_members(mining)
    for topic in mining.topics:
        own_text = fold(" ".join(TEXTS[row] for row in members[topic.number]
                                 if LANGUAGES[row] == topic.language))
        for term in topic.terms:
            assert "_" not in term
            # A lemma's first three letters are in the text itself ("norėti" in "noriu").
            assert all(fold(word)[:3] in own_text for word in term.split()), (topic, term)


def test_texts_without_words_are_left_unassigned_not_clustered():
    mining = mine_topics(["", "12345", "!!!", "Where is my card?", "Where is my card now?"])
    assert mining.assignments[:3] == (UNASSIGNED, UNASSIGNED, UNASSIGNED)
    assert mining.assignments[3] == mining.assignments[4] != UNASSIGNED


def test_nothing_to_mine_gives_no_topics():
    mining = mine_topics(["", "   "])
    assert mining.topics == () and mining.assignments == (UNASSIGNED, UNASSIGNED)
