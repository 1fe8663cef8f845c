"""The pages: FAQ candidates with their drill-down, a topic's naming and FAQ entry,
publishing, the comment topics and the public FAQ in the customer's language."""

from datetime import timedelta

import pytest
from django.urls import reverse

from kliento.questions.models import FaqEntry, InteractionTopic, MiningRun, Topic
from kliento.questions.services import faq_entry_publish, faq_entry_save
from tests.questions.conftest import GROUPS, NOW, contacts_make, mine


@pytest.fixture
def mined(agent):
    made = {group: contacts_make(agent, group, copies=2, every=timedelta(hours=7))
            for group in GROUPS}
    mine(clusters=3)
    return made


def _topic_of(interaction) -> Topic:
    return InteractionTopic.objects.get(interaction=interaction).topic


def test_the_candidates_page_lists_every_topic_with_a_link_to_its_questions(client, mined,
                                                                           manager):
    client.force_login(manager)

    page = client.get(reverse("questions:candidates"), {"weeks": 4})

    assert page.status_code == 200
    html = page.content.decode()
    for topic in Topic.objects.all():
        assert reverse("questions:topic-questions", args=[topic.pk]) in html
        assert reverse("questions:topic", args=[topic.pk]) in html
    assert html.count('class="weekly-bars"') == 3
    assert "Mine again now" in html


def test_the_drill_down_lists_the_topics_contacts_a_lead_may_see(client, mined, lead):
    topic = _topic_of(mined["order"][0])
    client.force_login(lead)

    page = client.get(reverse("questions:topic-questions", args=[topic.pk]),
                      {"language": "lv"})

    assert page.status_code == 200
    shown = {text for text in
             topic.interaction_members.filter(interaction__language="lv")
             .values_list("interaction__text", flat=True)}
    assert shown and all(text in page.content.decode() for text in shown)
    assert "Gdzie jest moje" not in page.content.decode()  # Polish: filtered out


def test_a_manager_names_a_topic_and_the_name_survives_mining_again(client, mined, manager):
    topic = _topic_of(mined["hours"][0])
    client.force_login(manager)

    response = client.post(reverse("questions:topic-name", args=[topic.pk]),
                           {"name": "Darbo laikas sekmadieniais"})
    mine(clusters=3, now=NOW + timedelta(days=7))

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.name == "Darbo laikas sekmadieniais"
    assert _topic_of(mined["hours"][0]) == topic
    page = client.get(reverse("questions:topic", args=[topic.pk]))
    assert "Darbo laikas sekmadieniais" in page.content.decode()


def test_an_faq_entry_is_written_on_its_page_and_refused_when_half_done(client, mined,
                                                                        manager):
    topic = Topic.objects.first()
    url = reverse("questions:faq-edit", args=[topic.pk])
    client.force_login(manager)

    refused = client.post(url, {"question_lt": "Kada dirbate?", "answer_lt": ""})
    saved = client.post(url, {"question_lt": "Kada dirbate?", "answer_lt": "Kasdien 9–21.",
                              "question_en": "When are you open?",
                              "answer_en": "Every day 9 to 9."})

    assert refused.status_code == 200
    assert "Write the answer in this language too" in refused.content.decode()
    assert saved.status_code == 302
    entry = FaqEntry.objects.get(topic=topic)
    assert entry.question == {"lt": "Kada dirbate?", "en": "When are you open?"}
    assert entry.published_at is None


def test_publishing_puts_the_entry_on_the_public_page(client, mined, manager):
    topic = Topic.objects.first()
    faq_entry_save(topic, question={"lt": "Kur mano užsakymas?"},
                   answer={"lt": "Sekite nuorodą laiške."}, user=manager)
    client.force_login(manager)

    client.post(reverse("questions:faq-publish", args=[topic.pk]), {"publish": "1"})
    client.logout()
    public = client.get("/faq/", {"lang": "pl"})

    assert FaqEntry.objects.get(topic=topic).published_at is not None
    assert public.status_code == 200
    html = public.content.decode()
    # Polish asked, only Lithuanian written: the Lithuanian text, marked as such.
    assert "Kur mano užsakymas?" in html and 'lang="lt"' in html
    assert "Najczęściej zadawane pytania" in html or "Frequently asked questions" in html


def test_the_public_faq_searches_without_accents_or_case(client, mined, manager):
    for group, question, answer in (("order", "Kur mano užsakymas?", "Sekite nuorodą."),
                                    ("return", "Kaip grąžinti prekę?", "Per 30 dienų.")):
        entry = faq_entry_save(_topic_of(mined[group][0]), question={"lt": question},
                               answer={"lt": answer}, user=manager)
        faq_entry_publish(entry, publish=True)

    found = client.get("/faq/", {"lang": "lt", "q": "UZSAKYMAS"}).content.decode()

    assert "Kur mano užsakymas?" in found and "Kaip grąžinti prekę?" not in found


def test_the_comment_topics_page_and_mining_again_from_it(client, mined, manager):
    client.force_login(manager)

    page = client.get(reverse("questions:comments"))
    asked = client.post(reverse("questions:mine"), {"source": "comments"})
    twice = client.post(reverse("questions:mine"), {"source": "comments"}, follow=True)

    assert page.status_code == 200
    assert "No comment topics yet" in page.content.decode()
    assert asked.status_code == 302 and asked["Location"] == reverse("questions:comments")
    assert MiningRun.objects.filter(source="comments", status="queued").count() == 1
    assert "already waiting or running" in twice.content.decode()
