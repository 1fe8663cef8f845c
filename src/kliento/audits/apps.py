from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "kliento.audits"
    verbose_name = _("Mystery-shopping audits")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="people", label=_("Audits"), url_name="audits:overview",
            permissions=["audits.view_servicestandard"], current_app="audits", order=40)
        # Auditors record audits but do not read the standards' overview.
        nav_item_register(
            group="people", label=_("New audit"), url_name="audits:new",
            permissions=["audits.add_audit"], current_app="audits",
            current_when=lambda match: match.url_name == "new", order=41)

        from kliento.audits import access  # noqa: F401  (registers whose records a role reaches)
