import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from kliento.audit_trail.history import tracked_history
from kliento.customers.models import Customer, Language
from kliento.interactions.models import Channel, Interaction, Touchpoint
from kliento.organisation.models import Location
from kliento.promises.models import Promise

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


def questions_stamp_new() -> int:
    """Random rather than counted: a survey whose id comes back (a rolled-back creation on
    SQLite) still gets a stamp no process has cached."""
    return secrets.randbits(62)


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


class Survey(models.Model):
    """A questionnaire: built-in measures and custom questions, in every product language.

    Texts are stored per language (``{"en": …, "lt": …}``); a page shows the customer's
    language and falls back to ``default_language``, which every text must have.

    ``anonymous`` — anonymous by design (customer surveys that promise it, and employee
    surveys, which build on it). For an anonymous survey:

    - its responses store no person: ``customer`` and ``interaction`` (which names the
      customer and the agent) stay empty — refused by ``survey_response_checked``, whatever
      the door (page, API, import); touchpoint, channel and location are kept for grouping,
      and free text (comments, text answers) stays as written;
    - the moment of an answer is kept to the day only (``responded_at`` is the day's local
      midnight), and the invitation that was answered keeps ``response`` empty and
      ``answered_at`` set to the moment the invitation was made, so neither the link nor
      the times join an invitation (which names the person) to its answers; an invitation
      only tells that the person was asked and answered, never what;
    - no historical row or audit event is written for the answer (the customer's own
      answer never makes one), so the history cannot join them either;
    - nobody enters answers for the person (no phone delivery), no name correction is
      asked, and no low-score webhook names anyone;
    - reports (dashboard and explore breakdowns, ``/api/v1/metrics``, CSV/XLSX exports, the
      monthly PDF) hide every group with fewer answers than
      :func:`kliento.organisation.selectors.min_group_size` (default 5), saying why.

    The flag is chosen when the survey is made and fixed once anyone is invited: answers
    already linked would otherwise sit under a promise of anonymity, or the reverse.

    ``audience`` — who answers: customers, or the company's own employees (the rounds of
    :mod:`kliento.people`). Employees' answers are never customer feedback: the responses
    inbox, its export, the responses API and every customer measure read only customers'
    surveys (:func:`kliento.surveys.selectors.customer_responses`); employee answers are
    read only through the people pages, by team and never under the smallest group.
    """

    class Audience(models.TextChoices):
        CUSTOMERS = "customers", _("Customers")
        EMPLOYEES = "employees", _("Employees")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("Only when sent by hand or through the API")
        INTERACTION_RESOLVED = "interaction_resolved", _("After an interaction is resolved")
        PROMISE_CLOSED = "promise_closed", _("After a promise or delivery closes")

    name = models.CharField(_("name"), max_length=120, unique=True)
    default_language = models.CharField(
        _("default language"), max_length=5, choices=Language, default=Language.LT
    )
    trigger = models.CharField(
        _("sent automatically"), max_length=30, choices=Trigger, default=Trigger.MANUAL
    )
    valid_days = models.PositiveSmallIntegerField(
        _("link valid for (days)"), default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    closing_text = models.JSONField(
        _("what happens next"), default=dict, blank=True,
        help_text=_("Shown after the answers are sent, per language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    anonymous = models.BooleanField(
        _("anonymous"), default=False,
        help_text=_("Answers keep no link to the person who gave them, and reports never "
                    "show a group of fewer answers than the company's smallest group. Chosen "
                    "when the survey is made; it cannot change once anyone is invited."))
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience, default=Audience.CUSTOMERS,
        editable=False,
        help_text=_("Who answers. Employee surveys are made on the employee survey page."))
    created_at = models.DateTimeField(_("created at"), db_default=models.functions.Now())
    # Drawn anew whenever a question is saved or deleted: each process keeps the questions
    # in memory under (survey, stamp), so the customer's page need not read them every time.
    questions_stamp = models.BigIntegerField(default=questions_stamp_new, editable=False)

    history = tracked_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """One question of a survey. A built-in kind fills its own column of the response (and so
    feeds NPS, CSAT, CES, KV and the grade); a custom kind is kept in the response's answers."""

    class Kind(models.TextChoices):
        NPS = "nps", _("Likelihood to recommend (NPS, 0–10)")
        CSAT = "csat", _("Satisfaction (CSAT, 1–5)")
        CES = "ces", _("Effort (CES, 1–7)")
        EXPECTATION = "expectation", _("What did you expect? (KV, 1–10)")
        EXPERIENCE = "experience", _("What did you get? (KV, 1–10)")
        TANGIBLES = "tangibles", _("Tangibles (1–10)")
        RELIABILITY = "reliability", _("Reliability (1–10)")
        RESPONSIVENESS = "responsiveness", _("Responsiveness (1–10)")
        ASSURANCE = "assurance", _("Assurance (1–10)")
        EMPATHY = "empathy", _("Empathy (1–10)")
        COMMENT = "comment", _("Comment")
        SCALE = "scale", _("Custom scale")
        CHOICE = "choice", _("Custom choice")
        TEXT = "text", _("Custom text")

    CUSTOM_KINDS = (Kind.SCALE, Kind.CHOICE, Kind.TEXT)

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    text = models.JSONField(_("question"), default=dict, help_text=_("Per language."))
    # For a custom choice: [{"value": "price", "text": {"en": "Price", "lt": "Kaina", …}}, …]
    options = models.JSONField(_("options"), default=list, blank=True)
    scale_low = models.SmallIntegerField(_("lowest answer"), default=1)
    scale_high = models.SmallIntegerField(_("highest answer"), default=10)
    required = models.BooleanField(_("required"), default=True)

    history = tracked_history()

    class Meta:
        ordering = ["survey", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            # Each measure once per survey: a response has one column per measure.
            models.UniqueConstraint(
                fields=["survey", "kind"], name="question_builtin_once_per_survey",
                condition=~Q(kind__in=["scale", "choice", "text"]),
            ),
            models.CheckConstraint(
                condition=Q(scale_low__lt=F("scale_high")), name="question_scale_low_below_high"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.position}. {self.get_kind_display()}"


@receiver([post_save, post_delete], sender=Question)
def questions_changed(sender, instance: Question, **kwargs) -> None:
    """A new stamp for the survey, so that every process reads its questions again. (Bulk
    writes send no signal: a survey's first questions come with its own fresh stamp.)"""
    stamp = questions_stamp_new()
    Survey.objects.filter(pk=instance.survey_id).update(questions_stamp=stamp)
    if Question.survey.is_cached(instance):  # keep the caller's survey in step, were it saved
        instance.survey.questions_stamp = stamp


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
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="responses",
    )
    # Answers to custom questions by question id: {"12": 7, "13": "price", "14": "…"}.
    # A database default too, so that bulk loads (demo, imports) need not name the column.
    answers = models.JSONField(_("other answers"), default=dict, db_default={}, blank=True)

    history = tracked_history()

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


class Invitation(models.Model):
    """An invitation to answer one survey, reached through a single-use link.

    Only the SHA-256 digest of the link's token is stored: the token is 256 random bits, so a
    fast hash cannot be brute-forced, and a leaked database does not leak working links.
    """

    class Delivery(models.TextChoices):
        EMAIL = "email", _("E-mail")
        LINK = "link", _("Link or QR code")
        PHONE = "phone", _("Phone (agent enters the answers)")

    # Indexed through the composite indexes they lead (see Meta): every answer rewrites the
    # invitation's row in each of its indexes, so none is kept twice.
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="invitations",
        db_index=False,
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT,
        related_name="survey_invitations", db_index=False,
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="+"
    )
    interaction = models.ForeignKey(
        Interaction, verbose_name=_("interaction"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="survey_invitations",
    )
    promise = models.ForeignKey(
        Promise, verbose_name=_("promise"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="survey_invitations",
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery)
    language = models.CharField(_("language"), max_length=5, choices=Language)
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True,
                                    editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    # Answers saved before sending, as the form posted them: the customer can finish later.
    draft = models.JSONField(_("saved answers"), default=dict, blank=True)
    response = models.OneToOneField(
        SurveyResponse, verbose_name=_("response"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="invitation",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = tracked_history(excluded_fields=["draft"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        indexes = [
            models.Index(fields=["customer", "created_at"], name="invitation_customer_created"),
        ]
        constraints = [
            # One automatic invitation per interaction or promise, however often a trigger runs.
            models.UniqueConstraint(fields=["survey", "interaction"],
                                    name="invitation_once_per_interaction"),
            models.UniqueConstraint(fields=["survey", "promise"],
                                    name="invitation_once_per_promise"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} → {self.customer} ({self.created_at:%Y-%m-%d})"


class ResponseTag(models.Model):
    """A word a colleague put on a response to find it again ("delivery", "call back")."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("survey response"), on_delete=models.CASCADE,
        related_name="tags", db_index=False,
    )
    name = models.CharField(_("tag"), max_length=40)

    class Meta:
        ordering = ["name"]
        verbose_name = _("response tag")
        verbose_name_plural = _("response tags")
        constraints = [
            models.UniqueConstraint(fields=["response", "name"], name="response_tag_once"),
        ]
        indexes = [models.Index(fields=["name"], name="response_tag_name")]

    def __str__(self) -> str:
        return self.name


class ResponseNote(models.Model):
    """A colleague's note on a response: what was done or what to do. Never edited."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("survey response"), on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("response note")
        verbose_name_plural = _("response notes")

    def __str__(self) -> str:
        return self.text[:60]


class ResponseAssignment(models.Model):
    """Who is to act on a response; the assignee reaches it even when it is not theirs."""

    response = models.OneToOneField(
        SurveyResponse, verbose_name=_("survey response"), on_delete=models.CASCADE,
        related_name="assignment", primary_key=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.CASCADE,
        related_name="assigned_responses",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"))

    class Meta:
        verbose_name = _("response assignment")
        verbose_name_plural = _("response assignments")

    def __str__(self) -> str:
        return f"{self.response_id} → {self.assignee}"
