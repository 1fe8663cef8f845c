import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.organisation.models import Agent, Team


class Metric(models.TextChoices):
    """What an agent is scored on; :mod:`kliento.people.scorecard` says how each is counted."""

    NPS = "nps", _("NPS")
    CSAT = "csat", _("CSAT")
    KV = "kv", _("KV index")
    SERVICE_GRADE = "service_grade", _("Service grade")
    PROMISE_KEPT = "promise_kept", _("Promises kept")
    FIRST_CONTACT_RESOLUTION = "first_contact_resolution", _("First-contact resolution")
    HANDLE_TIME = "handle_time", _("Handle time")
    UPSELL_OFFERED = "upsell_offered", _("Upsell offered")
    UPSELL_ACCEPTED = "upsell_accepted", _("Upsell accepted")
    AUDIT_SCORE = "audit_score", _("Audit score")


class Contest(models.Model):
    """A friendly contest: who does best on one metric over a period. Open to the teams and
    agents named (nobody named: everyone); an agent with fewer than ``minimum_sample``
    observations in the period is listed but not ranked."""

    name = models.CharField(_("name"), max_length=120)
    metric = models.CharField(_("metric"), max_length=30, choices=Metric)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    teams = models.ManyToManyField(Team, verbose_name=_("teams"), blank=True,
                                   related_name="contests")
    agents = models.ManyToManyField(Agent, verbose_name=_("agents"), blank=True,
                                    related_name="contests")
    minimum_sample = models.PositiveIntegerField(
        _("minimum sample"), default=20, validators=[MinValueValidator(1)],
        help_text=_("Responses (or contacts, promises, audits) an agent needs to be ranked."))
    prize = models.TextField(_("prize"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), db_default=Now())

    history = tracked_history()

    class Meta:
        ordering = ["-ends_on", "name"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        permissions = [
            ("view_scorecard", _("Can see agents' scorecards and leaderboards")),
            ("view_people_analytics",
             _("Can see upsell, turnover, training and employee-loyalty analyses")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="contest_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name


class BonusRule(models.Model):
    """Pay ``amount_per_point`` for each point an agent's result lies above ``target`` in a
    month, at most ``cap`` (blank: no cap). Points are the metric's own units: NPS points,
    percentage points, minutes of handle time below the target for a lower-is-better metric.
    Agents with fewer than ``minimum_sample`` observations in the month earn nothing."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    metric = models.CharField(_("metric"), max_length=30, choices=Metric)
    target = models.FloatField(_("target"))
    amount_per_point = models.DecimalField(_("amount per point"), max_digits=10,
                                           decimal_places=2,
                                           validators=[MinValueValidator(0)])
    cap = models.DecimalField(_("cap per period"), max_digits=10, decimal_places=2, null=True,
                              blank=True, validators=[MinValueValidator(0)])
    minimum_sample = models.PositiveIntegerField(_("minimum sample"), default=20,
                                                 validators=[MinValueValidator(1)])
    is_active = models.BooleanField(_("active"), default=True)

    history = tracked_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("bonus rule")
        verbose_name_plural = _("bonus rules")
        permissions = [("export_payouts", _("Can export bonus payouts for payroll"))]
        constraints = [
            models.CheckConstraint(condition=Q(amount_per_point__gte=0),
                                   name="bonus_rule_amount_not_negative"),
            models.CheckConstraint(condition=Q(cap__isnull=True) | Q(cap__gte=0),
                                   name="bonus_rule_cap_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class Training(models.Model):
    """A course some agents took on one day; its effect is their scores before and after."""

    course = models.CharField(_("course"), max_length=200)
    held_on = models.DateField(_("held on"))
    agents = models.ManyToManyField(Agent, verbose_name=_("agents"), through="Attendance",
                                    related_name="trainings")

    history = tracked_history()

    class Meta:
        ordering = ["-held_on", "course"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.UniqueConstraint(fields=["course", "held_on"], name="training_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.held_on:%Y-%m-%d})"


class Attendance(models.Model):
    training = models.ForeignKey(Training, verbose_name=_("training"), on_delete=models.CASCADE,
                                 related_name="attendances")
    agent = models.ForeignKey(Agent, verbose_name=_("agent"), on_delete=models.PROTECT,
                              related_name="attendances")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["training", "agent"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} · {self.training}"


class EmployeeSurvey(models.Model):
    """A round of the anonymous employee survey (eNPS, 0–10 "would you recommend working
    here", and the engagement items the manager adds) on the survey engine. Answers keep no
    link to the employee: :class:`EmployeeAnswer` holds only the team, and
    :class:`Participation` only that someone answered, never what, and never when."""

    survey = models.OneToOneField("surveys.Survey", verbose_name=_("survey"),
                                  on_delete=models.PROTECT, related_name="employee_survey")
    starts_on = models.DateField(_("open from"))
    ends_on = models.DateField(_("open until"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("employee survey")
        verbose_name_plural = _("employee surveys")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="employee_survey_ends_after_start"),
        ]

    def __str__(self) -> str:
        return str(self.survey)


class EmployeeAnswer(models.Model):
    """Which team an anonymous answer counts for: the only thing kept besides the answer."""

    employee_survey = models.ForeignKey(EmployeeSurvey, verbose_name=_("employee survey"),
                                        on_delete=models.CASCADE, related_name="answers")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT,
                             related_name="+")
    response = models.OneToOneField("surveys.SurveyResponse", verbose_name=_("response"),
                                    on_delete=models.CASCADE, related_name="employee_answer")

    class Meta:
        verbose_name = _("employee answer")
        verbose_name_plural = _("employee answers")

    def __str__(self) -> str:
        return f"{self.employee_survey} · {self.team}"


class Participation(models.Model):
    """That an agent answered a round — so nobody answers twice — with no time and no link
    to the answer. Its key is random, not counted: a counted key would line up, one by one,
    with the answers' keys written in the same transactions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    employee_survey = models.ForeignKey(EmployeeSurvey, verbose_name=_("employee survey"),
                                        on_delete=models.CASCADE, related_name="participations")
    agent = models.ForeignKey(Agent, verbose_name=_("agent"), on_delete=models.CASCADE,
                              related_name="+")

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["employee_survey", "agent"],
                                    name="participation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} · {self.employee_survey}"
