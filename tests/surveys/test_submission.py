"""Sending the answers from the customer's page: the busiest public request, kept cheap (one
lean read, questions from memory, two writes) without losing anything the page does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kliento.customers.models import Customer
from kliento.surveys.models import Invitation, Survey, SurveyResponse
from kliento.surveys.services import invitation_create, question_add
from kliento.webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from tests.factories import InteractionFactory, LocationFactory, TouchpointFactory
from tests.surveys.test_public_page import form_data

pytestmark = pytest.mark.django_db

TEXTS = {"en": "Anything else?", "lt": "Dar kas nors?", "lv": "Vēl kaut kas?",
         "ru": "Что-нибудь ещё?", "pl": "Coś jeszcze?"}


@pytest.fixture
def new_link(survey, call, channels):
    """Makes fresh link invitations, each about another call with Rasa on 12 May."""
    def make():
        Invitation.objects.filter(customer=call.customer).update(
            created_at=call.opened_at)  # out of the quiet period
        again = InteractionFactory(customer=call.customer, agent=call.agent,
                                   channel=call.channel, opened_at=call.opened_at,
                                   resolved_at=call.resolved_at, location=LocationFactory(),
                                   touchpoint=TouchpointFactory())
        _invitation, url = invitation_create(
            survey=survey, customer=call.customer, channel=channels["phone"],
            interaction=again, delivery=Invitation.Delivery.LINK)
        return url.split("localhost:8000", 1)[1]
    return make


def statements(queries) -> list[str]:
    """What reached the database, without transaction and savepoint bookkeeping. (Django
    logs a statement run prepared, with its parameters bound on the server, as
    ``QUERY = '…' - PARAMS = (…)``.)"""
    sent = [query["sql"] for query in queries.captured_queries]
    sent = [sql.removeprefix("QUERY = ")[1:] if sql.startswith("QUERY = ") else sql
            for sql in sent]
    return [sql for sql in sent
            if not sql.startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))]


def test_sending_reads_the_link_and_writes_the_response_and_the_claim_only(
        client, new_link, survey):
    data = form_data(survey) | {"full_name": "Jūratė Ąžuolaitė-Česnauskienė"}  # unchanged
    assert client.post(new_link(), data).status_code == 302  # reads the questions once
    path = new_link()
    with CaptureQueriesContext(connection) as queries:
        assert client.post(path, data).status_code == 302
    sent = statements(queries)
    # PostgreSQL claims the link and inserts the response in one statement.
    writes = ["WITH"] if connection.vendor == "postgresql" else ["INSERT", "UPDATE"]
    assert [sql.split()[0] for sql in sent] == ["SELECT", *writes]
    assert not any("surveys_question" in sql for sql in sent)
    assert SurveyResponse.objects.count() == 2


@pytest.mark.postgresql
def test_postgresql_plans_the_lookup_and_the_claim_once_per_connection(
        client, new_link, survey):
    data = form_data(survey)
    for _ in range(2):
        assert client.post(new_link(), data).status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        assert prepared == []  # KLIENTO_DB_PREPARED_STATEMENTS=false: they run unprepared
    else:
        assert sum('FROM "surveys_invitation" v' in sql for sql in prepared) == 1
        assert sum(sql.startswith("WITH claimed AS") for sql in prepared) == 1
    assert SurveyResponse.objects.count() == 2


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_kept_cursor_follows_the_connection_when_it_is_opened_again(
        client, new_link, survey):
    """Sending keeps one cursor per database connection between requests; a connection
    closed and opened again (its age reached, the server restarted) gets a new one."""
    data = form_data(survey)
    assert client.post(new_link(), data).status_code == 302
    first = connection._kliento_preparing_cursor
    assert client.post(new_link(), data).status_code == 302
    assert connection._kliento_preparing_cursor is first  # kept between requests
    connection.close()
    assert client.post(new_link(), data).status_code == 302
    assert connection._kliento_preparing_cursor is not first
    assert SurveyResponse.objects.count() == 3

def test_changed_questions_are_asked_at_once(client, new_link, survey):
    path = new_link()
    assert "Dar kas nors?" not in client.get(path).content.decode()
    question = question_add(survey=survey, kind="text", text=TEXTS)
    assert "Dar kas nors?" in client.get(path).content.decode()
    refused = client.post(path, form_data(survey) | {f"q{question.pk}": ""})
    assert refused.status_code == 400  # the new question is required
    assert f'id="id_q{question.pk}-error"' in refused.content.decode()

    question.text = TEXTS | {"lt": "Ką dar norėtumėte pasakyti?"}
    question.save()
    assert "Ką dar norėtumėte pasakyti?" in client.get(path).content.decode()
    question.delete()
    assert client.post(path, form_data(survey)).status_code == 302


def test_every_change_to_a_question_draws_a_new_stamp(survey):
    stamps = [Survey.objects.get().questions_stamp]
    question = question_add(survey=survey, kind="text", text=TEXTS)
    stamps.append(Survey.objects.get().questions_stamp)
    assert survey.questions_stamp == stamps[-1]  # the caller's survey too
    question.required = False
    question.save()
    stamps.append(Survey.objects.get().questions_stamp)
    question.delete()
    stamps.append(Survey.objects.get().questions_stamp)
    assert len(set(stamps)) == 4


def test_a_page_sent_back_with_errors_still_says_what_it_is_about(client, new_link, survey):
    nps = survey.questions.get(kind="nps")
    page = client.post(new_link(), form_data(survey) | {f"q{nps.pk}": "11"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Rasa" in html and "gegužės 12" in html
    assert 'value="Jūratė Ąžuolaitė"' in html  # what the customer typed is kept


def test_a_low_score_sent_from_the_page_tells_the_webhooks_who_it_was(
        client, new_link, survey, call):
    WebhookEndpoint.objects.create(url="http://example.invalid/", events=[Event.LOW_SCORE])
    Customer.objects.filter(pk=call.customer_id).update(external_id="crm-7")
    assert client.post(new_link(), form_data(survey, nps=3)).status_code == 302
    payload = WebhookDelivery.objects.get().payload
    assert payload["survey"] == "Po skambučio"
    assert payload["customer"] == {
        "id": call.customer_id, "external_id": "crm-7", "name": "Jūratė Ąžuolaitė",
        "email": "jurate@example.lt", "language": "lt"}
    assert payload["scores"]["nps"] == 3
    response = SurveyResponse.objects.get()
    assert response.interaction_id == payload["interaction"]
    assert response.touchpoint_id and response.location_id
    assert (response.touchpoint_id, response.location_id) == (
        response.interaction.touchpoint_id, response.interaction.location_id)


def test_a_used_link_sent_again_gets_the_closing_words(client, new_link, survey):
    path = new_link()
    client.post(path, form_data(survey))
    again = client.post(path, form_data(survey, nps=0))
    assert again.status_code == 200
    assert "Perskaitome kiekvieną atsakymą" in again.content.decode()
    assert SurveyResponse.objects.get().nps == 9


@pytest.mark.postgresql  # SQLite's shared in-memory test database refuses concurrent writers
@pytest.mark.django_db(transaction=True)
def test_racing_submissions_store_one_response(survey, call, channels):
    """Eight requests send the same link at the same moment: one stores its answers, the
    others are told it was answered, and the database holds one response."""
    import threading

    from kliento.surveys.services import InvitationClosed
    from kliento.surveys.submission import invitation_answer, invitation_to_answer
    from tests.surveys.conftest import all_answers

    _invitation, url = invitation_create(survey=survey, customer=call.customer,
                                         channel=channels["phone"], delivery="link")
    token = url.rstrip("/").rsplit("/", 1)[1]
    answers = all_answers(survey)
    start, outcomes = threading.Barrier(8), []

    def send():
        try:
            invitation = invitation_to_answer(token)
            start.wait()
            invitation_answer(invitation, answers)
            outcomes.append("stored")
        except InvitationClosed as closed:
            outcomes.append(closed.reason)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["answered"] * 7 + ["stored"]
    assert SurveyResponse.objects.count() == 1
    assert Invitation.objects.get().response_id == SurveyResponse.objects.get().pk


def test_the_form_built_once_per_survey_and_language_speaks_each_language(
        client, new_link, survey):
    """The page's form is built once per survey, questions and language and then reused:
    an out-of-range answer is still refused in the language the page is in, and the scale
    still shows its steps and its ends."""
    nps = survey.questions.get(kind="nps")
    expected = {"lt": "Pasirinkite skaičių nuo 0 iki 10.",
                "lv": "Izvēlieties skaitli no 0 līdz 10."}
    for language in ["lt", "lv", "lt", "lv"]:
        path = new_link()
        page = client.post(path, form_data(survey, language=language) | {f"q{nps.pk}": "11"})
        assert page.status_code == 400
        html = page.content.decode()
        assert expected[language] in html
        assert "--steps: 11" in html and f'id="id_q{nps.pk}_10"' in html
        assert "0 — " in html and "; 10 — " in html
    assert not SurveyResponse.objects.exists()
