"""Recurring questions: topics mined from what customers write, and the FAQ entries that
answer them.

A topic keeps its number and its manager-given name from one mining run to the next: a new
run matches its clusters to the old topics by shared members (see
:mod:`kliento.questions.matching`), so only clusters that match no old topic get a new
number.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kliento.customers.models import Language
from kliento.interactions.models import Interaction
from kliento.surveys.models import SurveyResponse


class Source(models.TextChoices):
    QUESTIONS = "questions", _("Contacts' texts")
    COMMENTS = "comments", _("Survey comments")


class Polarity(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class MiningRun(models.Model):
    """One mining of one source. The finished run with the latest ``finished_at`` is the one
    new texts are assigned by: its ``fitted`` holds the representation and topic centres."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("source"), max_length=20, choices=Source)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    clusters_asked = models.PositiveSmallIntegerField(
        _("topics asked for"), null=True, blank=True,
        help_text=_("Empty: the number of topics is chosen from the data."))
    texts = models.PositiveIntegerField(_("texts mined"), default=0)
    topics_found = models.PositiveIntegerField(_("topics found"), default=0)
    topics_kept = models.PositiveIntegerField(
        _("topics carried over"), default=0,
        help_text=_("Topics of the previous run matched by their members, number and name kept."))
    chosen_automatically = models.BooleanField(_("number of topics chosen from the data"),
                                               default=True)
    # Comments only: how often the polarity learnt from the words agrees with the score's
    # class on comments held out of training (a fraction; null when it could not be learnt).
    polarity_agreement = models.FloatField(_("polarity agreement"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The fitted representation and topic centres (kliento.questions.fitted): written only by
    # the mining job, read by the job that assigns new texts.
    fitted = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("mining run")
        verbose_name_plural = _("mining runs")
        constraints = [
            # At most one run waiting or running per source: the schedule and the button
            # can both ask at the same moment.
            models.UniqueConstraint(
                fields=["source"], condition=Q(status__in=["queued", "running"]),
                name="mining_run_one_pending_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} · {self.requested_at:%Y-%m-%d %H:%M}"


class Topic(models.Model):
    source = models.CharField(_("source"), max_length=20, choices=Source)
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=200, blank=True,
                             help_text=_("The topic's most distinctive words."))
    name = models.CharField(_("name"), max_length=200, blank=True,
                            help_text=_("Given by a manager; kept when topics are mined again."))
    language = models.CharField(_("main language"), max_length=5, choices=Language, blank=True)
    # [[language, count], …], most first, as of the last run that found the topic.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Member ids (interactions or survey responses), most typical first.
    typical = models.JSONField(_("typical members"), default=list, blank=True)
    size = models.PositiveIntegerField(_("texts at the last mining"), default=0)
    first_run = models.ForeignKey(MiningRun, verbose_name=_("found by"), on_delete=models.PROTECT,
                                  related_name="+")
    last_run = models.ForeignKey(MiningRun, verbose_name=_("last found by"),
                                 on_delete=models.PROTECT, related_name="topics")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("named by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+")
    named_at = models.DateTimeField(_("named at"), null=True, blank=True)

    class Meta:
        ordering = ["source", "number"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["source", "number"],
                                               name="topic_number_unique_per_source")]

    def __str__(self) -> str:
        return self.name or self.label or f"#{self.number}"


class InteractionTopic(models.Model):
    """Which topic a contact's text is about; one row per contact with a text."""

    interaction = models.OneToOneField(
        Interaction, verbose_name=_("interaction"), on_delete=models.CASCADE, primary_key=True,
        related_name="topic_membership")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE,
                              related_name="interaction_members")
    run = models.ForeignKey(MiningRun, verbose_name=_("assigned by"), on_delete=models.PROTECT,
                            related_name="+")
    similarity = models.FloatField(_("similarity to the topic centre"))

    class Meta:
        verbose_name = _("contact's topic")
        verbose_name_plural = _("contacts' topics")
        indexes = [models.Index(fields=["topic", "interaction"], name="interaction_topic_topic")]

    def __str__(self) -> str:
        return f"{self.interaction_id} → {self.topic_id}"


class CommentTopic(models.Model):
    """Which topic a survey comment is about, and how it reads."""

    response = models.OneToOneField(
        SurveyResponse, verbose_name=_("survey response"), on_delete=models.CASCADE,
        primary_key=True, related_name="topic_membership")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE,
                              related_name="comment_members")
    run = models.ForeignKey(MiningRun, verbose_name=_("assigned by"), on_delete=models.PROTECT,
                            related_name="+")
    similarity = models.FloatField(_("similarity to the topic centre"))
    polarity = models.CharField(_("polarity"), max_length=10, choices=Polarity, blank=True)

    class Meta:
        verbose_name = _("comment's topic")
        verbose_name_plural = _("comments' topics")
        indexes = [models.Index(fields=["topic", "response"], name="comment_topic_topic")]

    def __str__(self) -> str:
        return f"{self.response_id} → {self.topic_id}"


class FaqEntry(models.Model):
    """The answer to a topic's question, per language; public once published."""

    topic = models.OneToOneField(Topic, verbose_name=_("topic"), on_delete=models.PROTECT,
                                 related_name="faq_entry")
    # {"lt": "…", "en": "…"}: a missing language falls back (kliento.questions.languages).
    question = models.JSONField(_("question"), default=dict, blank=True)
    answer = models.JSONField(_("answer"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["topic__number"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        permissions = [("publish_faqentry", _("Can publish FAQ entries"))]

    def __str__(self) -> str:
        return str(self.topic)
