from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kliento.audit_trail.history import tracked_history
from kliento.customers.models import Customer
from kliento.interactions.models import Touchpoint
from kliento.lifecycle import engagement
from kliento.surveys.models import Survey, SurveyResponse


class Segment(models.TextChoices):
    """Where a customer is in their life with the company (see :class:`LifecycleRules`)."""

    NEW = "new", _("New")
    ACTIVE = "active", _("Active")
    AT_RISK = "at_risk", _("At risk")
    RECOVERED = "recovered", _("Recovered")
    LOST = "lost", _("Lost")


class Stage(models.TextChoices):
    """Emotional-engagement stages, lowest first (:mod:`kliento.lifecycle.engagement`)."""

    DISCONNECTED = engagement.DISCONNECTED, _("Disconnected")
    HIGHLY_SATISFIED = engagement.HIGHLY_SATISFIED, _("Highly satisfied")
    SEES_DIFFERENT = engagement.SEES_DIFFERENT, _("Sees the brand as different")
    FULLY_CONNECTED = engagement.FULLY_CONNECTED, _("Fully connected")


def _days(verbose_name, default: int, help_text) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(verbose_name, default=default, help_text=help_text,
                                       validators=[MinValueValidator(1),
                                                   MaxValueValidator(3650)])


class LifecycleRules(models.Model):
    """The rules that place each customer in one lifecycle segment, editable by a manager.
    One row. They are tried in this order, the first that holds wins:

    1. **lost**: no purchase and no contact for ``lost_after_days``;
    2. **at risk**: any one of — no purchase and no contact for ``quiet_after_days``; the
       last recommend score at most ``detractor_at_most``; the last KV below 1; a recovery
       case still open; a promise broken in the last ``broken_promise_days``;
    3. **recovered**: a recovery case resolved in the last ``recovered_within_days``;
    4. **new**: the first purchase or contact in the last ``new_within_days``;
    5. **active**: everyone else.
    """

    new_within_days = _days(_("new for (days)"), 90,
                            _("A customer whose first purchase or contact is this recent."))
    quiet_after_days = _days(_("at risk when quiet for (days)"), 120,
                             _("No purchase and no contact for this long puts a customer at "
                               "risk."))
    lost_after_days = _days(_("lost when quiet for (days)"), 365,
                            _("No purchase and no contact for this long: the customer is "
                              "lost."))
    detractor_at_most = models.PositiveSmallIntegerField(
        _("at risk at a recommend score of at most"), default=6,
        validators=[MaxValueValidator(10)],
        help_text=_("The customer's last answer to “would you recommend us” (0–10)."))
    broken_promise_days = _days(_("broken promises counted for (days)"), 90,
                                _("A promise broken this recently puts the customer at risk."))
    recovered_within_days = _days(_("recovered for (days)"), 180,
                                  _("A customer whose recovery case was resolved this "
                                    "recently, and who shows no sign of risk."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = tracked_history()

    class Meta:
        verbose_name = _("lifecycle rules")
        verbose_name_plural = _("lifecycle rules")
        permissions = [("view_journeys", "Can see journeys, engagement stages and lifecycle "
                                         "segments")]
        constraints = [
            models.CheckConstraint(condition=Q(quiet_after_days__lt=models.F("lost_after_days")),
                                   name="lifecycle_quiet_before_lost"),
        ]

    def __str__(self) -> str:
        return str(_("lifecycle rules"))


class CustomerStatus(models.Model):
    """Each customer's segment and the facts behind it, as of ``computed_on``: a rollup that
    :func:`kliento.journeys.services.lifecycle_refresh` rewrites in one statement, so the
    at-risk list and the profile read one indexed row instead of scanning every table."""

    customer = models.OneToOneField(Customer, verbose_name=_("customer"),
                                    on_delete=models.CASCADE, primary_key=True,
                                    related_name="lifecycle_status")
    segment = models.CharField(_("segment"), max_length=10, choices=Segment)
    computed_on = models.DateField(_("computed on"))
    first_seen_at = models.DateTimeField(_("first purchase or contact"), null=True)  # or added
    last_seen_at = models.DateTimeField(_("last purchase or contact"), null=True)
    last_ordered_at = models.DateTimeField(_("last purchase"), null=True)
    last_nps = models.PositiveSmallIntegerField(_("last recommend score"), null=True)
    last_kv = models.FloatField(_("last KV"), null=True)
    open_cases = models.PositiveIntegerField(_("open recovery cases"), default=0)
    broken_promises = models.PositiveIntegerField(_("recently broken promises"), default=0)
    last_resolved_at = models.DateTimeField(_("last case resolved"), null=True)
    stage = models.CharField(_("engagement stage"), max_length=20, choices=Stage, null=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("customer status")
        verbose_name_plural = _("customer statuses")
        indexes = [models.Index(fields=["segment", "last_seen_at"],
                                name="customer_status_segment")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.segment}"


class SegmentSnapshot(models.Model):
    """Each customer's segment at the end of a month, for the monthly flow between segments."""

    month = models.DateField(_("month"))  # its first day
    customer = models.ForeignKey(Customer, verbose_name=_("customer"), on_delete=models.CASCADE,
                                 related_name="+", db_index=False)
    segment = models.CharField(_("segment"), max_length=10, choices=Segment)

    class Meta:
        verbose_name = _("segment snapshot")
        verbose_name_plural = _("segment snapshots")
        constraints = [models.UniqueConstraint(fields=["month", "customer"],
                                               name="segment_snapshot_once")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.customer_id} {self.segment}"


class EngagementAnswer(models.Model):
    """One customer's answers to the engagement block (1–5 agreement each); the stage follows
    from them by the rule of :mod:`kliento.lifecycle.engagement`."""

    customer = models.ForeignKey(Customer, verbose_name=_("customer"), on_delete=models.CASCADE,
                                 related_name="engagement_answers", db_index=False)
    survey_response = models.OneToOneField(
        SurveyResponse, verbose_name=_("survey response"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="engagement_answer")
    answered_at = models.DateTimeField(_("answered at"))
    answered_on = models.DateField(_("answered on"), editable=False)  # organisation-local
    satisfaction = models.PositiveSmallIntegerField(
        _("very satisfied (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    differentiation = models.PositiveSmallIntegerField(
        _("different from the others (1–5)"),
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    connection = models.PositiveSmallIntegerField(
        _("personal connection (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("engagement answer")
        verbose_name_plural = _("engagement answers")
        indexes = [models.Index(fields=["customer", "answered_at"],
                                name="engagement_customer_answered"),
                   models.Index(fields=["answered_on"], name="engagement_answered_on")]
        constraints = [
            models.CheckConstraint(condition=Q(**{f"{item}__range": (1, 5)}),
                                   name=f"engagement_{item}_1_5")
            for item in engagement.ITEMS
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} · {self.answered_at:%Y-%m-%d}"


class EngagementBlock(models.Model):
    """The three engagement questions added to a survey, so their answers can be read back
    from the survey's responses."""

    survey = models.OneToOneField(Survey, verbose_name=_("survey"), on_delete=models.CASCADE,
                                  related_name="engagement_block")
    satisfaction_question_id = models.PositiveIntegerField()
    differentiation_question_id = models.PositiveIntegerField()
    connection_question_id = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("engagement block")
        verbose_name_plural = _("engagement blocks")

    def __str__(self) -> str:
        return str(self.survey)


class Marker(models.Model):
    """A gesture or campaign a manager records — what, when, what it cost — drawn on the
    expectation charts: a spectacular gesture raises everyone's expectations afterwards."""

    class Kind(models.TextChoices):
        GESTURE = "gesture", _("Gesture")
        CAMPAIGN = "campaign", _("Campaign")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    # Its own context: the imports' "what" is the kind of data ("data type" in lt, lv, ru, pl).
    what = models.CharField(pgettext_lazy("gesture or campaign", "what"), max_length=200)
    happened_on = models.DateField(_("when"))
    cost = models.DecimalField(_("cost (EUR)"), max_digits=12, decimal_places=2,
                               validators=[MinValueValidator(0)], default=0)
    touchpoint = models.ForeignKey(Touchpoint, verbose_name=_("touchpoint"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+",
                                   help_text=_("Leave empty for one that touches every "
                                               "touchpoint."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.SET_NULL, null=True, related_name="+")

    history = tracked_history()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("gesture or campaign")
        verbose_name_plural = _("gestures and campaigns")
        constraints = [models.CheckConstraint(condition=Q(cost__gte=0),
                                              name="marker_cost_not_negative")]

    def __str__(self) -> str:
        return f"{self.happened_on} · {self.what}"


class JourneyVolumeMonth(models.Model):
    """Interactions per month × touchpoint × the customer's lifecycle segment at the last fill
    ('' for a customer never placed): the journey map's volumes for whole months, filled by
    :func:`kliento.journeys.rollups.journey_rollups_fill` in one INSERT … SELECT."""

    month = models.DateField()
    segment = models.CharField(max_length=16, blank=True)
    touchpoint_id = models.IntegerField()

    interactions = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "segment"], name="journey_volume_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.segment or '-'} {self.touchpoint_id}: {self.interactions}"


class JourneyScoreMonth(models.Model):
    """Survey responses per month × segment × touchpoint (NULL: none) × recommend score
    (NULL: not given) with the sums the map needs, so every figure is an exact sum: KV is
    ``kv_sum / kv_n``, promoters and detractors are the cells with score ≥ 9 and ≤ 6, and the
    (touchpoint, score) cells rebuild the relative weights' design."""

    month = models.DateField()
    segment = models.CharField(max_length=16, blank=True)
    touchpoint_id = models.IntegerField(null=True)
    nps = models.SmallIntegerField(null=True)

    responses = models.PositiveIntegerField()
    kv_sum = models.FloatField()  # Σ experience / expectation over the answers with both
    kv_n = models.PositiveIntegerField()
    satisfied = models.PositiveIntegerField()  # CSAT 4 or 5
    csat_n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "segment"], name="journey_score_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.segment or '-'} {self.touchpoint_id}/{self.nps}"


class JourneyPathCount(models.Model):
    """The paths between touchpoints (or channels) for the window the last fill covered (the
    default period of the map, ending on the fill day), per segment: how many customers went
    from ``source`` to ``target`` at ``step`` (``target`` NULL: the journey stopped there)."""

    nodes = models.CharField(max_length=16)  # touchpoint or channel
    segment = models.CharField(max_length=16, blank=True)
    step = models.PositiveSmallIntegerField()
    source = models.IntegerField()
    target = models.IntegerField(null=True)
    customers = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.nodes} {self.step}: {self.source} → {self.target} ({self.customers})"


class JourneyRollupState(models.Model):
    """When the journey rollups were last filled and what they cover (one row)."""

    filled_at = models.DateTimeField()
    months_before = models.DateField()  # whole months before this first day are rolled up
    paths_start = models.DateField()
    paths_end = models.DateField()

    def __str__(self):
        return f"{self.filled_at:%Y-%m-%d %H:%M}"
