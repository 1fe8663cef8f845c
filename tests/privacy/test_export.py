"""Right of access: one machine-readable file with everything held about the customer,
from the command and from the customer's page; each export is logged."""

import io
import json
import zipfile

from django.core.management import call_command
from django.urls import reverse

from kliento.audit_trail.models import AuditEvent
from tests.privacy.conftest import EMAIL, NAME


def test_the_command_exports_every_kind_of_record(org, person, tmp_path):
    target = tmp_path / "egle.json"
    call_command("customers", "export", str(person.pk), "-o", str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["customer"][0]["full_name"] == NAME
    assert len(document["interactions"]) == 1 and NAME in document["interactions"][0]["text"]
    assert document["survey_responses"][0]["comment"].startswith("Aš, ")
    assert len(document["promises"]) == 1 and len(document["recovery_cases"]) == 1
    assert len(document["compensation_grants"]) == 1
    assert len(document["survey_invitations"]) == 1
    assert "token_digest" not in document["survey_invitations"][0]
    assert len(document["notices"]) == 1 and len(document["webhook_events"]) == 1
    assert any(EMAIL in mail["text"] for mail in document["emails_sent"])
    assert {event["object_type"] for event in document["audit_trail"]} >= {
        "customers.customer", "promises.promise"}
    event = AuditEvent.objects.get(action="exported")
    assert (event.object_id, event.source) == (str(person.pk), "command")


def test_the_customer_page_exports_a_zip_for_managers_only(client, org, person):
    client.force_login(org.agent_a.user)
    page = client.get(reverse("customers:detail", kwargs={"pk": person.pk}))
    assert page.status_code == 200 and b"/export" not in page.content
    assert client.get(reverse("privacy:export", kwargs={"pk": person.pk})).status_code == 403
    client.force_login(org.manager)
    assert b"/export" in client.get(reverse("customers:detail", kwargs={"pk": person.pk})).content
    response = client.get(reverse("privacy:export", kwargs={"pk": person.pk}) + "?format=zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"export.json", "customer.csv", "promises.csv", "interactions.csv"} <= set(
        archive.namelist())
    assert NAME in archive.read("customer.csv").decode("utf-8-sig")
    event = AuditEvent.objects.get(action="exported")
    assert (event.actor, event.source, event.detail["format"]) == (org.manager, "page", "zip")
