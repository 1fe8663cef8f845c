from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kliento.interactions.models import Touchpoint
from kliento.organisation.models import Team


class AlertSubscription(models.Model):
    """"Tell me when this measure changes significantly": one measure, for everything or for
    one touchpoint or one team."""

    class Measure(models.TextChoices):
        NPS = "nps", _("Net Promoter Score")
        CSAT = "csat", _("Satisfaction (CSAT)")
        CES = "ces", _("Effort (CES)")
        KV = "kv", _("KV index (experience ÷ expectation)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="alert_subscriptions", verbose_name=_("person"))
    measure = models.CharField(_("measure"), max_length=10, choices=Measure)
    touchpoint = models.ForeignKey(Touchpoint, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=_("touchpoint"))
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name=_("team"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["measure", "pk"]
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.CheckConstraint(condition=Q(touchpoint__isnull=True) | Q(team__isnull=True),
                                   name="alert_one_scope_at_most"),
        ]

    def __str__(self) -> str:
        scope = self.touchpoint or self.team or _("everything")
        return f"{self.get_measure_display()} · {scope}"


class AlertDigest(models.Model):
    """One person's digest of one week went out (or had nothing to say): sent once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="alert_digests", verbose_name=_("person"))
    week_start = models.DateField(_("week starting"))
    sent_at = models.DateTimeField(_("sent at"))
    changes = models.PositiveSmallIntegerField(_("significant changes"), default=0)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("alert digest")
        verbose_name_plural = _("alert digests")
        constraints = [models.UniqueConstraint(fields=["user", "week_start"],
                                               name="alert_digest_once_a_week")]

    def __str__(self) -> str:
        return f"{self.user} · {self.week_start}"
