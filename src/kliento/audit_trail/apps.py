from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditTrailConfig(AppConfig):
    name = "kliento.audit_trail"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Every historical row also lands in the one audit log; sign-ins are logged there too.
        from kliento.audit_trail import history, sign_ins  # noqa: F401
