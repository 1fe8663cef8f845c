import pytest
from django.urls import reverse

from kliento.access.roles import Role
from kliento.surveys.models import Invitation, Survey, SurveyResponse
from tests.factories import CustomerFactory, InteractionFactory, UserFactory
from tests.surveys.conftest import all_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(username="vadove", role=Role.MANAGER))
    return client


@pytest.fixture
def agent_client(client, call):
    """Rasa, the agent who took the call: she asks the customers she serves."""
    client.force_login(call.agent.user)
    return client


def served_in_store(call, channels, **customer_fields):
    """A customer Rasa served in the store."""
    customer = CustomerFactory(**customer_fields)
    InteractionFactory(customer=customer, agent=call.agent, channel=channels["store"])
    return customer


def test_pages_need_a_login(client, survey):
    for name, args in [("surveys:list", []), ("surveys:detail", [survey.pk]),
                       ("surveys:invite", [survey.pk]), ("surveys:phone", [survey.pk])]:
        assert "/login/" in client.get(reverse(name, args=args)).url


def test_the_list_shows_invited_and_answered(manager, survey, call, channels):
    Invitation.objects.create(survey=survey, customer=call.customer, channel=channels["phone"],
                              delivery="link", language="lt", token_digest="0" * 64,
                              created_at=call.opened_at, expires_at=call.opened_at)
    page = manager.get(reverse("surveys:list")).content.decode()
    assert "Po skambučio" in page
    assert "<td>1</td><td>0</td><td>0</td>" in page  # invited, opened, answered


def test_a_manager_builds_a_survey_from_blocks_and_adds_a_question(manager):
    created = manager.post(reverse("surveys:new"), {
        "name": "Parduotuvės apsilankymas", "default_language": "lt",
        "trigger": "interaction_resolved", "valid_days": 7, "blocks": ["csat", "kv"]})
    survey = Survey.objects.get(name="Parduotuvės apsilankymas")
    assert created.url == reverse("surveys:detail", args=[survey.pk])
    assert list(survey.questions.values_list("kind", flat=True)) == [
        "csat", "expectation", "experience"]
    texts = {f"text_{code}": f"Klausimas {code}" for code in ("en", "lt", "lv", "ru", "pl")}
    options = {f"options_{code}": "A\nB" for code in ("en", "lt", "lv", "ru", "pl")}
    added = manager.post(created.url, {"kind": "choice", "scale_low": 1, "scale_high": 10,
                                       "required": "on", **texts, **options})
    assert added.status_code == 302
    question = survey.questions.get(kind="choice")
    assert question.options[1] == {"value": "option-1", "text": {
        code: "B" for code in ("en", "lt", "lv", "ru", "pl")}}
    page = manager.get(created.url).content.decode()
    assert "Kiek esate patenkinti gautu aptarnavimu?" not in page  # shown in English here
    assert "How satisfied are you with the service you received?" in page


def test_a_question_missing_a_language_or_options_is_refused(manager, survey):
    texts = {f"text_{code}": "Q" for code in ("en", "lt", "lv", "ru")}
    page = manager.post(reverse("surveys:detail", args=[survey.pk]), {
        "kind": "choice", "scale_low": 1, "scale_high": 10, **texts,
        "options_en": "A\nB", "options_lt": "A"})
    assert page.status_code == 200
    html = page.content.decode()
    # The missing language is named (the browser no longer refuses silently).
    assert "The question is missing in: Polish." in html
    assert "Write the question in Polish too." in html
    assert survey.questions.filter(kind="choice").count() == 1  # only the fixture's


def test_an_agent_cannot_create_surveys(agent_client):
    assert agent_client.get(reverse("surveys:new")).status_code == 403
    assert not Survey.objects.exists()


def test_an_in_store_link_is_shown_with_a_qr_code(agent_client, survey, call, channels):
    served_in_store(call, channels, phone="+37061234567", email="")
    page = agent_client.post(reverse("surveys:invite", args=[survey.pk]), {
        "customer": "+37061234567", "channel": "store", "delivery": "link"})
    html = page.content.decode()
    assert '<svg' in html and 'id="invitation-url"' in html
    assert Invitation.objects.get().delivery == "link"


def test_an_invitation_refusal_is_shown_on_the_form(agent_client, survey, call, channels):
    served_in_store(call, channels, email="no@example.lt", consents_to_surveys=False)
    page = agent_client.post(reverse("surveys:invite", args=[survey.pk]), {
        "customer": "no@example.lt", "channel": "email", "delivery": "email"})
    assert "has not agreed to be asked for feedback" in page.content.decode()
    assert not Invitation.objects.exists()


def test_an_agent_enters_a_phone_survey_in_the_customers_language(agent_client, survey, call):
    url = reverse("surveys:phone", args=[survey.pk]) + "?customer=jurate@example.lt"
    page = agent_client.get(url).content.decode()
    assert "Kaip tikėtina, kad rekomenduotumėte mus draugui ar kolegai?" in page
    data = {f"q{qid}": str(value) for qid, value in all_answers(survey).items()}
    saved = agent_client.post(url, data | {"full_name": call.customer.full_name})
    assert saved.status_code == 302
    response = SurveyResponse.objects.get()
    assert response.nps == 9 and response.channel.code == "phone"
    assert response.invitation.delivery == "phone"
