from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "kliento.audits"
    verbose_name = _("Mystery-shopping audits")

    def ready(self) -> None:
        from kliento.audits import access  # noqa: F401  (registers whose records a role reaches)
