"""Permissions for the data-protection duties: reading the audit log, exporting and erasing
a customer's data. Managers hold them from the start."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Privacy(models.Model):
    """Holds the privacy permissions; no table (Django needs a model to hang them on)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("privacy")
        permissions = [
            ("view_audit_log", _("Can read the audit log")),
            ("export_customer", _("Can export everything held about a customer")),
            ("erase_customer", _("Can erase a customer's identifying data")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
