"""Retention: raw data older than the company's settings allow is removed, once a day.

What goes, per setting (:class:`kliento.organisation.models.CompanySettings`):

- **free text** — an interaction's text, a response's comment and text answers, notes on
  responses, a closed recovery case's notes, an invitation's unsent draft: cleared (``""``)
  on the records, on their historical rows and in the audit log's copies of those fields.
  Rows, scores, dates, statuses and amounts stay, so every KPI of every period is the same;
- **mail files** — e-mails the file backend wrote under ``var/mail/``: deleted;
- **import files** — uploaded files and their refused-rows files: deleted, the run keeps
  its counts;
- **webhook delivery logs** — finished deliveries (delivered or given up), payload and all:
  deleted; those still being tried stay;
- **audit events** — the audit log's events and the historical rows behind them: deleted.

Age is the record's own moment (an interaction's opening, a response's day, a file's
modification time, a delivery's creation, an event's time). Every run is logged as one
audit event with the counts (:data:`AuditEvent.Action.RETENTION`); a dry run counts only.
The daily job is :func:`retention_sweep`, part of the periodic sweeps; by hand:
``kliento privacy retention [--dry-run]``.
"""

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.context import Source, acting
from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record
from kliento.imports.models import ImportRun
from kliento.interactions.models import Interaction
from kliento.organisation.calendar import organisation_timezone
from kliento.organisation.selectors import company_settings
from kliento.privacy.erasure import mail_directory
from kliento.recovery.models import RecoveryCase
from kliento.surveys.models import Invitation, Question, ResponseNote, SurveyResponse
from kliento.webhooks.models import WebhookDelivery

# A chunk of ids per UPDATE or DELETE: under SQLite's bound-parameter limit, and short
# transactions on a busy PostgreSQL.
CHUNK = 500


@dataclass(frozen=True)
class FreeText:
    """The free-text fields of one model, cleared on rows older than the cutoff (``age``
    names the moment; ``only`` narrows the rows, e.g. closed cases)."""

    model: type[models.Model]
    age: str
    fields: tuple[str, ...]
    only: Q = field(default_factory=Q)


FREE_TEXT = (
    FreeText(Interaction, "opened_at", ("text",)),
    FreeText(SurveyResponse, "responded_at", ("comment",)),
    FreeText(ResponseNote, "created_at", ("text",)),
    # Open cases still need what the customer said; closed ones are numbers from then on.
    FreeText(RecoveryCase, "opened_at", ("listening_notes", "problem_paraphrase",
                                         "customer_expectation", "agreed_solution"),
             only=Q(closed_at__isnull=False)),
)


# What a run's counts are of, as the settings page names them.
REMOVED_LABELS = {
    "interaction_texts": _("Interaction texts cleared"),
    "surveyresponse_texts": _("Survey comments cleared"),
    "surveyresponse_text_answers": _("Text answers cleared"),
    "responsenote_texts": _("Notes on responses cleared"),
    "recoverycase_texts": _("Recovery case notes cleared"),
    "invitation_drafts": _("Unsent survey drafts cleared"),
    "history_rows": _("History rows cleared or deleted"),
    "audit_event_texts": _("Audit events' copies of text cleared"),
    "mail_files": _("E-mail files deleted"),
    "import_files": _("Import files deleted"),
    "webhook_deliveries": _("Webhook deliveries deleted"),
    "audit_events": _("Audit events deleted"),
}


@dataclass
class RetentionReport:
    """What one run removed (or, dry, would remove), by kind; numbers only."""

    dry_run: bool
    cutoffs: dict[str, str] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, count: int) -> None:
        self.removed[kind] = self.removed.get(kind, 0) + count

    @property
    def total(self) -> int:
        return sum(self.removed.values())


