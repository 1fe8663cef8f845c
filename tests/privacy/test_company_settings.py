"""The company's settings: one row made on first read, changed by managers on their page
(audited, with who and before/after), bad values refused beside their field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kliento.audit_trail.models import AuditEvent
from kliento.organisation.models import CompanySettings
from kliento.organisation.selectors import company_settings, min_group_size
from kliento.organisation.services import company_settings_update
from tests.access.test_role_table import PNG_PIXEL


@pytest.mark.django_db
def test_the_first_read_makes_the_one_row_with_its_defaults():
    assert CompanySettings.objects.count() == 0
    first = company_settings()
    assert (first.pk, first.min_group_size, first.company_name) == (1, 5, "")
    assert first.retention_days() == dict.fromkeys(
        ("free_text", "mail_files", "import_files", "webhook_deliveries", "audit_events"))
    assert company_settings().pk == first.pk and CompanySettings.objects.count() == 1
    assert min_group_size() == 5


@pytest.mark.django_db
def test_the_service_refuses_what_is_not_a_setting_or_out_of_range():
    with pytest.raises(ValueError, match="not a company setting: pk"):
        company_settings_update(pk=2)
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError) as refused:
        company_settings_update(min_group_size=1)
    assert "min_group_size" in refused.value.message_dict
    assert company_settings().min_group_size == 5


def test_a_manager_changes_them_on_the_page_and_the_audit_log_says_who(client, org, settings,
                                                                       tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(org.manager)
    page = client.get(reverse("settings:company"))
    assert page.status_code == 200 and b"retain_free_text_days" in page.content
    answer = client.post(reverse("settings:company"), {
        "company_name": "UAB Šviesa", "min_group_size": "7", "retain_free_text_days": "365",
        "retain_mail_files_days": "30", "retain_import_files_days": "",
        "retain_webhook_deliveries_days": "90", "retain_audit_events_days": "730",
        "logo": SimpleUploadedFile("Šviesa.png", PNG_PIXEL, content_type="image/png")})
    assert answer.status_code == 302, answer.context["form"].errors
    row = company_settings()
    assert (row.company_name, row.min_group_size, row.retain_free_text_days,
            row.retain_import_files_days) == ("UAB Šviesa", 7, 365, None)
    assert (tmp_path / "company" / row.logo.name).read_bytes() == PNG_PIXEL
    event = AuditEvent.objects.filter(object_type="organisation.companysettings").latest("pk")
    assert (event.actor, event.source) == (org.manager, "page")
    assert event.changes["min_group_size"] == [5, 7]
    assert event.changes["company_name"] == ["", "UAB Šviesa"]
    logo = client.get(reverse("settings:logo"))
    assert b"".join(logo.streaming_content) == PNG_PIXEL
    assert logo["Content-Type"] == "image/png"


def test_a_bad_value_is_refused_beside_its_field_and_nothing_changes(client, org):
    client.force_login(org.manager)
    answer = client.post(reverse("settings:company"), {
        "company_name": "X", "min_group_size": "1", "retain_audit_events_days": "3",
        "logo": SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")})
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert set(errors) == {"min_group_size", "retain_audit_events_days", "logo"}
    assert company_settings().company_name == ""
    assert not AuditEvent.objects.filter(object_type="organisation.companysettings",
                                         action="changed").exists()


def test_removing_the_logo_deletes_its_file(client, org, settings, tmp_path,
                                            django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path
    company_settings_update(logo=SimpleUploadedFile("logo.png", PNG_PIXEL))
    stored = tmp_path / "company" / company_settings().logo.name
    assert stored.exists()
    client.force_login(org.manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("settings:company"), {"min_group_size": "5", "remove_logo": "on"})
    assert not company_settings().logo and not stored.exists()
