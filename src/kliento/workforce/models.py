"""Staffing to demand: each channel's service target, the shifts agents work and the roster
that puts them on a channel on a day, and the days the centre is closed."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kliento.interactions.models import Channel
from kliento.organisation.models import Agent

# Channels whose target is the time to a first written answer, already kept on the Channel.
WRITTEN_CHANNELS = ("email", "chat", "social", "web")
DEFAULT_ANSWER_WITHIN_SECONDS = 20  # the classic 80/20 of a phone queue


class ServiceTarget(models.Model):
    """How well a channel's queue must be served: ``service_level`` of the contacts answered
    within ``answer_within_seconds``, planned with ``shrinkage`` (time paid but not on the
    queue) and at most ``max_occupancy`` busy time. A channel without a row plans at 80/20."""

    channel = models.OneToOneField(
        Channel, verbose_name=_("channel"), on_delete=models.CASCADE,
        related_name="service_target",
    )
    service_level = models.FloatField(
        _("service level"), default=0.8,
        validators=[MinValueValidator(0.01), MaxValueValidator(0.999)],
        help_text=_("Share of contacts to answer within the time below, e.g. 0.8."),
    )
    answer_within_seconds = models.PositiveIntegerField(
        _("answer within (s)"), null=True, blank=True,
        help_text=_("Empty: 20 s for calls; for e-mail and chat the channel's first response "
                    "target."),
    )
    shrinkage = models.FloatField(
        _("shrinkage"), default=0.3,
        validators=[MinValueValidator(0.0), MaxValueValidator(0.95)],
        help_text=_("Share of paid time not on the queue: breaks, training, absence."),
    )
    max_occupancy = models.FloatField(
        _("maximum occupancy"), default=0.85,
        validators=[MinValueValidator(0.1), MaxValueValidator(1.0)],
        help_text=_("Busiest share of time an agent should be handling contacts."),
    )

    class Meta:
        verbose_name = _("service target")
        verbose_name_plural = _("service targets")
        permissions = [("plan_staffing", "Can see the staffing plan and its accuracy")]
        constraints = [
            models.CheckConstraint(
                condition=Q(service_level__gt=0) & Q(service_level__lt=1),
                name="servicetarget_service_level_is_a_share"),
            models.CheckConstraint(condition=Q(shrinkage__gte=0) & Q(shrinkage__lt=1),
                                   name="servicetarget_shrinkage_is_a_share"),
            models.CheckConstraint(condition=Q(max_occupancy__gt=0) & Q(max_occupancy__lte=1),
                                   name="servicetarget_max_occupancy_is_a_share"),
        ]

    def __str__(self) -> str:
        return str(self.channel)


class Shift(models.Model):
    """A named working time, e.g. "Early 08:00–16:30"; ends before it starts for a night
    shift that runs past midnight."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at", "name"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [models.CheckConstraint(condition=~Q(starts_at=F("ends_at")),
                                              name="shift_is_not_empty")]

    def __str__(self) -> str:
        return f"{self.name} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class RosterEntry(models.Model):
    """One agent working one shift on one channel on a local calendar day."""

    day = models.DateField(_("day"))
    agent = models.ForeignKey(Agent, verbose_name=_("agent"), on_delete=models.CASCADE,
                              related_name="roster_entries")
    shift = models.ForeignKey(Shift, verbose_name=_("shift"), on_delete=models.PROTECT,
                              related_name="roster_entries")
    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.PROTECT,
                                related_name="roster_entries")

    class Meta:
        ordering = ["day", "shift__starts_at", "agent"]
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster")
        constraints = [models.UniqueConstraint(fields=["agent", "day", "shift"],
                                               name="roster_agent_once_per_shift")]
        indexes = [models.Index(fields=["channel", "day"], name="roster_channel_day")]

    def __str__(self) -> str:
        return f"{self.day} · {self.shift} · {self.agent} · {self.channel}"


class Closure(models.Model):
    """A day the contact centre is closed (besides the country's public holidays): its
    history does not train the forecast, and the plan needs nobody that day."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self) -> str:
        return f"{self.day} {self.reason}".strip()
