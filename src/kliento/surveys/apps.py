from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kliento.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="customers", label=_("Responses"), url_name="surveys:responses",
            permissions=["surveys.view_surveyresponse"], current_app="surveys",
            current_when=lambda match: "respons" in match.url_name, order=10)
        nav_item_register(
            group="setup", label=_("Surveys"), url_name="surveys:list",
            permissions=["surveys.view_survey"], current_app="surveys",
            current_when=lambda match: "respons" not in match.url_name, order=10)

        from django.db.backends.signals import connection_created

        from kliento.surveys import access  # noqa: F401  (registers whose records a role reaches)
        from kliento.surveys.comment_search import sqlite_fold_register

        connection_created.connect(sqlite_fold_register, dispatch_uid="kliento_folded")
