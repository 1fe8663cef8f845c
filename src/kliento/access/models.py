"""Permissions that belong to no one model: what a role may see across the whole product."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Access(models.Model):
    """Holds the product-wide permissions; no table (Django needs a model to hang them on)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("access")
        permissions = [
            ("reach_everyone", _("Can see and change everyone's promises, cases, customers "
                                 "and scorecards, not only their own and their team's")),
            ("view_dashboard", _("Can see the dashboard")),
            ("explore_measures", _("Can explore measures by team, agent and period, and "
                                   "download them")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
