"""Demo topics: the contacts' texts and the survey comments mined as the job worker would,
and the opening-hours question answered on the public FAQ in four of the five languages
(Polish left out, so the page shows the fallback)."""

from datetime import timedelta

from django.utils import timezone

from kliento.interactions.models import Interaction
from kliento.questions.models import (
    CommentTopic,
    FaqEntry,
    InteractionTopic,
    MiningRun,
    Source,
    Topic,
)
from kliento.questions.services import (
    faq_entry_publish,
    faq_entry_save,
    mining_run_execute,
    topic_name,
)

# The question the demo answers, as the phrasebook asks it in Lithuanian (most of the demo's
# customers write Lithuanian), and the name a manager in Vilnius gives its topic.
ANSWERED = "Kada dirbate sekmadienį?"
NAME = "Darbo laikas sekmadieniais"
QUESTION = {
    "en": "When are you open on Sundays?",
    "lt": "Kada dirbate sekmadieniais?",
    "lv": "Cikos jūs strādājat svētdienās?",
    "ru": "Когда вы работаете по воскресеньям?",
}
ANSWER = {
    "en": "Our stores are open on Sundays from 10:00 to 18:00; the contact centre answers "
          "chats and calls from 9:00 to 20:00 every day.",
    "lt": "Sekmadieniais parduotuvės dirba nuo 10:00 iki 18:00, o kontaktų centras į "
          "pokalbius ir skambučius atsako kasdien nuo 9:00 iki 20:00.",
    "lv": "Svētdienās veikali ir atvērti no 10:00 līdz 18:00, bet kontaktu centrs uz "
          "tērzēšanu un zvaniem atbild katru dienu no 9:00 līdz 20:00.",
    "ru": "По воскресеньям магазины открыты с 10:00 до 18:00, а контактный центр отвечает "
          "в чате и по телефону ежедневно с 9:00 до 20:00.",
}
PUBLISHED_WEEKS_AGO = 5


def demo_topics_mine(manager) -> int:
    """Mine both sources afresh, name and answer the opening-hours topic; returns the topics
    found."""
    for model in (FaqEntry, CommentTopic, InteractionTopic, Topic, MiningRun):
        model.objects.all().delete()
    now = timezone.now()
    found = 0
    for source in Source.values:
        run = mining_run_execute(MiningRun.objects.create(source=source, requested_at=now,
                                                          requested_by=manager), now=now)
        found += run.topics_found
    asked = (Interaction.objects.filter(text=ANSWERED, topic_membership__isnull=False)
             .values_list("topic_membership__topic", flat=True).first())
    if asked is None:
        return found
    topic = Topic.objects.get(pk=asked)
    topic_name(topic, NAME, user=manager, now=now)
    entry = faq_entry_save(topic, question=QUESTION, answer=ANSWER, user=manager, now=now)
    faq_entry_publish(entry, publish=True, now=now - timedelta(weeks=PUBLISHED_WEEKS_AGO))
    return found
