"""Right of access: everything Kliento holds about one customer, as one JSON document (and
as a ZIP of CSV files, one per kind, for spreadsheets)."""

import csv
import io
import json
import zipfile
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kliento.audit_trail.models import AuditEvent
from kliento.customers.models import Customer
from kliento.notices.models import Notice
from kliento.privacy.erasure import mail_directory, mail_text
from kliento.recovery.models import CompensationGrant
from kliento.webhooks.models import WebhookDelivery

# Digests of links and signing secrets are ours, not the person's data, and would only help
# an attacker.
NEVER_EXPORTED = {"status_token_digest", "token_digest", "questions_stamp"}


def _rows(queryset) -> list[dict]:
    fields = [f for f in queryset.model._meta.concrete_fields if f.attname not in NEVER_EXPORTED]
    return [{f.attname: getattr(row, f.attname) for f in fields} for row in queryset]


def _emails_sent(customer: Customer) -> list[dict]:
    """The e-mails the file backend kept for the customer's address (SMTP keeps none)."""
    folder = mail_directory()
    if folder is None or not folder.is_dir() or not customer.email:
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and customer.email.casefold() in mail_text(path).casefold():
            found.append({"file": Path(path).name, "text": path.read_text("utf-8", "replace")})
    return found


def customer_export(customer: Customer) -> dict:
    """Profile, consent and its history, interactions, responses and comments, invitations,
    promises, recovery cases and grants, notices and e-mails sent, webhook events about
    them, and the audit trail of all of it."""
    promise_ids = list(customer.promises.values_list("pk", flat=True))
    case_ids = list(customer.recovery_cases.values_list("pk", flat=True))
    sections = {
        "customer": _rows(Customer.objects.filter(pk=customer.pk)),
        "consent_changes": _rows(customer.consent_changes.order_by("changed_at", "pk")),
        "interactions": _rows(customer.interactions.order_by("opened_at", "pk")),
        "survey_responses": _rows(customer.survey_responses.order_by("responded_at", "pk")),
        "survey_invitations": _rows(customer.survey_invitations.order_by("created_at", "pk")),
        "promises": _rows(customer.promises.order_by("promised_at", "pk")),
        "recovery_cases": _rows(customer.recovery_cases.order_by("opened_at", "pk")),
        "compensation_grants": _rows(CompensationGrant.objects.filter(case_id__in=case_ids)
                                     .order_by("created_at", "pk")),
        "notices": _rows(Notice.objects.filter(Q(promise_id__in=promise_ids)
                                               | Q(recovery_case_id__in=case_ids))
                         .order_by("created_at", "pk")),
        "webhook_events": _rows(WebhookDelivery.objects.filter(
            Q(payload__customer__id=customer.pk)
            | Q(subject__in=[f"recovery_case:{pk}" for pk in case_ids]))
            .order_by("created_at", "pk")),
        "emails_sent": _emails_sent(customer),
    }
    about = Q(object_type="customers.customer", object_id=str(customer.pk))
    for key, label in (("interactions", "interactions.interaction"),
                       ("survey_responses", "surveys.surveyresponse"),
                       ("survey_invitations", "surveys.invitation"),
                       ("promises", "promises.promise"),
                       ("recovery_cases", "recovery.recoverycase"),
                       ("compensation_grants", "recovery.compensationgrant")):
        about |= Q(object_type=label, object_id__in=[str(row["id"]) for row in sections[key]])
    sections["audit_trail"] = _rows(AuditEvent.objects.filter(about).order_by("at", "pk"))
    for row in sections["audit_trail"]:
        row.pop("actor_id", None)  # staff are named by actor_name; their ids are internal
    return {"exported_at": timezone.now(), "customer_id": customer.pk, **sections}


def export_json(document: dict) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False,
                      indent=2).encode("utf-8")


def _cell(value) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if isinstance(value, models.Model):
        return str(value.pk)
    return "" if value is None else str(value)


def export_zip(document: dict) -> bytes:
    """export.json plus one CSV (UTF-8 with BOM, for spreadsheets) per non-empty section."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.json", export_json(document))
        for name, rows in document.items():
            if not isinstance(rows, list) or not rows:
                continue
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()
