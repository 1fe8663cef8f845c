"""The survey builder: change, delete and reorder questions, preview in every language, and a
message naming the missing languages instead of a form that silently refuses to send."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from kliento.access.roles import Role
from kliento.surveys.models import Question, Survey
from kliento.surveys.services import question_add, survey_response_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ANSWERED = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)

TEXTS = {"en": "How was the delivery?", "lt": "Kaip sekėsi pristatymas?",
         "lv": "Kā veicās piegāde?", "ru": "Как прошла доставка?", "pl": "Jak poszła dostawa?"}


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(username="vadove", role=Role.MANAGER))
    return client


def kinds(survey: Survey) -> list[str]:
    return list(survey.questions.order_by("position").values_list("kind", flat=True))


def test_moving_a_question_changes_the_order_customers_see(manager, survey):
    before = kinds(survey)
    comment = survey.questions.get(kind="comment")
    stamp = Survey.objects.get(pk=survey.pk).questions_stamp
    manager.post(reverse("surveys:question-move", args=[survey.pk, comment.pk]),
                 {"direction": "up"})
    index = before.index("comment")
    expected = [*before[:index - 1], "comment", before[index - 1], *before[index + 1:]]
    assert kinds(survey) == expected
    # Every process must read the questions again.
    assert Survey.objects.get(pk=survey.pk).questions_stamp != stamp
    first = survey.questions.order_by("position").first()
    manager.post(reverse("surveys:question-move", args=[survey.pk, first.pk]),
                 {"direction": "up"})
    assert kinds(survey) == expected  # the first stays first


def test_changing_the_wording_in_every_language(manager, survey):
    question = survey.questions.get(kind="nps")
    answer = manager.post(reverse("surveys:question", args=[survey.pk, question.pk]),
                          {f"text_{code}": text for code, text in TEXTS.items()}
                          | {"required": "on"})
    assert answer.status_code == 302
    question.refresh_from_db()
    assert question.text == TEXTS and (question.scale_low, question.scale_high) == (0, 10)


def test_a_missing_language_is_named_and_nothing_changes(manager, survey):
    question = survey.questions.get(kind="nps")
    before = dict(question.text)
    page = manager.post(reverse("surveys:question", args=[survey.pk, question.pk]),
                        {f"text_{code}": text for code, text in TEXTS.items()
                         if code not in ("lv", "ru")})
    html = page.content.decode()
    assert page.status_code == 200
    assert "The question is missing in: Latvian, Russian." in html
    assert " required" not in html.split("<form", 1)[1]  # the browser never refuses silently
    question.refresh_from_db()
    assert question.text == before


def test_adding_a_question_with_a_language_missing_says_which(manager, survey):
    count = survey.questions.count()
    page = manager.post(reverse("surveys:detail", args=[survey.pk]), {
        "kind": "text", "scale_low": 1, "scale_high": 10, "required": "on",
        **{f"text_{code}": text for code, text in TEXTS.items() if code != "pl"}})
    assert "The question is missing in: Polish." in page.content.decode()
    assert survey.questions.count() == count


def test_an_unanswered_question_is_deleted_an_answered_one_stays(manager, survey):
    choice = survey.questions.get(kind="choice")
    nps = survey.questions.get(kind="nps")
    survey_response_record(survey=survey, responded_at=ANSWERED,
                           language="lt", nps=9)
    manager.post(reverse("surveys:question-delete", args=[survey.pk, nps.pk]))
    page = manager.post(reverse("surveys:question-delete", args=[survey.pk, choice.pk]),
                        follow=True).content.decode()
    assert not Question.objects.filter(pk=choice.pk).exists()
    assert Question.objects.filter(pk=nps.pk).exists()
    assert "Question deleted." in page


def test_an_answered_scale_keeps_its_ends(manager, survey):
    scale = question_add(survey=survey, kind="scale", text=TEXTS, scale_low=1, scale_high=5)
    survey_response_record(survey=survey, responded_at=ANSWERED,
                           language="lt", answers={str(scale.pk): 4})
    page = manager.post(reverse("surveys:question", args=[survey.pk, scale.pk]), {
        **{f"text_{code}": text for code, text in TEXTS.items()}, "required": "on",
        "scale_low": 1, "scale_high": 10})
    assert "its scale can no longer change" in page.content.decode()
    scale.refresh_from_db()
    assert scale.scale_high == 5


@pytest.mark.parametrize(("language", "expected"), [
    ("lt", "Kas svarbiausia?"), ("lv", "Kas bija svarīgākais?"), ("pl", "Co było najważniejsze?"),
    ("ru", "Что было важнее всего?"), ("en", "What mattered most?")])
def test_the_preview_shows_the_customers_language(manager, survey, language, expected):
    page = manager.get(reverse("surveys:preview", args=[survey.pk]), {"lang": language})
    html = page.content.decode()
    assert page.status_code == 200 and expected in html
    assert 'id="missing-language"' not in html


def test_the_preview_names_questions_a_language_lacks(manager, survey):
    choice = survey.questions.get(kind="choice")
    Question.objects.filter(pk=choice.pk).update(text=choice.text | {"lv": ""})
    html = manager.get(reverse("surveys:preview", args=[survey.pk]),
                       {"lang": "lv"}).content.decode()
    assert 'id="missing-language"' in html
    assert "One question has no text in this language" in html
    assert "Kas svarbiausia?" in html  # shown in the default language, Lithuanian


def test_agents_may_not_change_questions(client, survey):
    client.force_login(UserFactory(username="agente", role=Role.AGENT))
    question = survey.questions.first()
    assert client.post(reverse("surveys:question-move", args=[survey.pk, question.pk]),
                       {"direction": "down"}).status_code == 403
    assert client.post(reverse("surveys:question-delete",
                               args=[survey.pk, question.pk])).status_code == 403
    assert Question.objects.filter(pk=question.pk).exists()
