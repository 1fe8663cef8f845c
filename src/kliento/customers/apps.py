from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "kliento.customers"
    verbose_name = _("Customers")

    def ready(self) -> None:
        from kliento.customers import access  # noqa: F401  (registers whose records a role reaches)
