"""Right to erasure: a customer's identifying data is irreversibly overwritten everywhere it
is kept, while every number about the past stays the same.

Nothing that a measure counts or averages changes: rows stay (an interaction still counts, a
score still scores, a promise is still kept or broken), only names, contacts and free text
go. Records and their history are overwritten with ``update()`` — a ``save()`` would log
the old values once more in the audit trail. Then every text column of every table, the
JSON logs, the mail files and the import files are swept for the name, the e-mail address
and the phone number, so that free text that named the person elsewhere loses it too.
"""

import email
import json
import re
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record
from kliento.customers.models import Customer
from kliento.imports.models import ImportRun
from kliento.interactions.models import Interaction
from kliento.notices.models import Notice
from kliento.promises.models import Promise
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.surveys.models import Invitation, Question, SurveyResponse
from kliento.webhooks.models import WebhookDelivery

ERASED = "[erased]"
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


class AlreadyErased(Exception):
    pass


@dataclass
class ErasureReport:
    """What one erasure overwrote or removed, by kind (numbers only: the report is logged)."""

    customer_id: int
    records: dict[str, int] = field(default_factory=dict)
    history_rows: int = 0
    audit_events: int = 0
    text_columns_swept: int = 0
    webhook_payloads: int = 0
    json_values_swept: int = 0
    mail_files_removed: int = 0
    import_files_cleaned: int = 0
    import_files_removed: int = 0


def identifying_strings(customer: Customer) -> list[str]:
    """The strings that name the person, longest first (a name before its parts)."""
    found = {customer.full_name.strip(), customer.email.strip(), customer.phone.strip()}
    return sorted((text for text in found if len(text) >= 3), key=len, reverse=True)


def _scrubbed(text: str, needles: list[str]) -> str:
    for needle in needles:
        text = re.sub(re.escape(needle), ERASED, text, flags=re.IGNORECASE)
    return text


def _scrubbed_json(value, needles: list[str]):
    if isinstance(value, str):
        return _scrubbed(value, needles)
    if isinstance(value, list):
        return [_scrubbed_json(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed_json(item, needles) for key, item in value.items()}
    return value


def _json_needles(needles: list[str]) -> list[str]:
    """The needles as JSON text holds them: as written, and \\u-escaped (SQLite keeps JSON
    with non-ASCII letters escaped)."""
    return sorted({form for needle in needles
                   for form in (needle, json.dumps(needle)[1:-1])}, key=len, reverse=True)


def _overwrite(model: type[models.Model], ids: list, values: dict) -> tuple[int, int]:
    """Overwrite ``values`` on the rows and on their historical rows; (rows, history rows)."""
    if not ids:
        return 0, 0
    rows = model.objects.filter(pk__in=ids).update(**values)
    history = 0
    if hasattr(model, "history"):
        history_model = model.history.model
        names = {f.attname for f in history_model._meta.concrete_fields}
        kept = {name: value for name, value in values.items() if name in names}
        if kept:
            history = history_model.objects.filter(**{f"{model._meta.pk.attname}__in": ids}
                                                   ).update(**kept)
    return rows, history


def _audit_events_scrub(model: type[models.Model], ids: list, fields: set[str]) -> int:
    """The audit log's copies of the overwritten fields, and the object's label (a promise's
    names its customer)."""
    label = model._meta.label_lower
    events = AuditEvent.objects.filter(object_type=label, object_id__in=[str(i) for i in ids])
    changed = 0
    for event in events.iterator():
        event.changes = {name: ([ERASED if value not in (None, "") else value
                                 for value in values] if name in fields else values)
                         for name, values in event.changes.items()}
        event.object_repr = f"{model._meta.model_name} #{event.object_id}"
        event.save(update_fields=["changes", "object_repr"])
        changed += 1
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model),
                            object_id__in=[str(i) for i in ids]).update(
        object_repr=f"{model._meta.model_name} (erased)", change_message="")
    return changed


def _text_columns_sweep(needles: list[str]) -> int:
    """Every CharField and TextField of every model (historical ones and the audit log
    included): occurrences of the needles become ``[erased]``."""
    swept = 0
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, models.CharField | models.TextField):
                continue
            name = model_field.attname
            matches = Q()
            for needle in needles:
                matches |= Q(**{f"{name}__icontains": needle})
            for pk, text in model.objects.filter(matches).values_list("pk", name).iterator():
                model.objects.filter(pk=pk).update(**{name: _scrubbed(text, needles)})
                swept += 1
    return swept


def _json_columns_sweep(needles: list[str]) -> int:
    swept = 0
    forms = _json_needles(needles)
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, models.JSONField):
                continue
            name = model_field.attname
            matches = Q()
            for form in forms:
                matches |= Q(**{f"{name}__icontains": form})
            for pk, value in model.objects.filter(matches).values_list("pk", name).iterator():
                model.objects.filter(pk=pk).update(**{name: _scrubbed_json(value, needles)})
                swept += 1
    return swept


def mail_text(path: Path) -> str:
    """A mail file as a reader would see it: raw, plus every header and part decoded
    (names travel RFC 2047-encoded, bodies quoted-printable or base64)."""
    raw = path.read_bytes()
    texts = [raw.decode("utf-8", "replace")]
    for chunk in re.split(rb"\n-{50,}\n", raw):
        message = email.message_from_bytes(chunk.strip(b"\n"), policy=policy.default)
        texts.extend(str(value) for value in message.values())
        for part in message.walk():
            if not part.is_multipart():
                try:
                    texts.append(part.get_content() if isinstance(part.get_content(), str)
                                 else "")
                except (LookupError, KeyError):
                    continue
    return "\n".join(texts)


