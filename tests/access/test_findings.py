"""Issue 14's findings, each tried again as the hostile agent did: with their own API token
(or session), against team A's records. Every test checks that the refusal changed nothing,
and where it helps, that the rightful person still can — so the refusal is the rule's doing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kliento.access.roles import Role
from kliento.accounts.services import api_token_create
from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.promises.models import Promise
from kliento.recovery.models import RecoveryCase
from kliento.recovery.services import recovery_case_open
from kliento.surveys.models import Invitation, SurveyResponse
from kliento.surveys.services import survey_create
from kliento.webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from tests.factories import AgentFactory, CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def token_client(user) -> Client:
    """A script with the user's personal token, as the finding used; CSRF is enforced, as
    for any client that is not a test."""
    _token, raw = api_token_create(user=user, name="script")
    return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {raw}"})


def json_call(client: Client, method: str, path: str, body=None):
    return getattr(client, method)(path, body, content_type="application/json")


def due_tomorrow() -> str:
    return (timezone.now() + timedelta(days=1)).isoformat()


# "read all 6,344 customers with e-mail and phone"

def test_an_agent_with_a_token_cannot_read_every_customers_email_and_phone(org):
    for n in range(5):  # customers nobody in reach has served
        CustomerFactory(external_id=f"X-{n}", email=f"x{n}@example.lt", phone=f"+3706000000{n}")
    agent_b = token_client(org.agent_b.user)
    listed = agent_b.get("/api/v1/customers?limit=100").json()
    assert listed["count"] == 1
    assert [(c["external_id"], c["email"]) for c in listed["items"]] == [
        ("C-B", "janis@example.lv")]
    # Looking one up by address finds nothing out of reach either.
    assert agent_b.get("/api/v1/customers?email=jurate@example.lt").json()["count"] == 0
    assert token_client(org.manager).get("/api/v1/customers?limit=100").json()["count"] == 7


# "closed another team's promise as broken (firing its webhook)"

@pytest.fixture
def broken_promise_hook(db):
    return WebhookEndpoint.objects.create(url="https://crm.example.com/hook",
                                          events=[Event.PROMISE_BROKEN])


def test_an_agent_cannot_close_another_teams_promise_as_broken_nor_fire_its_webhook(
        org, broken_promise_hook, client):
    refused = json_call(token_client(org.agent_b.user), "patch",
                        f"/api/v1/promises/{org.promise_a.pk}",
                        {"status": "broken", "closed_note": "Nepavyko"})
    assert refused.status_code == 404  # whether it exists is not theirs to know
    client.force_login(org.agent_b.user)
    closed_on_page = client.post(reverse("promises:close", args=[org.promise_a.pk]),
                                 {"outcome": "broken"})
    assert closed_on_page.status_code == 404
    org.promise_a.refresh_from_db()
    assert (org.promise_a.status, org.promise_a.closed_note) == ("open", "")
    assert not WebhookDelivery.objects.exists()
    # Its owner may close it, and that is announced, once.
    client.force_login(org.agent_a.user)
    client.post(reverse("promises:close", args=[org.promise_a.pk]), {"outcome": "broken"})
    assert Promise.objects.get(pk=org.promise_a.pk).status == "broken"
    assert list(WebhookDelivery.objects.values_list("event", "payload__promise")) == [
        (Event.PROMISE_BROKEN, org.promise_a.pk)]


# "reassigned promises to itself"

def test_an_agent_cannot_reassign_someone_elses_promise_to_themselves(org):
    teammate = AgentFactory(user=UserFactory(username="jonas-a", role=Role.AGENT),
                            team=org.team_a)
    for taker in (org.agent_b, teammate):  # another team's agent, and a team mate
        taken = json_call(token_client(taker.user), "patch",
                          f"/api/v1/promises/{org.promise_a.pk}", {"owner": taker.pk})
        assert taken.status_code == 404
    # Nor may the owner hand it to someone else: that is her lead's call.
    handed = json_call(token_client(org.agent_a.user), "patch",
                       f"/api/v1/promises/{org.promise_a.pk}", {"owner": org.agent_b.pk})
    assert handed.status_code == 403
    assert Promise.objects.get(pk=org.promise_a.pk).owner == org.agent_a


# "took over a recovery case"

@pytest.fixture
def case_a(org):
    """A case about team A's detractor, assigned to the agent who served the customer."""
    return recovery_case_open(customer=org.customer_a, survey_response=org.response_a)


def test_an_agent_cannot_take_over_another_teams_recovery_case(org, case_a, client):
    assert case_a.assignee == org.agent_a.user
    taken = json_call(token_client(org.agent_b.user), "patch",
                      f"/api/v1/recovery-cases/{case_a.pk}",
                      {"assignee": org.agent_b.user.pk})
    assert taken.status_code == 404
    client.force_login(org.agent_b.user)
    taken_on_page = client.post(reverse("recovery:detail", args=[case_a.pk]),
                                {"step": "assign"})
    assert taken_on_page.status_code == 404
    assert RecoveryCase.objects.get().assignee == org.agent_a.user
    # Team A's lead may take it.
    client.force_login(org.lead)
    client.post(reverse("recovery:detail", args=[case_a.pk]), {"step": "assign"})
    assert RecoveryCase.objects.get().assignee == org.lead


# "pushed NPS-10 responses credited to any agent (inflating KPIs)"

