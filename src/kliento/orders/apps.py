from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "kliento.orders"
    verbose_name = _("Orders")

    def ready(self) -> None:
        from kliento.orders import access  # noqa: F401  (registers whose records a role reaches)
