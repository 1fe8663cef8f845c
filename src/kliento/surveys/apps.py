from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kliento.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kliento.surveys import access  # noqa: F401  (registers whose records a role reaches)
        from kliento.surveys.comment_search import sqlite_fold_register

        connection_created.connect(sqlite_fold_register, dispatch_uid="kliento_folded")
