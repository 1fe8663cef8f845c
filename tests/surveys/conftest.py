from datetime import UTC, datetime

import pytest

from kliento.access.roles import Role
from kliento.surveys.services import invitation_create, question_add, survey_create
from tests.factories import AgentFactory, CustomerFactory, InteractionFactory, UserFactory

NOW = datetime(2026, 6, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def survey(db):
    """NPS, the KV pair, the five factors and a comment, plus one custom choice."""
    survey = survey_create(name="Po skambučio", blocks=["nps", "kv", "grade", "comment"],
                           default_language="lt")
    question_add(survey=survey, kind="choice", text={
        "en": "What mattered most?", "lt": "Kas svarbiausia?", "lv": "Kas bija svarīgākais?",
        "ru": "Что было важнее всего?", "pl": "Co było najważniejsze?"},
        options=[{"value": "speed", "text": {"en": "Speed", "lt": "Greitis", "lv": "Ātrums",
                                             "ru": "Скорость", "pl": "Szybkość"}},
                 {"value": "price", "text": {"en": "Price", "lt": "Kaina", "lv": "Cena",
                                             "ru": "Цена", "pl": "Cena"}}])
    return survey


@pytest.fixture
def call(channels):
    agent = AgentFactory(user=UserFactory(username="rasa", first_name="Rasa", role=Role.AGENT))
    customer = CustomerFactory(email="jurate@example.lt")
    return InteractionFactory(customer=customer, agent=agent, channel=channels["phone"],
                              opened_at=datetime(2026, 5, 12, 9, 0, tzinfo=UTC),
                              resolved_at=datetime(2026, 5, 12, 9, 20, tzinfo=UTC))


@pytest.fixture
def invited(survey, call, channels):
    """An e-mailed invitation about Rasa's call and its link."""
    return invitation_create(survey=survey, customer=call.customer, channel=channels["phone"],
                             interaction=call, now=NOW)


def all_answers(survey, **overrides) -> dict[int, object]:
    """A complete, valid set of answers keyed by question id."""
    by_kind = {"nps": 9, "expectation": 7, "experience": 8, "tangibles": 8, "reliability": 9,
               "responsiveness": 7, "assurance": 8, "empathy": 9, "comment": "Ačiū, Rasa!",
               "choice": "speed"} | overrides
    return {question.pk: by_kind[question.kind] for question in survey.questions.all()
            if question.kind in by_kind}
