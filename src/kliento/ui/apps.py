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
        from django.contrib import admin

        from kliento.ui.navigation import nav_item_register

        # The admin is part of the product: it says so, in the person's language.
        admin.site.site_header = _("Kliento data")
        admin.site.site_title = _("Kliento data")
        admin.site.index_title = _("Every record, for staff")
        admin.site.site_url = "/"

        nav_item_register(group="setup", label=_("Data"), url_name="admin:index",
                          staff_only=True, order=90)
