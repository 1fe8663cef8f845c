"""Writes to the organisation's settings."""

from django.db import transaction

from kliento.organisation.models import CompanySettings
from kliento.organisation.selectors import company_settings

EDITABLE_FIELDS = ("company_name", "logo", "min_group_size", "retain_free_text_days",
                   "retain_mail_files_days", "retain_import_files_days",
                   "retain_webhook_deliveries_days", "retain_audit_events_days")


@transaction.atomic
def company_settings_update(**changes) -> CompanySettings:
    """Change some of the company's settings; the change is in the audit log (who, when,
    through which door, before and after) through the model's history.

    ``logo=False`` removes the logo; a file object replaces it."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not a company setting: {', '.join(sorted(unknown))}")
    row = company_settings()
    old_logo = row.logo.name if row.logo else ""
    for name, value in changes.items():
        if name == "logo":
            if value is False:
                row.logo = ""
            elif value:
                row.logo.save(value.name, value, save=False)
            continue
        setattr(row, name, value)
    row.full_clean()
    row.save()
    new_logo = row.logo.name if row.logo else ""
    if old_logo and old_logo != new_logo:
        storage = row.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return row
