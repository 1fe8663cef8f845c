from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefectsConfig(AppConfig):
    name = "kliento.defects"
    verbose_name = _("Defects")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="customers", label=_("Defects"), url_name="defects:list",
            permissions=["defects.view_defect"], current_app="defects", order=60)

        from kliento.database.history import customer_name_corrected
        from kliento.defects import access  # noqa: F401  (registers whose defects a role reaches)
        from kliento.defects.services import wrong_name_defect_log

        # A customer who corrects their name on a survey page saw it written wrong.
        customer_name_corrected.connect(wrong_name_defect_log,
                                        dispatch_uid="defects.wrong_name")
