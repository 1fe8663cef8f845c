"""Mining as a job, carrying topics over by their members, placing new texts, naming topics
and writing FAQ entries."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import Count

from kliento.questions import fitted as fitting
from kliento.questions.models import (
    CommentTopic,
    FaqEntry,
    InteractionTopic,
    MiningRun,
    Source,
    Topic,
)
from kliento.questions.schedule import mining_run_request, topics_sweep
from kliento.questions.services import (
    faq_entry_publish,
    faq_entry_save,
    mining_run_execute,
    topic_name,
    topics_assign_new,
)
from tests.factories import InteractionFactory, SurveyResponseFactory, TouchpointFactory
from tests.questions.conftest import GROUPS, NOW, contacts_make, mine


def _topic_of(interaction) -> Topic:
    return InteractionTopic.objects.get(interaction=interaction).topic


@pytest.fixture
def contacts(agent):
    return {group: contacts_make(agent, group, copies=2, every=timedelta(hours=7))
            for group in GROUPS}


def test_a_mining_gives_every_text_a_topic_and_keeps_what_placing_new_texts_needs(contacts):
    run = mine(clusters=3)

    assert run.status == MiningRun.Status.DONE, run.error
    assert (run.texts, run.topics_found, run.topics_kept) == (48, 3, 0)
    assert InteractionTopic.objects.count() == 48
    topics = Topic.objects.filter(last_run=run)
    assert sorted(topics.values_list("number", flat=True)) == [1, 2, 3]
    assert sum(topic.size for topic in topics) == 48
    # The typical questions are members of their own topic.
    for topic in topics:
        members = set(InteractionTopic.objects.filter(topic=topic)
                      .values_list("interaction_id", flat=True))
        assert topic.typical and set(topic.typical) <= members
    bundle = fitting.loads(run.fitted)
    assert sorted(bundle.topic_ids) == sorted(topics.values_list("pk", flat=True))
    assert bundle.centres.shape[0] == 3


def test_mining_again_keeps_numbers_and_the_names_managers_gave(contacts, agent, manager):
    first = mine(clusters=3)
    hours = _topic_of(contacts["hours"][0])
    topic_name(hours, "Opening hours on Sunday", user=manager)
    numbers = {t.pk: t.number for t in Topic.objects.all()}
    members_before = {i.pk: _topic_of(i).pk for group in contacts.values() for i in group}
    # A week later, more of the same questions came in.
    contacts_make(agent, "hours", start=NOW + timedelta(days=6), every=timedelta(hours=3))

    second = mine(clusters=3, now=NOW + timedelta(days=7))

    assert second.status == MiningRun.Status.DONE, second.error
    assert second.topics_kept == 3
    assert Topic.objects.count() == 3  # nothing renumbered into new rows
    assert {t.pk: t.number for t in Topic.objects.all()} == numbers
    hours.refresh_from_db()
    assert hours.name == "Opening hours on Sunday" and hours.last_run == second
    assert first.pk != second.pk
    for pk, topic in members_before.items():
        assert InteractionTopic.objects.get(interaction_id=pk).topic_id == topic


def test_a_cluster_that_matches_no_old_topic_gets_the_next_number(contacts):
    mine(clusters=2)
    before = set(Topic.objects.values_list("number", flat=True))

    mine(clusters=3, now=NOW + timedelta(days=7))

    numbers = set(Topic.objects.values_list("number", flat=True))
    assert before == {1, 2}
    # At least one cluster of three is new; new topics number on from the highest.
    assert numbers - before and min(numbers - before) == 3


def test_new_contacts_go_to_the_topic_of_their_nearest_centre(contacts, agent):
    mine(clusters=3)
    order_topic = _topic_of(contacts["order"][0])
    return_topic = _topic_of(contacts["return"][0])
    later = NOW + timedelta(days=1)
    asked = InteractionFactory(text="Where is my order? It still has not arrived",
                               language="en", opened_at=later, agent=agent)
    returning = InteractionFactory(text="How do I return the jacket, it does not fit",
                                   language="en", opened_at=later, agent=agent)
    blank = InteractionFactory(text="", opened_at=later, agent=agent)

    placed = topics_assign_new(Source.QUESTIONS, now=later)

    assert placed == 2
    assert _topic_of(asked) == order_topic
    assert _topic_of(returning) == return_topic
    assert not InteractionTopic.objects.filter(interaction=blank).exists()
    assert topics_assign_new(Source.QUESTIONS, now=later) == 0  # nothing left to place


def test_without_a_loadable_bundle_new_contacts_wait(contacts, agent):
    run = mine(clusters=3)
    MiningRun.objects.filter(pk=run.pk).update(fitted=b"not a pickle")
    InteractionFactory(text="Where is my order?", language="en",
                       opened_at=NOW + timedelta(days=1), agent=agent)

    assert topics_assign_new(Source.QUESTIONS, now=NOW + timedelta(days=1)) == 0


def test_too_few_texts_fail_the_run_with_the_reason_and_change_nothing(agent):
    contacts_make(agent, "hours")  # 8 texts

    run = mine()

    assert run.status == MiningRun.Status.FAILED
    assert "only 8 texts" in run.error and "at least 20" in run.error
    assert not Topic.objects.exists() and not InteractionTopic.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_one_mining_waits_per_source_however_often_it_is_asked(channels, manager):
    first = mining_run_request(Source.QUESTIONS, user=manager, now=NOW)
    again = mining_run_request(Source.QUESTIONS, user=manager, now=NOW)
    comments = mining_run_request(Source.COMMENTS, user=manager, now=NOW)

    assert first is not None and again is None and comments is not None
    assert MiningRun.objects.filter(status=MiningRun.Status.QUEUED).count() == 2
    with pytest.raises(ValidationError) as refused:
        mining_run_request(Source.QUESTIONS, clusters=1, now=NOW)
    assert "clusters" in refused.value.message_dict


@time_machine.travel(NOW, tick=False)
def test_the_sweep_queues_a_mining_when_due_and_places_texts_between(contacts, agent):
    assert topics_sweep(now=NOW) == 0  # nothing mined yet: one mining queued
    queued = MiningRun.objects.get(source=Source.QUESTIONS, status=MiningRun.Status.QUEUED)
    assert not MiningRun.objects.filter(source=Source.COMMENTS).exists()  # no comments
    assert topics_sweep(now=NOW) == 0
    assert MiningRun.objects.filter(source=Source.QUESTIONS).count() == 1  # still one
    mining_run_execute(queued, now=NOW)
    InteractionFactory(text="Where is my order?", language="en",
                       opened_at=NOW + timedelta(hours=1), agent=agent)
    assert topics_sweep(now=NOW + timedelta(hours=1)) == 1
    # A week on, the next mining is due.
    topics_sweep(now=NOW + timedelta(days=7, hours=1))
    assert MiningRun.objects.filter(source=Source.QUESTIONS,
                                    status=MiningRun.Status.QUEUED).count() == 1


def test_comments_get_topics_and_a_polarity_learnt_from_their_scores(channels):
    touchpoint = TouchpointFactory()
    unhappy = ["Delivery was late again and nobody called", "The courier was late, no call",
               "Late delivery and rude courier", "Parcel came three days late",
               "Nobody called about the late delivery", "Delivery late, very disappointed"]
    happy = ["Friendly staff, quick help in the store", "Very friendly and helpful staff",
             "The staff were friendly and fast", "Great help from friendly staff",
             "Helpful friendly consultant in the store", "Quick and friendly service"]
    for i, text in enumerate(unhappy * 2):
        SurveyResponseFactory(comment=text, nps=2 + i % 3, language="en", touchpoint=touchpoint,
                              responded_at=NOW - timedelta(hours=i + 1))
    for i, text in enumerate(happy * 2):
        SurveyResponseFactory(comment=text, nps=9 + i % 2, language="en", touchpoint=touchpoint,
                              responded_at=NOW - timedelta(hours=i + 1))

    run = mine(Source.COMMENTS, clusters=2)

    assert run.status == MiningRun.Status.DONE, run.error
    assert CommentTopic.objects.count() == 24
    assert 0 <= run.polarity_agreement <= 1
    polarity = dict(CommentTopic.objects.filter(response__nps__lte=6).order_by()
                    .values_list("polarity").annotate(n=Count("pk")))
    # Words this distinct teach the classifier: detractors' comments read negative.
    assert polarity.get("negative", 0) >= 10
    assert set(CommentTopic.objects.values_list("polarity", flat=True)) <= {
        "negative", "neutral", "positive"}


def test_a_name_is_trimmed_and_an_empty_one_gives_the_label_back(contacts, manager):
    mine(clusters=3)
    topic = Topic.objects.first()

    topic_name(topic, "  Pristatymo būsena ", user=manager, now=NOW)
    topic.refresh_from_db()
    assert (topic.name, topic.named_by, topic.named_at) == ("Pristatymo būsena", manager, NOW)
    topic_name(topic, "", user=manager)
    topic.refresh_from_db()
    assert (topic.name, topic.named_by, topic.named_at) == ("", None, None)
    with pytest.raises(ValidationError):
        topic_name(topic, "x" * 201, user=manager)


def test_an_faq_entry_needs_both_halves_in_each_language_it_uses(contacts, manager):
    mine(clusters=3)
    topic = Topic.objects.first()

    with pytest.raises(ValidationError) as half:
        faq_entry_save(topic, question={"lt": "Kada dirbate?", "en": "When are you open?"},
                       answer={"en": "Every day 9–21."}, user=manager)
    assert set(half.value.message_dict) == {"answer_lt"}
    with pytest.raises(ValidationError) as empty:
        faq_entry_save(topic, question={"lt": "  "}, answer={}, user=manager)
    assert set(empty.value.message_dict) == {"question_en"}
    with pytest.raises(ValidationError) as unknown:
        faq_entry_save(topic, question={"de": "Wann?"}, answer={"de": "Immer"}, user=manager)
    assert set(unknown.value.message_dict) == {"question"}
    assert not FaqEntry.objects.exists()  # nothing half-written

    entry = faq_entry_save(topic, question={"lt": " Kada dirbate? ", "en": ""},
                           answer={"lt": "Kasdien 9–21 val."}, user=manager, now=NOW)
    assert (entry.question, entry.answer) == ({"lt": "Kada dirbate?"}, {"lt": "Kasdien 9–21 val."})
    assert entry.published_at is None


def test_publishing_keeps_its_first_moment_until_taken_off(contacts, manager):
    mine(clusters=3)
    entry = faq_entry_save(Topic.objects.first(), question={"en": "When?"},
                           answer={"en": "Always."}, user=manager)

    faq_entry_publish(entry, publish=True, now=NOW)
    faq_entry_publish(entry, publish=True, now=NOW + timedelta(days=3))
    entry.refresh_from_db()
    assert entry.published_at == NOW
    faq_entry_publish(entry, publish=False)
    entry.refresh_from_db()
    assert entry.published_at is None
