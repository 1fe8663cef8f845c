"""The promise ledger over /api/v1/promises: make, list, read, change, and the kept rate."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from kliento.access.roles import Role
from kliento.accounts.services import api_token_create
from kliento.promises.models import Promise
from tests.factories import AgentFactory, CustomerFactory, PromiseFactory, UserFactory
from tests.promises.conftest import DELIVERY_SPEC, NOW

pytestmark = pytest.mark.django_db

DUE = "2026-06-03T15:00:00+03:00"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def api(client, rasa, call):
    """Signed in as Rasa, an agent who served Jūratė on a call."""
    client.force_login(rasa.user)
    return client


@pytest.fixture
def lead_api(client, team_lead):
    """Signed in as Dalia, who leads Rasa's and Jonas's team."""
    client.force_login(team_lead)
    return client


def post(client, body: dict, **headers):
    return client.post("/api/v1/promises", body, content_type="application/json", **headers)


def patch(client, promise_id: int, body: dict):
    return client.patch(f"/api/v1/promises/{promise_id}", body,
                        content_type="application/json")


def test_the_api_needs_authentication(client, customer):
    assert client.get("/api/v1/promises").status_code == 401
    assert post(client, {"customer": customer.pk}).status_code == 401
    assert client.get("/api/v1/promises/kept-rate?start=2026-05-01&end=2026-05-31"
                      ).status_code == 401
    assert Promise.objects.count() == 0


def test_a_bearer_token_records_a_promise_for_its_user(client, rasa, customer, call):
    _token, raw = api_token_create(user=rasa.user, name="CRM")
    created = post(client, {"customer": customer.pk, "kind": "callback",
                            "description": "Paskambinti dėl garantijos", "due_at": DUE},
                   HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert created.status_code == 201, created.content
    promise = Promise.objects.get()
    assert (promise.owner, promise.created_by) == (rasa, rasa.user)  # the caller's own


def test_post_records_a_delivery_emails_the_customer_and_returns_the_link_once(
        api, client, rasa, customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = post(api, {"customer": customer.pk, "kind": "delivery",
                             "description": "Pristatyti šaldytuvą", "due_at": DUE,
                             "specification": DELIVERY_SPEC, "external_id": "ORD-7"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "open" and body["overdue"] is False
    assert body["owner"] == rasa.pk and body["customer"] == customer.pk
    assert body["due_at"] == "2026-06-03T12:00:00Z" and body["due_on"] == "2026-06-03"
    assert body["specification"] == DELIVERY_SPEC and body["done_at"] is None
    assert body["status_url"].startswith("http://testserver/p/")
    assert body["status_url"] in mail.outbox[0].body
    page = client.get(body["status_url"].removeprefix("http://testserver"))
    assert page.status_code == 200 and "Pristatyti šaldytuvą" in page.content.decode()
    assert "status_url" not in api.get(f"/api/v1/promises/{body['id']}").json()


def test_post_422_names_each_field_and_writes_nothing(api, customer):
    refused = post(api, {"customer": customer.pk, "kind": "delivery", "description": "",
                         "due_at": "2026-05-01T10:00:00Z",
                         "specification": {"model": "Bosch", "colour": 7, "size": "M"}})
    assert refused.status_code == 422
    errors = refused.json()["errors"]
    assert set(errors) == {"description", "due_at", "specification.colour",
                           "specification.accessories"}
    assert errors["specification.colour"] == ["“colour” must be text."]
    assert "specification.colour: “colour” must be text." in refused.json()["detail"]
    assert Promise.objects.count() == 0 and mail.outbox == []


def test_post_422_for_references_that_do_not_exist(api, client, customer):
    missing = post(api, {"customer": 999999, "kind": "reply", "description": "Atsakyti",
                         "due_at": DUE})
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"customer": ["No customer has id 999999."]}
    both = post(api, {"customer": customer.pk, "customer_external_id": "X", "kind": "reply",
                      "description": "Atsakyti", "due_at": DUE})
    assert list(both.json()["errors"]) == ["customer"]
    owner = post(api, {"customer": customer.pk, "kind": "reply", "description": "Atsakyti",
                       "due_at": DUE, "owner": 999999})
    assert owner.json()["errors"] == {"owner": ["No agent has id 999999."]}
    kind = post(api, {"customer": customer.pk, "kind": "pigeon", "description": "Atsakyti",
                      "due_at": DUE})
    assert kind.status_code == 422 and "kind" in kind.content.decode()
    # Someone who is not an agent must say whose promise it is.
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    ownerless = post(client, {"customer": customer.pk, "kind": "reply",
                              "description": "Atsakyti", "due_at": DUE})
    assert list(ownerless.json()["errors"]) == ["owner"]
    assert Promise.objects.count() == 0


@pytest.fixture
def ledger(rasa, jonas, customer):
    """Six promises of two agents and two customers, due on consecutive days."""
    other = CustomerFactory(full_name="Ona Onaitė")
    rows = [(rasa, customer, "callback", "open"), (rasa, other, "delivery", "open"),
            (jonas, customer, "reply", "kept"), (jonas, other, "callback", "broken"),
            (rasa, customer, "repair", "late"), (jonas, customer, "callback", "open")]
    return [PromiseFactory(owner=owner, customer=who, kind=kind, status=status,
                           promised_at=NOW - timedelta(days=3),
                           due_at=NOW + timedelta(days=day - 2),
                           kept_at=NOW if status in ("kept", "late") else None)
            for day, (owner, who, kind, status) in enumerate(rows)]


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def test_the_list_pages_soonest_due_first(lead_api, ledger, django_assert_num_queries):
    # session, user, the role's permissions (the user's own and their groups', looked up
    # once per request), count, page
    with django_assert_num_queries(6):
        first = lead_api.get("/api/v1/promises?limit=4")
    assert first.json()["count"] == 6
    assert ids(first) == [p.pk for p in ledger[:4]]
    assert ids(lead_api.get("/api/v1/promises?limit=4&offset=4")) == [p.pk for p in ledger[4:]]
    overdue = first.json()["items"]
    assert [item["overdue"] for item in overdue] == [True, True, False, False]


def test_an_agent_lists_only_their_own_promises(api, ledger, rasa):
    listed = api.get("/api/v1/promises").json()
    assert listed["count"] == 3
    assert {item["owner"] for item in listed["items"]} == {rasa.pk}


def test_the_list_filters(lead_api, ledger, rasa, jonas, customer):
    def listed(query: str) -> list[int]:
        return ids(lead_api.get("/api/v1/promises?" + query))

    assert listed("status=open") == [ledger[0].pk, ledger[1].pk, ledger[5].pk]
    assert listed(f"owner={jonas.pk}") == [ledger[2].pk, ledger[3].pk, ledger[5].pk]
    assert listed(f"customer={customer.pk}&kind=callback") == [ledger[0].pk, ledger[5].pk]
    assert listed(f"owner={rasa.pk}&status=late") == [ledger[4].pk]
    window = "due_after=2026-05-31T09:00:00Z&due_before=2026-06-02T09:00:00Z"
    assert listed(window) == [ledger[1].pk, ledger[2].pk]  # after included, before not
    assert lead_api.get("/api/v1/promises?status=lost").status_code == 422


def test_get_one(api, ledger):
    promise = ledger[4]
    body = api.get(f"/api/v1/promises/{promise.pk}").json()
    assert (body["id"], body["kind"], body["status"], body["done_at"]) == (
        promise.pk, "repair", "late", "2026-06-01T09:00:00Z")
    assert api.get("/api/v1/promises/999999").status_code == 404


def test_patch_changes_then_closes(lead_api, ledger, rasa):
    promise = ledger[5]  # Jonas's call-back, due in three days: his lead hands it to Rasa
    changed = patch(lead_api, promise.pk, {"owner": rasa.pk, "description": "Perskambinti",
                                           "due_at": "2026-06-05T10:00:00+03:00"})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["owner"], changed.json()["due_on"]) == (rasa.pk, "2026-06-05")
    closed = patch(lead_api, promise.pk, {"status": "kept", "closed_note": "Paskambinta"})
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["done_at"]) == ("kept",
                                                                   "2026-06-01T09:00:00Z")
    again = patch(lead_api, promise.pk, {"status": "broken"})
    assert again.status_code == 422
    assert again.json()["errors"] == {"status": ["This promise is closed already (Kept)."]}


def test_patch_refusals_name_the_field_and_change_nothing(api, ledger):
    overdue = ledger[0]
    refused = patch(api, overdue.pk, {"status": "kept", "description": "Kita"})
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["status"]  # done after the due time: late
    assert patch(api, overdue.pk, {"owner": None}).json()["errors"] == {
        "owner": ["Every promise needs an owner: the agent who keeps it."]}
    assert list(patch(api, overdue.pk, {"due_at": "2026-06-09T10:00:00Z"}).json()["errors"]
                ) == ["due_at"]
    assert list(patch(api, overdue.pk, {"done_at": "2026-06-01T08:00:00Z"}).json()["errors"]
                ) == ["status"]
    assert patch(api, overdue.pk, {}).status_code == 422
    overdue.refresh_from_db()
    assert (overdue.status, overdue.description) == ("open", "Paskambinti klientui iki 15 val.")
    late = patch(api, overdue.pk, {"status": "late"})
    assert late.status_code == 200 and late.json()["status"] == "late"


def test_a_delivery_that_came_in_the_wrong_colour_is_broken(api, ledger):
    delivery = ledger[1]
    closed = patch(api, delivery.pk, {"status": "broken", "as_specified": False,
                                      "done_at": "2026-05-31T15:00:00Z",
                                      "closed_note": "Atvežė baltą, ne inox"})
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["done_at"], closed.json()["closed_note"]) \
        == ("broken", "2026-05-31T15:00:00Z", "Atvežė baltą, ne inox")


def test_kept_rate_overall_and_by_owner(lead_api, ledger, rasa, jonas):
    # Due before now: only ledger[0] and [1], both still open; [2] falls due just now.
    body = lead_api.get(
        "/api/v1/promises/kept-rate?start=2026-05-25&end=2026-06-07&by=owner").json()
    assert body["overall"]["due"] == 2 and body["overall"]["kept"] == 0
    assert body["overall"]["overdue"] == 2
    assert [(g["key"], g["label"], g["due"]) for g in body["groups"]] == [
        (str(rasa.pk), "Rasa Petraitė", 2)]
    empty = lead_api.get("/api/v1/promises/kept-rate?start=2026-01-01&end=2026-01-31").json()
    assert empty["overall"] is None and empty["groups"] == []
    assert lead_api.get("/api/v1/promises/kept-rate?start=2026-06-07&end=2026-06-01"
                        ).status_code == 422
    assert lead_api.get("/api/v1/promises/kept-rate?start=2026-06-01&end=2026-06-07&by=colour"
                        ).status_code == 422


def test_kept_rate_by_kind_matches_the_counts(lead_api, rasa):
    for status in ("kept", "kept", "kept", "broken"):
        PromiseFactory(owner=rasa, kind="delivery", status=status,
                       promised_at=datetime(2026, 5, 1, tzinfo=UTC),
                       due_at=datetime(2026, 5, 4, 10, tzinfo=UTC),
                       kept_at=datetime(2026, 5, 4, 9, tzinfo=UTC) if status == "kept"
                       else None)
    body = lead_api.get("/api/v1/promises/kept-rate?start=2026-05-04&end=2026-05-10&by=kind"
                        ).json()
    [delivery] = body["groups"]
    assert (delivery["key"], delivery["due"], delivery["kept"], delivery["broken"]) == (
        "delivery", 4, 3, 1)
    assert delivery["value"] == 75.0
    assert delivery["low"] == pytest.approx(28.91, abs=0.01)  # adjusted Wald, by hand
    assert delivery["high"] == pytest.approx(96.59, abs=0.01)
    assert body["overall"]["value"] == 75.0


def test_owner_who_is_another_agent(api, client, team_lead, rasa, customer):
    ona = AgentFactory(user=UserFactory(username="ona", first_name="Ona", last_name="Onaitė",
                                        role=Role.AGENT), team=rasa.team)
    promise = {"customer": customer.pk, "kind": "visit", "description": "Apsilankyti",
               "due_at": DUE, "owner": ona.pk, "notify_customer": False}
    # Handing work to a colleague is their lead's call, not a fellow agent's.
    assert post(api, promise).status_code == 403
    assert Promise.objects.count() == 0
    client.force_login(team_lead)
    created = post(client, promise)
    assert created.status_code == 201 and created.json()["owner"] == ona.pk
    assert mail.outbox == []