def test_an_agent_cannot_push_survey_responses_to_inflate_anyones_scores(org):
    Interaction.objects.filter(pk=org.call_b.pk).update(external_id="T-B")
    answers = [{"external_id": f"R-{n}", "responded_at": "2026-06-09 18:00", "language": "lt",
                "nps": 10, "interaction_external_id": "T-B"} for n in range(3)]
    before = SurveyResponse.objects.count()
    for person in (org.agent_a.user, org.agent_b.user, org.lead, org.auditor):
        refused = json_call(token_client(person), "post", "/api/v1/survey-responses", answers)
        assert refused.status_code == 403, person.username
    assert SurveyResponse.objects.count() == before
    # The same push by the integration, whose job it is, is stored.
    pushed = json_call(token_client(org.integration), "post", "/api/v1/survey-responses",
                       answers)
    assert (pushed.status_code, pushed.json()["created"]) == (200, 3)


def test_an_agent_cannot_push_customers_or_interactions(org, channels):
    agent = token_client(org.agent_a.user)
    assert json_call(agent, "post", "/api/v1/customers",
                     {"external_id": "C-NEW", "full_name": "Kas Nors"}).status_code == 403
    assert json_call(agent, "post", "/api/v1/interactions", {
        "external_id": "T-NEW", "customer_external_id": "C-A", "channel": "phone",
        "opened_at": "2026-06-09 09:00"}).status_code == 403
    assert not Customer.objects.filter(external_id="C-NEW").exists()
    assert not Interaction.objects.filter(external_id="T-NEW").exists()


# "e-mailed customers text of its own choosing from the company address"

def promise_for(customer, **fields) -> dict:
    return {"customer": customer.pk, "kind": "callback", "due_at": due_tomorrow(),
            "description": "Jūsų paskyra užblokuota: atsiųskite slaptažodį.", **fields}


def test_only_the_owner_or_a_manager_emails_the_customer_about_a_promise(
        org, django_capture_on_commit_callbacks):
    def post(person, **fields):
        with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes on commit
            return json_call(token_client(person), "post", "/api/v1/promises",
                             promise_for(org.customer_a, **fields))

    # Another team's agent cannot even make a promise to a customer she does not serve.
    assert post(org.agent_b.user).status_code == 404
    # The lead may record a promise for her agent, but not write to its customer.
    assert post(org.lead, owner=org.agent_a.pk).status_code == 403
    assert mail.outbox == [] and not Promise.objects.exclude(pk=org.promise_a.pk).exists()
    assert post(org.lead, owner=org.agent_a.pk, notify_customer=False).status_code == 201
    assert mail.outbox == []
    # The owner herself, and a manager, do.
    for person, fields in ((org.agent_a.user, {}), (org.manager, {"owner": org.agent_a.pk})):
        sent = post(person, **fields)
        assert sent.status_code == 201, (person.username, sent.content)
    assert [message.to for message in mail.outbox] == [["jurate@example.lt"]] * 2


# "unsafe calls without credentials get 401 with WWW-Authenticate, not a CSRF 403"

@pytest.mark.parametrize(("method", "path"), [
    ("post", "/api/v1/customers"), ("post", "/api/v1/survey-responses"),
    ("post", "/api/v1/promises"), ("patch", "/api/v1/promises/{promise}"),
    ("post", "/api/v1/survey-invitations"), ("post", "/api/v1/recovery-cases"),
])
def test_an_unsafe_api_call_without_credentials_is_a_401_that_says_how_not_a_csrf_403(
        org, method, path):
    nobody = Client(enforce_csrf_checks=True)
    refused = json_call(nobody, method, path.format(promise=org.promise_a.pk),
                        {"status": "broken"})
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == 'Bearer realm="kliento"'
    assert "Authorization: Bearer <token>" in refused.json()["detail"]
    assert Promise.objects.get(pk=org.promise_a.pk).status == "open"


# "survey links for a customer need a role that serves that customer"

@pytest.fixture
def survey(db):
    return survey_create(name="Po skambučio", blocks=["nps"], default_language="lt")


def test_survey_links_are_made_only_for_customers_the_role_serves(org, survey, client):
    invite = {"survey": survey.pk, "customer": org.customer_a.pk, "channel": "phone",
              "delivery": "link"}
    for person in (org.agent_b.user, org.auditor, org.integration):
        refused = json_call(token_client(person), "post", "/api/v1/survey-invitations", invite)
        assert refused.status_code in (403, 404), person.username
    client.force_login(org.agent_b.user)
    page = client.post(reverse("surveys:invite", args=[survey.pk]), {
        "customer": "jurate@example.lt", "channel": "phone", "delivery": "link"})
    phone = client.get(reverse("surveys:phone", args=[survey.pk]),
                       {"customer": "jurate@example.lt"})
    for html in (page.content.decode(), phone.content.decode()):
        # A customer out of reach is not found, and not named.
        assert "No customer matches" in html and org.customer_a.full_name not in html
    assert not Invitation.objects.exists()
    # The agent who served her, her lead and a manager may.
    for person in (org.agent_a.user, org.lead, org.manager):
        Invitation.objects.all().delete()  # one each: asked twice in 14 days is refused
        made = json_call(token_client(person), "post", "/api/v1/survey-invitations", invite)
        assert made.status_code == 201, (person.username, made.content)