def _chunks(ids: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _has_text(names: Iterable[str]) -> Q:
    found = Q()
    for name in names:
        found |= ~Q(**{name: ""})
    return found


def _free_text_clear(spec: FreeText, cutoff: datetime, report: RetentionReport) -> None:
    model, label = spec.model, spec.model._meta.model_name
    old = model.objects.filter(spec.only, **{f"{spec.age}__lt": cutoff})
    ids = list(old.filter(_has_text(spec.fields)).values_list("pk", flat=True))
    report.add(f"{label}_texts", len(ids))
    cleared = dict.fromkeys(spec.fields, "")
    history = model.history.model if hasattr(model, "history") else None
    # Historical rows keep the old text too, whatever the record holds now.
    history_ids = [] if history is None else list(
        history.objects.filter(spec.only, **{f"{spec.age}__lt": cutoff})
        .filter(_has_text(spec.fields)).values_list("history_id", flat=True))
    report.add("history_rows", len(history_ids))
    events = _audit_copies(model, old, spec.fields)
    report.add("audit_event_texts", len(events))
    if report.dry_run:
        return
    for chunk in _chunks(ids):
        model.objects.filter(pk__in=chunk).update(**cleared)
    for chunk in _chunks(history_ids):
        history.objects.filter(history_id__in=chunk).update(**cleared)
    for event in events:
        event.changes = {name: (["" if value not in (None, "") else value for value in values]
                                if name in spec.fields else values)
                         for name, values in event.changes.items()}
        event.save(update_fields=["changes"])


def _audit_copies(model, old_rows, fields: tuple[str, ...]) -> list[AuditEvent]:
    """The audit log's events about the old rows that copied one of ``fields`` with text."""
    has_field = Q()
    for name in fields:
        has_field |= Q(changes__has_key=name)
    ids = [str(pk) for pk in old_rows.values_list("pk", flat=True)]
    events = []
    for chunk in _chunks(ids):
        for event in AuditEvent.objects.filter(
                has_field, object_type=model._meta.label_lower, object_id__in=chunk
        ).only("pk", "changes"):
            if any(value not in (None, "") for name in fields
                   for value in event.changes.get(name, ())):
                events.append(event)
    return events


def _text_answers_clear(cutoff: datetime, report: RetentionReport) -> None:
    """Answers to custom text questions live in the response's JSON: they go, choices and
    scales (what the figures count) stay."""
    text_questions = [str(pk) for pk in Question.objects.filter(kind=Question.Kind.TEXT)
                      .values_list("pk", flat=True)]
    if not text_questions:
        return
    holding = Q()
    for key in text_questions:
        holding |= Q(answers__has_key=key)
    changed = []
    for pk, answers in (SurveyResponse.objects.filter(holding, responded_at__lt=cutoff)
                        .values_list("pk", "answers").iterator()):
        kept = {key: ("" if key in text_questions else value) for key, value in answers.items()}
        if kept != answers:
            changed.append((pk, kept))
    report.add("surveyresponse_text_answers", len(changed))
    if not report.dry_run:
        for pk, kept in changed:
            SurveyResponse.objects.filter(pk=pk).update(answers=kept)
            SurveyResponse.history.filter(id=pk).update(answers=kept)


def _drafts_clear(cutoff: datetime, report: RetentionReport) -> None:
    drafts = Invitation.objects.filter(created_at__lt=cutoff).exclude(draft={})
    report.add("invitation_drafts", drafts.count())
    if not report.dry_run:
        drafts.update(draft={})


def _mail_files_delete(cutoff: datetime, report: RetentionReport) -> None:
    folder = mail_directory()
    old = [] if folder is None or not folder.is_dir() else [
        path for path in folder.iterdir()
        if path.is_file() and path.stat().st_mtime < cutoff.timestamp()]
    report.add("mail_files", len(old))
    if not report.dry_run:
        for path in old:
            path.unlink(missing_ok=True)


def _import_files_delete(cutoff: datetime, report: RetentionReport) -> None:
    """The files of finished runs older than the cutoff that Kliento keeps itself (uploads
    and refused-rows files under ``var/imports/``; a file a command imported from elsewhere
    is its owner's); the runs keep their counts."""
    own = (Path(settings.VAR_DIR) / "imports").resolve()
    runs = (ImportRun.objects.filter(created_at__lt=cutoff)
            .exclude(status__in=[ImportRun.Status.QUEUED, ImportRun.Status.RUNNING,
                                 ImportRun.Status.STORING])
            .filter(~Q(stored_file="") | ~Q(rejects_file="")))
    files = 0
    for run in runs.only("pk", "stored_file", "rejects_file"):
        gone = {}
        for attribute in ("stored_file", "rejects_file"):
            path = Path(getattr(run, attribute) or ".").resolve()
            if not (path.is_relative_to(own) and path.is_file()):
                continue
            files += 1
            gone[attribute] = ""
            if not report.dry_run:
                path.unlink()
                with suppress(OSError):  # an upload's own folder, once nothing is left in it
                    path.parent.rmdir()
        if gone and not report.dry_run:
            ImportRun.objects.filter(pk=run.pk).update(**gone)
    report.add("import_files", files)


def _webhook_deliveries_delete(cutoff: datetime, report: RetentionReport) -> None:
    finished = WebhookDelivery.objects.filter(created_at__lt=cutoff).filter(
        Q(delivered_at__isnull=False) | Q(gave_up_at__isnull=False))
    report.add("webhook_deliveries", finished.count())
    if not report.dry_run:
        finished.delete()


def _history_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models()
            if model._meta.model_name.startswith("historical")
            and any(f.name == "history_date" for f in model._meta.concrete_fields)]


