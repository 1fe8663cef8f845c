"""Writes for privacy: exports (logged) and erasures."""

from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record
from kliento.customers.models import Customer
from kliento.privacy.erasure import ErasureReport, customer_erase
from kliento.privacy.export import customer_export, export_json, export_zip

EXPORT_FORMATS = {"json": ("application/json", "json"), "zip": ("application/zip", "zip")}


def customer_data_export(customer: Customer, *, file_format: str = "json"
                         ) -> tuple[bytes, str, str]:
    """(content, content type, file name) of everything held about ``customer``; the export
    is logged in the audit trail (who, when, which customer, never what)."""
    content_type, suffix = EXPORT_FORMATS[file_format]
    document = customer_export(customer)
    content = export_zip(document) if file_format == "zip" else export_json(document)
    audit_event_record(AuditEvent.Action.EXPORTED, object_type="customers.customer",
                       object_id=customer.pk, object_repr=f"customer #{customer.pk}",
                       detail={"export": "customer data", "format": file_format})
    return content, content_type, f"customer-{customer.pk}.{suffix}"


def customer_data_erase(customer: Customer) -> ErasureReport:
    return customer_erase(customer)
