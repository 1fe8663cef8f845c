"""Managers upload a file on a page; it is imported by a job while the page shows progress."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kliento.access.roles import Role
from kliento.customers.models import Customer
from kliento.imports.models import ImportRun
from tests.factories import UserFactory

SAMPLES = Path(__file__).parent / "samples"
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, settings, tmp_path):
    settings.TASKS = IMMEDIATE  # the job runs inside the request, as a worker would run it
    settings.VAR_DIR = tmp_path
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def upload(client, name: str, kind: str = "customers", **extra):
    data = (SAMPLES / name).read_bytes()
    return client.post(reverse("imports:list"), {
        "kind": kind, "preset": "kliento", "encoding": "",
        "file": SimpleUploadedFile(name, data), **extra})


def test_an_upload_is_imported_and_its_refused_rows_can_be_downloaded(manager, channels):
    sent = upload(manager, "customers-utf8-bom-semicolon.csv")
    run = ImportRun.objects.get()
    assert sent.url == reverse("imports:run", args=[run.pk])
    assert run.status == ImportRun.Status.DONE_WITH_REJECTS
    assert (run.rows_read, run.imported, run.rejected) == (5, 2, 3)
    assert run.lines_total == 6 and run.percent == 100
    page = manager.get(sent.url).content.decode()
    assert "not an e-mail address" in page and "duplicate id: also on line 2" in page
    refused = manager.get(reverse("imports:rejects", args=[run.pk]))
    text = b"".join(refused.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",error") and "C-3" in text
    assert Customer.objects.count() == 2


def test_progress_is_served_to_the_page_while_it_runs(manager):
    run = ImportRun.objects.create(kind="customers", file_name="big.csv", lines_total=1000,
                                   last_line=250, status=ImportRun.Status.RUNNING)
    fragment = manager.get(reverse("imports:run", args=[run.pk]), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'aria-valuenow="25"' in html and 'hx-trigger="every 1s"' in html


def test_an_unreadable_upload_says_why(manager, channels):
    manager.post(reverse("imports:list"), {
        "kind": "customers", "preset": "kliento",
        "file": SimpleUploadedFile("sheet.xlsx", b"not really a spreadsheet")})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and "not a readable spreadsheet" in run.failure


def test_a_preset_for_another_kind_is_refused_on_the_form(manager):
    page = upload(manager, "customers-cp1257.csv", preset="servicenow")
    assert page.status_code == 200 and "interactions only" in page.content.decode()
    assert not ImportRun.objects.exists()


def test_the_template_has_every_column_and_an_example(manager):
    template = manager.get(reverse("imports:template", args=["interactions"]))
    header, example = template.content.decode("utf-8-sig").splitlines()
    assert header.startswith("external_id,customer_external_id,channel,kind,opened_at")
    assert "2026-05-12 09:00" in example


def test_only_managers_import(client):
    client.force_login(UserFactory(username="agentas", role=Role.AGENT))
    assert client.get(reverse("imports:list")).status_code == 403
    assert client.get(reverse("imports:template", args=["customers"])).status_code == 403
