"""Retention: what the company keeps no longer goes — free text cleared, files, delivery
logs and audit events deleted — as the days pass (time travel), while every figure of the
dashboard stays the same; each run is logged with its counts."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from kliento.audit_trail.models import AuditEvent
from kliento.imports.models import ImportRun
from kliento.interactions.models import Interaction
from kliento.organisation.services import company_settings_update
from kliento.privacy.retention import retention_enforce, retention_sweep
from kliento.recovery.models import RecoveryCase
from kliento.surveys.models import SurveyResponse
from kliento.webhooks.models import WebhookDelivery
from tests.privacy.conftest import NAME
from tests.privacy.test_erasure import _dashboard_numbers

DAYS = {"retain_free_text_days": 30, "retain_mail_files_days": 30,
        "retain_import_files_days": 30, "retain_webhook_deliveries_days": 30,
        "retain_audit_events_days": 60}


def _files(folder):
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


def test_each_kind_goes_when_its_period_is_over_and_every_figure_stays(
        client, org, person, var_dir):
    company_settings_update(**DAYS)
    WebhookDelivery.objects.update(delivered_at=timezone.now() - timedelta(days=200))
    before = _dashboard_numbers(client, org)
    mail = _files(var_dir / "mail")
    uploads = _files(var_dir / "imports")
    assert mail and len(uploads) == 2  # the upload and its refused rows
    events_at_start = AuditEvent.objects.count()
    comment_before = SurveyResponse.objects.get(customer=person).comment
    assert NAME in comment_before

    # Today: the June texts are months old; the files and the log are fresh.
    report = retention_enforce()
    assert report.removed["interaction_texts"] == 2  # hers, and the one naming her
    assert report.removed["surveyresponse_texts"] == 1
    assert report.removed["webhook_deliveries"] == 1
    assert report.removed.get("mail_files") == 0 and report.removed.get("import_files") == 0
    assert not Interaction.objects.exclude(text="").exists()
    assert not Interaction.history.exclude(text="").exists()
    assert SurveyResponse.objects.get(customer=person).comment == ""
    assert not SurveyResponse.history.filter(
        id__in=SurveyResponse.objects.values("id")).exclude(comment="").exists()
    # The audit log's copies lose the text too, not the fact of the change.
    copies = [event.changes["text"] for event in AuditEvent.objects.filter(
        object_type="interactions.interaction", changes__has_key="text",
        object_id__in=[str(pk) for pk in Interaction.objects.values_list("id", flat=True)])]
    assert copies and all(value in (None, "") for pair in copies for value in pair)
    # An open case still needs what the customer said.
    assert NAME in RecoveryCase.objects.get(customer=person).listening_notes
    assert not WebhookDelivery.objects.exists()
    assert (_files(var_dir / "mail"), _files(var_dir / "imports")) == (mail, uploads)
    assert _dashboard_numbers(client, org) == before
    event = AuditEvent.objects.get(action="retention")
    assert event.detail["removed"] == report.removed and event.detail["total"] == report.total

    # A month on: the mail and import files are past their 30 days; the log is not.
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        report = retention_enforce()
    assert report.removed["mail_files"] == len(mail)
    assert report.removed["import_files"] == 2
    assert _files(var_dir / "mail") == [] and _files(var_dir / "imports") == []
    run = ImportRun.objects.get()
    assert (run.stored_file, run.rejects_file, run.imported) == ("", "", 1)  # counts stay
    assert report.removed["audit_events"] == 0
    assert AuditEvent.objects.count() > events_at_start

    # Two months on: the audit log and the history behind it are past their 60 days.
    with time_machine.travel(timezone.now() + timedelta(days=61)):
        report = retention_enforce()
        assert report.removed["audit_events"] >= events_at_start
        assert report.removed["history_rows"] > 0
        # What is left: the events of the last 60 days — this run's own and the one of a
        # month ago; today's first run and every change logged with the data went.
        assert list(AuditEvent.objects.values_list("action", flat=True)) == ["retention"] * 2
    assert not Interaction.history.exists() and not SurveyResponse.history.exists()
    assert _dashboard_numbers(client, org) == before


def test_nothing_goes_without_a_period_and_a_dry_run_only_counts(client, org, person, var_dir):
    texts = list(Interaction.objects.values_list("text", flat=True))
    report = retention_enforce()
    assert (report.cutoffs, report.total) == ({}, 0)
    company_settings_update(**DAYS)
    out = StringIO()
    call_command("privacy", "retention", "--dry-run", stdout=out)
    assert "would remove 2 interaction_texts" in out.getvalue()
    assert list(Interaction.objects.values_list("text", flat=True)) == texts
    assert AuditEvent.objects.filter(action="retention").count() == 1  # the first, real run
    call_command("privacy", "retention", stdout=out)
    assert "removed 2 interaction_texts" in out.getvalue()
    last = AuditEvent.objects.filter(action="retention").latest("pk")
    assert (last.source, last.actor) == ("command", None)
    assert last.detail["removed"]["interaction_texts"] == 2


def test_the_daily_job_runs_once_a_day_as_a_job(org, person):
    company_settings_update(retain_free_text_days=30)
    with time_machine.travel("2026-12-05 09:00 +02:00"):
        removed = retention_sweep()
        first = AuditEvent.objects.get(action="retention")
        assert removed == first.detail["total"] > 0
        assert (first.detail["removed"]["interaction_texts"],
                first.detail["removed"]["surveyresponse_texts"]) == (2, 1)
        assert retention_sweep() == 0  # later the same day: done already
    with time_machine.travel("2026-12-05 23:59 +02:00"):
        assert retention_sweep() == 0
    with time_machine.travel("2026-12-06 00:05 +02:00"):
        assert retention_sweep() == 0  # a new day: it runs, nothing is left to clear
    runs = AuditEvent.objects.filter(action="retention")
    assert runs.count() == 2
    assert {(event.source, event.actor_id) for event in runs} == {("job", None)}


@pytest.mark.django_db
def test_the_periodic_sweeps_include_retention():
    from kliento.jobs.services import SweepCounts

    assert "retention_removed" in SweepCounts.__dataclass_fields__
