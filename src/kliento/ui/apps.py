from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# The empty choice of every select (django.db.models.fields.BLANK_CHOICE_LABEL): Django 6.1's
# own catalogues do not translate it into lt, lv, ru or pl yet, so ours does (LOCALE_PATHS
# come before Django's).
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")


class UiConfig(AppConfig):
    name = "kliento.ui"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(group="setup", label=_("Data"), url_name="admin:index",
                          staff_only=True, order=90)
