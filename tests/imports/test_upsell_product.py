"""The optional upsell_product column: kept when given, blank when absent, and an over-long
value refuses only its own row, naming the column."""

import csv

import pytest

from kliento.access.roles import Role
from kliento.imports.pipeline import import_file
from kliento.interactions.models import Interaction
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_file_keeps_the_product_and_refuses_only_the_over_long_row(channels, tmp_path):
    CustomerFactory(external_id="C-1")
    path = tmp_path / "contacts.csv"
    with path.open("w", newline="") as out:
        rows = csv.writer(out)
        rows.writerow(["external_id", "customer_external_id", "channel", "opened_at",
                       "upsell_product"])
        rows.writerow(["T-1", "C-1", "store", "2026-05-12 09:00", "Pratęsta garantija 3 m."])
        rows.writerow(["T-2", "C-1", "store", "2026-05-12 10:00", ""])
        rows.writerow(["T-3", "C-1", "store", "2026-05-12 11:00", "ž" * 121])
    report = import_file("interactions", path)
    assert (report.imported, report.rejected) == (2, 1)
    [problem] = report.problems
    assert (problem.line, problem.column) == (4, "upsell_product")
    assert "120" in problem.reason
    stored = dict(Interaction.objects.values_list("external_id", "upsell_product"))
    assert stored == {"T-1": "Pratęsta garantija 3 m.", "T-2": ""}


def test_the_push_accepts_the_product_and_names_it_when_too_long(client, channels):
    CustomerFactory(external_id="C-1")
    # A manager both pushes and reads interactions back (the integration role only pushes).
    client.force_login(UserFactory(username="egle", role=Role.MANAGER))
    reply = client.post("/api/v1/interactions", [
        {"external_id": "T-1", "customer_external_id": "C-1", "channel": "phone",
         "opened_at": "2026-05-12 09:00", "upsell_product": "Surinkimas"},
        {"external_id": "T-2", "customer_external_id": "C-1", "channel": "phone",
         "opened_at": "2026-05-12 09:30", "upsell_product": "x" * 121},
    ], content_type="application/json")
    assert reply.status_code == 200
    items = reply.json()["items"]
    assert [item["status"] for item in items] == ["created", "rejected"]
    assert [error["field"] for error in items[1]["errors"]] == ["upsell_product"]
    assert Interaction.objects.get(external_id="T-1").upsell_product == "Surinkimas"
    assert not Interaction.objects.filter(external_id="T-2").exists()
    listed = client.get("/api/v1/interactions?external_id=T-1").json()["items"]
    assert [item["upsell_product"] for item in listed] == ["Surinkimas"]


def test_a_file_marks_offers_and_refuses_an_acceptance_without_an_offer(channels, tmp_path):
    CustomerFactory(external_id="C-1")
    path = tmp_path / "contacts.csv"
    with path.open("w", newline="") as out:
        rows = csv.writer(out)
        rows.writerow(["external_id", "customer_external_id", "channel", "opened_at",
                       "upsell_offered", "upsell_accepted", "upsell_product"])
        rows.writerow(["T-1", "C-1", "store", "2026-05-12 09:00", "taip", "ne", "Surinkimas"])
        rows.writerow(["T-2", "C-1", "store", "2026-05-12 10:00", "yes", "yes", "Pristatymas"])
        rows.writerow(["T-3", "C-1", "store", "2026-05-12 11:00", "", "", ""])
        rows.writerow(["T-4", "C-1", "store", "2026-05-12 12:00", "no", "yes", "Kortelė"])
    report = import_file("interactions", path)
    assert (report.imported, report.rejected) == (3, 1)
    [problem] = report.problems
    assert (problem.line, problem.column) == (5, "upsell_accepted")
    assert "upsell_offered" in problem.reason
    stored = {external_id: (offered, accepted) for external_id, offered, accepted in
              Interaction.objects.values_list("external_id", "upsell_offered",
                                              "upsell_accepted")}
    assert stored == {"T-1": (True, False), "T-2": (True, True), "T-3": (False, False)}
