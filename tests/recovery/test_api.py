"""``/api/v1/recovery-cases`` and ``/api/v1/recovery-metrics``."""

from datetime import timedelta

import pytest

from kliento.accounts.services import api_token_create
from kliento.recovery.models import RecoveryCase
from kliento.recovery.services import recovery_case_open, recovery_cases_open_for_new_signals
from tests.factories import CustomerFactory, InteractionFactory, SurveyResponseFactory
from tests.recovery.conftest import NOW, agreed_case, walked_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, agent):
    """Signed in as Rasa, an agent: she works the cases assigned to her."""
    client.force_login(agent.user)
    return client


@pytest.fixture
def lead_api(client, lead):
    """Signed in as Ona, who leads Rasa's team: she opens cases and reads the KPIs."""
    client.force_login(lead)
    return client


@pytest.fixture
def manager_api(client, manager):
    """Signed in as Eglė, a manager: she reaches every case and customer."""
    client.force_login(manager)
    return client


def patch(client, case, **body):
    return client.patch(f"/api/v1/recovery-cases/{case.pk}", body,
                        content_type="application/json")


def test_the_api_needs_authentication(client, detractor):
    recovery_cases_open_for_new_signals(now=NOW)
    case = RecoveryCase.objects.get()
    assert client.get("/api/v1/recovery-cases").status_code == 401
    assert client.post("/api/v1/recovery-cases", {}, content_type="application/json"
                       ).status_code == 401
    assert patch(client, case, listening_notes="x").status_code == 401
    assert client.post(f"/api/v1/recovery-cases/{case.pk}/grants", {},
                       content_type="application/json").status_code == 401
    assert client.get("/api/v1/recovery-metrics",
                      {"start": "2026-06-01", "end": "2026-06-30"}).status_code == 401
    assert RecoveryCase.objects.get().listening_notes == ""


def test_a_token_works_too(client, agent, detractor):
    recovery_cases_open_for_new_signals(now=NOW)
    _token, raw = api_token_create(user=agent.user, name="CRM")
    listed = client.get("/api/v1/recovery-cases", headers={"Authorization": f"Bearer {raw}"})
    assert listed.status_code == 200 and listed.json()["count"] == 1


def test_the_list_pages_and_filters(api, channels, agent, lead):
    for hours in range(5):
        InteractionFactory(kind="complaint", agent=agent,
                           opened_at=NOW - timedelta(hours=hours + 1))
    InteractionFactory(kind="complaint", team=agent.team, opened_at=NOW - timedelta(hours=9))
    recovery_cases_open_for_new_signals(now=NOW)
    assert api.get("/api/v1/recovery-cases").json()["count"] == 5  # Rasa's own
    first = RecoveryCase.objects.order_by("-opened_at").first()
    patch(api, first, listening_notes="Išklausėme.")  # Rasa, on her own case

    api.force_login(lead)  # her lead sees the team's cases and her own

    page = api.get("/api/v1/recovery-cases", {"limit": 2, "offset": 0}).json()
    assert page["count"] == 6 and len(page["items"]) == 2
    assert page["items"][0]["id"] == first.pk  # newest first
    rest = api.get("/api/v1/recovery-cases", {"limit": 10, "offset": 2}).json()
    assert len(rest["items"]) == 4

    leads = api.get("/api/v1/recovery-cases", {"assignee": lead.pk}).json()
    assert [item["assignee"] for item in leads["items"]] == [lead.pk]
    in_progress = api.get("/api/v1/recovery-cases", {"status": "in_progress"}).json()
    assert [item["id"] for item in in_progress["items"]] == [first.pk]
    assert api.get("/api/v1/recovery-cases", {"status": "open"}).json()["count"] == 5
    assert api.get("/api/v1/recovery-cases", {"status": "active"}).json()["count"] == 6
    assert api.get("/api/v1/recovery-cases", {"trigger": "detractor"}).json()["count"] == 0
    assert api.get("/api/v1/recovery-cases", {"status": "lost"}).status_code == 422


def test_an_overdue_case_says_so(api, detractor):
    recovery_cases_open_for_new_signals(now=NOW)  # due a day after the answer, long ago
    item = api.get("/api/v1/recovery-cases").json()["items"][0]
    assert item["overdue"] is True
    assert (item["trigger"], item["score_before"], item["suggested_cause"]) == (
        "detractor", 3, "reliability")


def test_opening_by_hand(lead_api, lead, customer, call):
    created = lead_api.post("/api/v1/recovery-cases", {
        "customer": customer.pk, "notes": "Skambina: kurjeris neatvyko, nors žadėjote."},
        content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["trigger"], body["status"], body["suggested_cause"]) == (
        "manual", "in_progress", "reliability")
    assert body["first_contact_at"] is not None and body["grants"] == []
    # About no interaction, the case is the opener's: the lead can reach and work it.
    assert body["assignee"] == lead.pk
    assert lead_api.get(f"/api/v1/recovery-cases/{body['id']}").status_code == 200


