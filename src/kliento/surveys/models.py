from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kliento.customers.models import Customer, Language
from kliento.interactions.models import Channel, Interaction, Touchpoint
from kliento.organisation.models import Location

# (field, verbose name, lowest, highest): every measure of MISSION.md with its scale.
SCALES = (
    ("nps", _("likelihood to recommend (0–10)"), 0, 10),
    ("csat", _("satisfaction (1–5)"), 1, 5),
    ("ces", _("effort (1–7)"), 1, 7),
    ("expectation", _("expectation (1–10)"), 1, 10),
    ("experience", _("experience (1–10)"), 1, 10),
    ("tangibles", _("tangibles (1–10)"), 1, 10),
    ("reliability", _("reliability (1–10)"), 1, 10),
    ("responsiveness", _("responsiveness (1–10)"), 1, 10),
    ("assurance", _("assurance (1–10)"), 1, 10),
    ("empathy", _("empathy (1–10)"), 1, 10),
)


def score_field(verbose_name, low: int, high: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
    )


def score_range_constraint(field: str, low: int, high: int) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__range": (low, high)}),
        name=f"survey_response_{field}_{low}_{high}",
    )


class SurveyResponse(models.Model):
    """One customer's answers. Every measure is optional: a survey asks some of them."""

    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="survey_responses",
    )
    interaction = models.ForeignKey(
        Interaction, verbose_name=_("interaction"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="survey_responses",
    )
    # Indexed through the composite indexes they lead (see Meta).
    touchpoint = models.ForeignKey(
        Touchpoint, verbose_name=_("touchpoint"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="survey_responses", db_index=False,
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="survey_responses", db_index=False,
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="survey_responses",
    )
    responded_at = models.DateTimeField(_("responded at"))
    responded_on = models.DateField(_("responded on"), editable=False)  # organisation-local
    language = models.CharField(_("language"), max_length=5, choices=Language)

    nps = score_field(SCALES[0][1], 0, 10)
    csat = score_field(SCALES[1][1], 1, 5)
    ces = score_field(SCALES[2][1], 1, 7)
    expectation = score_field(SCALES[3][1], 1, 10)
    experience = score_field(SCALES[4][1], 1, 10)
    tangibles = score_field(SCALES[5][1], 1, 10)
    reliability = score_field(SCALES[6][1], 1, 10)
    responsiveness = score_field(SCALES[7][1], 1, 10)
    assurance = score_field(SCALES[8][1], 1, 10)
    empathy = score_field(SCALES[9][1], 1, 10)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-responded_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [
            models.Index(fields=["responded_on"], name="survey_response_responded"),
            models.Index(
                fields=["touchpoint", "responded_on"], name="survey_response_touchpoint"
            ),
            models.Index(fields=["channel", "responded_on"], name="survey_response_channel"),
        ]
        constraints = [score_range_constraint(field, low, high) for field, _l, low, high in SCALES]

    def __str__(self) -> str:
        who = self.customer or _("anonymous")
        return f"{who} · {self.responded_at:%Y-%m-%d}"
