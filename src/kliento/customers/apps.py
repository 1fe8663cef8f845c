from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "kliento.customers"
    verbose_name = _("Customers")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kliento.customers import access  # noqa: F401  (registers whose records a role reaches)
        from kliento.database.text_folding import sqlite_fold_register

        # The name search folds on SQLite through this function; the surveys app connects the
        # same receiver (one dispatch_uid, so it runs once) for its comment search.
        connection_created.connect(sqlite_fold_register, dispatch_uid="kliento_folded")