def mail_directory() -> Path | None:
    mailer = settings.MAILERS.get("default", {})
    if mailer.get("BACKEND", "").endswith("filebased.EmailBackend"):
        return Path(mailer["OPTIONS"]["file_path"])
    return None


def _mail_files_remove(needles: list[str]) -> int:
    folder = mail_directory()
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    folded = [needle.casefold() for needle in needles]
    for path in folder.iterdir():
        if path.is_file():
            text = mail_text(path).casefold()
            if any(needle in text for needle in folded):
                path.unlink()
                removed += 1
    return removed


def _spreadsheet_text(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return "\n".join(" ".join(str(cell) for cell in row)
                     for name in workbook.sheet_names
                     for row in workbook.get_sheet_by_name(name).to_python())


def _import_file_clean(path: Path, encoding: str, needles: list[str]) -> str:
    """"cleaned" (the lines that named the person dropped), "removed" (a spreadsheet that
    named them: it cannot be edited line by line) or ""."""
    if not path.is_file():
        return ""
    folded = [needle.casefold() for needle in needles]
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        try:
            text = _spreadsheet_text(path)
        except Exception:  # unreadable: keep nothing that might name them
            text = needles[0]
        if any(needle in text.casefold() for needle in folded):
            path.unlink()
            return "removed"
        return ""
    raw = path.read_bytes()
    text = raw.decode(encoding or "utf-8", "replace")
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not any(needle in line.casefold() for needle in folded)]
    if len(kept) == len(lines):
        return ""
    path.write_bytes("".join(kept).encode(encoding or "utf-8", "replace"))
    return "cleaned"


def _import_files_clean(needles: list[str], report: ErasureReport) -> None:
    for run in ImportRun.objects.exclude(stored_file="", rejects_file=""):
        for attribute in ("stored_file", "rejects_file"):
            name = getattr(run, attribute)
            if not name:
                continue
            encoding = run.encoding if attribute == "stored_file" else "utf-8"
            outcome = _import_file_clean(Path(name), encoding, needles)
            if outcome == "cleaned":
                report.import_files_cleaned += 1
            elif outcome == "removed":
                report.import_files_removed += 1
                ImportRun.objects.filter(pk=run.pk).update(**{attribute: ""})


@transaction.atomic
def customer_erase(customer: Customer, *, now=None) -> ErasureReport:
    """Erase ``customer``'s identifying data everywhere (see the module's docstring)."""
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    if customer.erased_at is not None:
        raise AlreadyErased(customer.pk)
    now = now or timezone.now()
    needles = identifying_strings(customer)
    report = ErasureReport(customer_id=customer.pk)
    text_answers = [str(pk) for pk in Question.objects.filter(kind=Question.Kind.TEXT)
                    .values_list("pk", flat=True)]

    def overwrite(model, queryset, values):
        ids = list(queryset.values_list("pk", flat=True))
        rows, history = _overwrite(model, ids, values)
        report.records[model._meta.model_name] = rows
        report.history_rows += history
        report.audit_events += _audit_events_scrub(model, ids, set(values))
        return ids

    overwrite(Customer, Customer.objects.filter(pk=customer.pk), {
        "full_name": ERASED, "email": "", "phone": "", "city": "", "external_id": None,
        "consents_to_surveys": False, "consents_to_promise_updates": False,
        "consents_to_offers": False, "erased_at": now})
    overwrite(Interaction, Interaction.objects.filter(customer=customer), {"text": ""})
    promise_ids = overwrite(Promise, Promise.objects.filter(customer=customer), {
        "description": ERASED, "closed_note": "", "specification": {},
        "status_token_digest": None})
    # Custom text answers go; scores and choices stay, they are what the figures count.
    responses = SurveyResponse.objects.filter(customer=customer)
    overwrite(SurveyResponse, responses, {"comment": ""})
    for response in responses.exclude(answers={}).only("pk", "answers"):
        answers = {key: ("" if key in text_answers else value)
                   for key, value in response.answers.items()}
        _overwrite(SurveyResponse, [response.pk], {"answers": answers})
    overwrite(Invitation, Invitation.objects.filter(customer=customer), {"draft": {}})
    case_ids = overwrite(RecoveryCase, RecoveryCase.objects.filter(customer=customer), {
        "listening_notes": "", "problem_paraphrase": "", "customer_expectation": "",
        "agreed_solution": ""})
    overwrite(CompensationGrant, CompensationGrant.objects.filter(case_id__in=case_ids),
              {"reason": ERASED})
    report.records["notice"] = Notice.objects.filter(
        Q(promise_id__in=promise_ids) | Q(recovery_case_id__in=case_ids)).update(
        subject=ERASED, body="")
    report.webhook_payloads = sum(
        WebhookDelivery.objects.filter(pk=pk).update(payload={"erased": True})
        for pk in WebhookDelivery.objects.filter(
            Q(payload__customer__id=customer.pk)
            | Q(subject__in=[f"recovery_case:{pk}" for pk in case_ids])
        ).values_list("pk", flat=True))
    if needles:
        report.text_columns_swept = _text_columns_sweep(needles)
        report.json_values_swept = _json_columns_sweep(needles)
        report.mail_files_removed = _mail_files_remove(needles)
        _import_files_clean(needles, report)
    audit_event_record(AuditEvent.Action.ERASED, object_type="customers.customer",
                       object_id=customer.pk, object_repr=f"customer #{customer.pk}",
                       detail=report.__dict__ | {"customer_id": customer.pk})
    return report
