from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "kliento.analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from kliento.analytics.rollups import rollups_forget
        from kliento.database.history import past_changed

        # Stored rollups of changed weeks are forgotten, so they are computed live again.
        past_changed.connect(lambda sender, since, **kwargs: rollups_forget(since=since),
                             weak=False, dispatch_uid="analytics.rollups_forget")