def test_opening_a_complaint_by_its_external_id_and_twice(lead_api, channels, agent):
    customer = CustomerFactory(external_id="CRM-9")
    complaint = InteractionFactory(kind="complaint", customer=customer, agent=agent,
                                   team=agent.team, opened_at=NOW)
    body = {"customer_external_id": "CRM-9", "interaction": complaint.pk}
    api = lead_api
    created = api.post("/api/v1/recovery-cases", body, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["trigger"], created.json()["assignee"]) == ("complaint",
                                                                        agent.user.pk)
    again = api.post("/api/v1/recovery-cases", body, content_type="application/json")
    assert again.status_code == 409
    assert again.json() | {"detail": ""} == {"code": "exists", "detail": "",
                                             "case": created.json()["id"], "limit": None}
    assert RecoveryCase.objects.count() == 1


def test_opening_with_bad_references(manager_api, customer, detractor):
    api = manager_api  # reaches every customer: what is refused is the reference itself
    both = api.post("/api/v1/recovery-cases", {"customer": customer.pk,
                                               "customer_external_id": "x"},
                    content_type="application/json")
    assert both.status_code == 422
    missing = api.post("/api/v1/recovery-cases", {"customer": 999999},
                       content_type="application/json")
    assert missing.status_code == 404
    foreign = api.post("/api/v1/recovery-cases", {
        "customer": CustomerFactory().pk, "survey_response": detractor.pk},
        content_type="application/json")
    assert foreign.status_code == 422 and "another customer" in foreign.json()["detail"]
    assert not RecoveryCase.objects.exists()


def test_walking_a_case_with_patches(api, agent, customer, channels):
    customer.email = ""
    customer.save()
    response = SurveyResponseFactory(customer=customer, nps=4, responded_at=NOW)
    case = recovery_case_open(customer=customer, survey_response=response, now=NOW,
                              assignee=agent.user)

    early = patch(api, case, agreed_solution="Grąžinsime pinigus.")
    assert early.status_code == 422 and "confirm" in early.json()["detail"]

    walked = patch(api, case, listening_notes="Išklausėme.", problem_paraphrase="P.",
                   customer_expectation="L.", customer_confirmed=True, cause="assurance",
                   agreed_solution="Grąžinsime pinigus.", resolved=True)
    assert walked.status_code == 200, walked.content
    body = walked.json()
    assert (body["status"], body["cause"], body["follow_up_url"]) == ("resolved", "assurance",
                                                                       None)
    refused = patch(api, case, follow_up="email")
    assert refused.status_code == 409 and refused.json()["code"] == "no_email"

    linked = patch(api, case, follow_up="link")
    assert linked.status_code == 200
    assert linked.json()["follow_up_url"].startswith("http://testserver/s/")
    assert linked.json()["follow_up_invitation"] is not None
    not_yet = patch(api, case, record_follow_up=True)
    assert not_yet.status_code == 422


def test_a_failing_patch_stores_nothing(api, detractor):
    case = agreed_case(detractor)
    before = RecoveryCase.objects.get()
    failed = patch(api, case, listening_notes="Nauji užrašai.", cause="price")
    assert failed.status_code == 422
    assert RecoveryCase.objects.get().listening_notes == before.listening_notes


def test_reassigning_and_unassigning(api, detractor, agent, lead):
    case = agreed_case(detractor)  # Rasa's
    # Handing a case to someone else is her lead's call, not hers.
    assert patch(api, case, assignee=lead.pk).status_code == 403
    assert RecoveryCase.objects.get().assignee == agent.user
    api.force_login(lead)
    assert patch(api, case, assignee=lead.pk).json()["assignee"] == lead.pk
    assert patch(api, case, assignee=None).json()["assignee"] is None
    assert patch(api, case, assignee=999999).status_code == 404


def test_the_recovery_metrics(manager_api, channels, manager):
    api = manager_api
    walked_case(score_before=3, contact_after=timedelta(hours=2), granted_by=manager,
                grants=[("12.50", "accepted")],
                follow_up={"nps": 10, "expectation": 6, "experience": 9})
    complaint = InteractionFactory(kind="complaint", opened_at=NOW)
    case = recovery_case_open(customer=complaint.customer, interaction=complaint, now=NOW)
    patch(api, case, cause="reliability")

    body = api.get("/api/v1/recovery-metrics", {"start": "2026-06-01",
                                                "end": "2026-06-30"}).json()
    assert body["complaints"] == body["complaints_classified"] == 1
    assert body["broken_promise_share"]["value"] == 100.0
    assert body["complaints_by_cause"]["reliability"] == 1
    assert (body["cases"], body["cases_contacted"], body["cases_followed_up"]) == (2, 1, 1)
    assert body["recovery_rate"]["value"] == 100.0 and body["recovery_rate"]["n"] == 1
    assert body["complaint_to_delight"] == 1
    assert body["first_contact_median_seconds"] == 7200
    assert (body["compensation_spent"], body["recovered_customers"],
            body["compensation_per_recovered_customer"]) == ("12.50", 1, "12.50")


def test_the_recovery_metrics_refuse_a_backwards_period(lead_api):
    backwards = lead_api.get("/api/v1/recovery-metrics", {"start": "2026-06-30",
                                                     "end": "2026-06-01"})
    assert backwards.status_code == 422
