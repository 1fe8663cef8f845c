"""The customer import takes consent per purpose — surveys, promise updates, occasions and
offers — as yes or no in any of the five languages, refuses anything else naming the row
and the column, and keeps each consent given in the customer's history, through the import,
by whoever started it."""

import json

import pytest

from kliento.access.roles import Role
from kliento.access.services import user_role_assign
from kliento.accounts.services import api_token_create
from kliento.customers.models import ConsentChange, Customer
from kliento.imports.models import ImportRun
from kliento.imports.services import import_run_execute, import_run_start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = ("external_id,full_name,preferred_language,consents_to_surveys,"
          "consents_to_promise_updates,consents_to_offers\n")
ROWS = {
    "C-1": ("Ona Jonaitė", "lt", "taip", "ne", "1"),
    "C-2": ("Jānis Bērziņš", "lv", "jā", "nē", "0"),
    "C-3": ("Ольга Смирнова", "ru", "да", "нет", "true"),
    "C-4": ("Zofia Nowak", "pl", "tak", "nie", "FALSE"),
    "C-5": ("Anna Smith", "en", "yes", "no", ""),
    "C-6": ("Petras Petraitis", "lt", "gal", "taip", "1"),  # "maybe": refused
}


def test_consent_columns_in_five_languages_with_history_and_clear_errors(tmp_path):
    manager = UserFactory(username="vadove")
    upload = tmp_path / "klientai.csv"
    upload.write_text(HEADER + "".join(f"{key},{','.join(values)}\n"
                                       for key, values in ROWS.items()), encoding="utf-8")
    run = import_run_start(kind="customers", file_name=upload.name, created_by=manager,
                           stored_file=str(upload))
    report = import_run_execute(run, upload, rejects_path=tmp_path / "refused.csv")
    assert (report.imported, report.rejected) == (5, 1)
    (problem,) = report.problems
    assert (problem.column, problem.value) == ("consents_to_surveys", "gal")
    assert "yes or no" in problem.reason
    assert "C-6" in (tmp_path / "refused.csv").read_text(encoding="utf-8-sig")
    assert not Customer.objects.filter(external_id="C-6").exists()  # nothing half-written

    consents = {customer.external_id: (customer.consents_to_surveys,
                                       customer.consents_to_promise_updates,
                                       customer.consents_to_offers)
                for customer in Customer.objects.all()}
    assert consents == {"C-1": (True, False, True), "C-2": (True, False, False),
                        "C-3": (True, False, True), "C-4": (True, False, False),
                        "C-5": (True, False, False)}
    history = sorted((change.customer.external_id, change.purpose, change.granted,
                      change.source, change.changed_by_id)
                     for change in ConsentChange.objects.select_related("customer"))
    assert history == sorted(
        [(key, "surveys", True, "import", manager.pk) for key in ("C-1", "C-2", "C-3", "C-4",
                                                                   "C-5")]
        + [(key, "offers", True, "import", manager.pk) for key in ("C-1", "C-3")])
    assert ImportRun.objects.get(pk=run.pk).rejected == 1


def test_the_api_push_keeps_the_history_as_the_apis_and_the_tokens_user(client):
    integration = UserFactory(username="crm")
    _token, raw = api_token_create(user=integration, name="crm")
    user_role_assign(integration, Role.INTEGRATION)
    answer = client.post("/api/v1/customers", data=json.dumps([
        {"external_id": "C-9", "full_name": "Ieva Ivanauskaitė", "consents_to_offers": "taip"},
        {"external_id": "C-10", "full_name": "Rūta Rutkutė", "consents_to_offers": "kartais"},
    ]), content_type="application/json", headers={"Authorization": f"Bearer {raw}"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert [item["status"] for item in body["items"]] == ["created", "rejected"]
    assert body["items"][1]["errors"][0]["field"] == "consents_to_offers"
    change = ConsentChange.objects.get()
    assert (change.customer.external_id, change.purpose, change.source,
            change.changed_by) == ("C-9", "offers", "api", integration)
