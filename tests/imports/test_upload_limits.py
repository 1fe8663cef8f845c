"""Uploads have a size limit: the import page refuses a file over KLIENTO_UPLOAD_MAX_BYTES
before reading it, and the API answers a body over DATA_UPLOAD_MAX_MEMORY_SIZE with 413 in
its JSON shape."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kliento.customers.models import Customer
from kliento.imports.models import ImportRun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def manager(client, settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.VAR_DIR = tmp_path
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def customers_csv(rows: int) -> bytes:
    return ("external_id,full_name\n" + "".join(f"C-{n},Ona Onaitė\n" for n in range(rows))
            ).encode("utf-8")


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(manager, settings):
    settings.KLIENTO_UPLOAD_MAX_BYTES = 1_000
    sent = manager.post(reverse("imports:list"), {
        "kind": "customers", "preset": "kliento",
        "file": SimpleUploadedFile("customers.csv", customers_csv(5_000))})
    assert sent.status_code == 413
    assert ("The file is 92.0\xa0KB; the largest that can be uploaded is 1000\xa0bytes"
            in sent.content.decode())
    assert not ImportRun.objects.exists() and not Customer.objects.exists()
    assert not (settings.VAR_DIR / "imports").exists()


def test_a_file_over_the_limit_in_a_smaller_request_gets_the_form_error(manager, settings):
    # The request's length allows for the other fields; the form checks the file's own.
    settings.KLIENTO_UPLOAD_MAX_BYTES = 1_000
    form_page = manager.post(reverse("imports:list"), {
        "kind": "customers", "preset": "kliento",
        "file": SimpleUploadedFile("customers.csv", customers_csv(60))})
    assert form_page.status_code == 200
    assert ("The file is 1.0\xa0KB; the largest that can be uploaded is 1000\xa0bytes"
            in form_page.content.decode())
    assert not ImportRun.objects.exists()


def test_an_upload_within_the_limit_is_imported(manager, settings, channels):
    settings.KLIENTO_UPLOAD_MAX_BYTES = 10_000
    manager.post(reverse("imports:list"), {
        "kind": "customers", "preset": "kliento",
        "file": SimpleUploadedFile("customers.csv", customers_csv(10))})
    assert ImportRun.objects.get().status == ImportRun.Status.DONE
    assert Customer.objects.count() == 10


def test_an_api_push_over_the_body_limit_gets_413_with_a_json_body(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    client.force_login(UserFactory(username="integration", is_staff=True, is_superuser=True))
    reply = client.post("/api/v1/customers", json.dumps(
        [{"external_id": f"C-{n}", "full_name": "Ona Onaitė"} for n in range(50)]),
        content_type="application/json")
    assert reply.status_code == 413
    assert reply.json() == {"detail": "The request body is larger than 1,000 bytes; send "
                                      "fewer items per request."}
    assert not Customer.objects.exists()