def _audit_events_delete(cutoff: datetime, report: RetentionReport) -> None:
    events = AuditEvent.objects.filter(at__lt=cutoff)
    report.add("audit_events", events.count())
    for history in _history_models():
        old = history.objects.filter(history_date__lt=cutoff)
        report.add("history_rows", old.count())
        if not report.dry_run:
            old.delete()
    if not report.dry_run:
        events.delete()


def retention_enforce(*, now: datetime | None = None, dry_run: bool = False) -> RetentionReport:
    """Remove what is older than the settings keep (see the module's docstring), and log
    the counts as one audit event (not for a dry run)."""
    now = now or timezone.now()
    days = company_settings().retention_days()
    report = RetentionReport(dry_run=dry_run)
    steps = {
        "free_text": lambda cutoff: (
            [_free_text_clear(spec, cutoff, report) for spec in FREE_TEXT],
            _text_answers_clear(cutoff, report), _drafts_clear(cutoff, report)),
        "mail_files": lambda cutoff: _mail_files_delete(cutoff, report),
        "import_files": lambda cutoff: _import_files_delete(cutoff, report),
        "webhook_deliveries": lambda cutoff: _webhook_deliveries_delete(cutoff, report),
        "audit_events": lambda cutoff: _audit_events_delete(cutoff, report),
    }
    with transaction.atomic():
        for kind, step in steps.items():
            if days[kind] is None:
                continue
            cutoff = now - timedelta(days=days[kind])
            report.cutoffs[kind] = cutoff.isoformat()
            step(cutoff)
        if not dry_run:
            audit_event_record(AuditEvent.Action.RETENTION, object_type="privacy.retention",
                               object_repr="retention",
                               detail={"removed": report.removed, "cutoffs": report.cutoffs,
                                       "total": report.total})
    return report


def retention_sweep(*, now: datetime | None = None) -> int:
    """The daily job, run with the periodic sweeps: once per local day, the first sweep
    after midnight enforces the settings. Returns how many things it removed (0 when it
    ran already today)."""
    now = now or timezone.now()
    local = now.astimezone(organisation_timezone())
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if AuditEvent.objects.filter(action=AuditEvent.Action.RETENTION, at__gte=midnight,
                                 at__lte=now).exists():
        return 0
    with acting(Source.JOB):
        return retention_enforce(now=now).total


def retention_last_run() -> AuditEvent | None:
    """The last retention run's event (its counts in ``detail``), or None."""
    return (AuditEvent.objects.filter(action=AuditEvent.Action.RETENTION)
            .order_by("-at", "-pk").first())


def removed_counts_labelled(event: AuditEvent) -> list[tuple[str, int]]:
    """A run's counts as the page lists them: named, in the order of REMOVED_LABELS."""
    removed = event.detail.get("removed", {})
    return [(str(label), removed[kind]) for kind, label in REMOVED_LABELS.items()
            if kind in removed]
