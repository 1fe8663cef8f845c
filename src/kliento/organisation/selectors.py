"""Reads of the organisation's settings.

``company_settings()`` is the one way to read the company's settings (name, logo, smallest
group shown, retention periods): other apps — the monthly report, employee surveys, the
retention job — call it rather than query the model.
"""

from kliento.organisation.models import CompanySettings


def company_settings() -> CompanySettings:
    """The company's settings, the row made with its defaults on first read."""
    row, _ = CompanySettings.objects.get_or_create(pk=CompanySettings.SINGLETON_PK)
    return row


def min_group_size() -> int:
    """The smallest number of anonymous answers a report may show as one group (default 5)."""
    return company_settings().min_group_size
