"""Reads for recurring questions: the FAQ candidates ranked by volume or cost, one topic's
weeks, questions and deflection, the comment topics by touchpoint, the public FAQ and the
FAQ KPI. Counting and summing happen in the database, grouped by topic."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from kliento.access.policy import visible
from kliento.customers.models import Language
from kliento.database.text_folding import folded
from kliento.interactions.models import Interaction, Touchpoint
from kliento.measure.intervals import agresti_coull
from kliento.measure.rates import RateRatio, rate_ratio
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.questions.models import (
    CommentTopic,
    FaqEntry,
    InteractionTopic,
    MiningRun,
    Polarity,
    Source,
    Topic,
)
from kliento.surveys.models import SurveyResponse
from kliento.surveys.selectors import customer_responses
from kliento.workforce.selectors import (
    DEFAULT_AHT_SECONDS,
    FALLBACK_AHT_SECONDS,
    ONE_SITTING_SECONDS,
)

CANDIDATE_WEEKS = 12
TYPICAL_SHOWN = 5
DEFLECTION_WEEKS = 8  # full weeks compared either side of publishing
FAQ_KPI_TOP_TOPICS = 10
# Where the public FAQ looks when a language has no text: the customer's, then English,
# then the others in the order the product lists them. Never blank.
FALLBACK_ORDER = ("en", "lt", "lv", "ru", "pl")


class Ranking(StrEnum):
    VOLUME = "volume"
    COST = "cost"


def latest_run(source: str) -> MiningRun | None:
    return (MiningRun.objects.filter(source=source, status=MiningRun.Status.DONE)
            .defer("fitted").order_by("-finished_at", "-pk").first())


def pending_run(source: str) -> MiningRun | None:
    return MiningRun.objects.filter(source=source, status__in=[
        MiningRun.Status.QUEUED, MiningRun.Status.RUNNING]).defer("fitted").first()


def current_topics(source: str) -> QuerySet[Topic]:
    """The topics the latest finished mining found (older ones keep their history)."""
    run = latest_run(source)
    if run is None:
        return Topic.objects.none()
    return Topic.objects.filter(source=source, last_run=run)


def handle_seconds() -> Case:
    """A contact's handle time (s): resolution minus first response when it was handled in
    one sitting (as :mod:`kliento.workforce.selectors` measures it), else its channel's
    usual handle time, so that every contact costs something."""
    handle = F("interaction__resolution_seconds") - F("interaction__first_response_seconds")
    return Case(
        When(interaction__resolution_seconds__isnull=False,
             interaction__first_response_seconds__isnull=False,
             interaction__resolution_seconds__gt=F("interaction__first_response_seconds"),
             interaction__resolution_seconds__lte=F("interaction__first_response_seconds")
             + ONE_SITTING_SECONDS, then=handle),
        *[When(interaction__channel__code=code, then=Value(seconds))
          for code, seconds in DEFAULT_AHT_SECONDS.items()],
        default=Value(FALLBACK_AHT_SECONDS), output_field=IntegerField())


def _weeks(last_day: date, weeks: int) -> list[date]:
    last_monday = last_day - timedelta(days=last_day.weekday())
    return [last_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


@dataclass
class Candidate:
    topic: Topic
    contacts: int = 0
    handle_seconds: int = 0
    weekly: list[int] = field(default_factory=list)
    channels: list[tuple[str, int]] = field(default_factory=list)  # (code, contacts)
    languages: list[tuple[str, int]] = field(default_factory=list)  # (code, contacts)
    typical: list[tuple[int, str]] = field(default_factory=list)  # (interaction id, text)
    published: bool = False

    @property
    def trend(self) -> float | None:
        """Contacts a week in the last four weeks over the four before (1 = steady)."""
        recent, before = sum(self.weekly[-4:]), sum(self.weekly[-8:-4])
        return None if before == 0 else recent / before


@dataclass(frozen=True)
class CandidateTable:
    rows: list[Candidate]
    weeks: list[date]
    first_day: date
    last_day: date
    total_contacts: int


def _members_in(first_day: date, last_day: date) -> QuerySet[InteractionTopic]:
    return InteractionTopic.objects.filter(interaction__opened_on__gte=first_day,
                                           interaction__opened_on__lte=last_day)


def faq_candidates(ranking: Ranking = Ranking.VOLUME, *, weeks: int = CANDIDATE_WEEKS,
                   today: date | None = None) -> CandidateTable:
    """The current topics of contacts' texts over the last ``weeks`` weeks (this one
    included), largest first by contacts or by their cost in handle time."""
    today = today or timezone.localdate()
    week_starts = _weeks(today, weeks)
    first_day = week_starts[0]
    members = _members_in(first_day, today).filter(
        topic__in=current_topics(Source.QUESTIONS)).order_by()
    totals = members.values("topic").annotate(contacts=Count("pk"),
                                              cost=Sum(handle_seconds()))
    topics = Topic.objects.in_bulk([row["topic"] for row in totals])
    published = set(FaqEntry.objects.filter(topic__in=topics, published_at__isnull=False)
                    .values_list("topic_id", flat=True))
    rows = {row["topic"]: Candidate(topics[row["topic"]], row["contacts"], row["cost"] or 0,
                                    [0] * weeks, published=row["topic"] in published)
            for row in totals}
    week_index = {start: i for i, start in enumerate(week_starts)}
    for row in (members.annotate(week=TruncWeek("interaction__opened_on"))
                .values("topic", "week").annotate(n=Count("pk"))):
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        if week in week_index:
            rows[row["topic"]].weekly[week_index[week]] = row["n"]
    for row in (members.values("topic", "interaction__channel__code").annotate(n=Count("pk"))
                .order_by("topic", "-n")):
        rows[row["topic"]].channels.append((row["interaction__channel__code"], row["n"]))
    for row in (members.values("topic", "interaction__language").annotate(n=Count("pk"))
                .order_by("topic", "-n")):
        rows[row["topic"]].languages.append((row["interaction__language"] or "?", row["n"]))
    texts = dict(Interaction.objects.filter(pk__in={
        pk for candidate in rows.values() for pk in candidate.topic.typical[:TYPICAL_SHOWN]})
        .values_list("pk", "text"))
    for candidate in rows.values():
        candidate.typical = [(pk, texts[pk]) for pk in candidate.topic.typical[:TYPICAL_SHOWN]
                             if pk in texts]
    key = ((lambda c: (-c.contacts, -c.handle_seconds, c.topic.number))
           if ranking == Ranking.VOLUME else
           (lambda c: (-c.handle_seconds, -c.contacts, c.topic.number)))
    ordered = sorted(rows.values(), key=key)
    return CandidateTable(ordered, week_starts, first_day, today,
                          sum(c.contacts for c in ordered))


def topic_weekly(topic: Topic, *, weeks: int, today: date | None = None) -> list[tuple[date, int]]:
    """Contacts (or comments) about ``topic`` per week, the last ``weeks`` weeks."""
    today = today or timezone.localdate()
    starts = _weeks(today, weeks)
    if topic.source == Source.QUESTIONS:
        rows = (_members_in(starts[0], today).filter(topic=topic)
                .annotate(week=TruncWeek("interaction__opened_on")))
    else:
        rows = (CommentTopic.objects.filter(topic=topic, response__responded_on__gte=starts[0],
                                            response__responded_on__lte=today)
                .annotate(week=TruncWeek("response__responded_on")))
    counts = {}
    for row in rows.order_by().values("week").annotate(n=Count("pk")):
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        counts[week] = row["n"]
    return [(start, counts.get(start, 0)) for start in starts]


@dataclass(frozen=True)
class Deflection:
    """Contacts a week about the topic before and after its FAQ entry went public."""

    published_on: date
    weeks_before: int
    weeks_after: int
    contacts_before: int
    contacts_after: int
    comparison: RateRatio | None  # None: too early (no full week since) or nothing to compare

    @property
    def per_week_before(self) -> float:
        return self.contacts_before / self.weeks_before if self.weeks_before else 0.0

    @property
    def per_week_after(self) -> float:
        return self.contacts_after / self.weeks_after if self.weeks_after else 0.0


def deflection(topic: Topic, *, today: date | None = None,
               weeks: int = DEFLECTION_WEEKS) -> Deflection | None:
    """The full weeks after the publishing week (up to ``weeks``, the current week left out)
    against the ``weeks`` full weeks before it, as a ratio of two Poisson rates with its
    exact 95 % interval. ``None`` when the topic has no published entry."""
    entry = FaqEntry.objects.filter(topic=topic, published_at__isnull=False).first()
    if entry is None:
        return None
    today = today or timezone.localdate()
    published_on = timezone.localdate(entry.published_at)
    publish_monday = published_on - timedelta(days=published_on.weekday())
    this_monday = today - timedelta(days=today.weekday())
    before_start = publish_monday - timedelta(weeks=weeks)
    after_start = publish_monday + timedelta(weeks=1)
    weeks_after = max(0, min(weeks, (this_monday - after_start).days // 7))
    after_end = after_start + timedelta(weeks=weeks_after)  # exclusive
    counts = InteractionTopic.objects.filter(topic=topic).aggregate(
        before=Count("pk", filter=Q(interaction__opened_on__gte=before_start,
                                    interaction__opened_on__lt=publish_monday)),
        after=Count("pk", filter=Q(interaction__opened_on__gte=after_start,
                                   interaction__opened_on__lt=after_end)))
    comparison = None
    if weeks_after and counts["before"] + counts["after"]:
        comparison = rate_ratio(counts["after"], weeks_after, counts["before"], weeks)
    return Deflection(published_on, weeks, weeks_after, counts["before"], counts["after"],
                      comparison)


def topic_questions(user, topic: Topic, *, channel: str | None = None,
                    language: str | None = None, week: date | None = None
                    ) -> QuerySet[Interaction]:
    """The contacts about ``topic`` this person may see, most typical first: the drill-down
    behind every number on the candidates page."""
    rows = Interaction.objects.filter(topic_membership__topic=topic)
    if channel:
        rows = rows.filter(channel__code=channel)
    if language:
        rows = rows.filter(language=language)
    if week:
        rows = rows.filter(opened_on__gte=week, opened_on__lt=week + timedelta(weeks=1))
    return (visible(user, "interactions.view_interaction", rows)
            .select_related("channel", "customer")
            .order_by("-topic_membership__similarity", "-opened_at"))


def topic_comments(user, topic: Topic, *, language: str | None = None,
                   week: date | None = None) -> QuerySet[SurveyResponse]:
    """The survey comments about ``topic`` this person may see, most typical first."""
    rows = customer_responses().filter(topic_membership__topic=topic)
    if language:
        rows = rows.filter(language=language)
    if week:
        rows = rows.filter(responded_on__gte=week, responded_on__lt=week + timedelta(weeks=1))
    return (visible(user, "surveys.view_surveyresponse", rows)
            .select_related("touchpoint", "topic_membership")
            .order_by("-topic_membership__similarity", "-responded_at"))


@dataclass
class TouchpointTopics:
    touchpoint: str
    detractors: list[tuple[Topic, int]]  # most mentioned first
    promoters: list[tuple[Topic, int]]
    detractor_comments: int
    promoter_comments: int


def comment_topics_by_touchpoint(*, weeks: int = 26, today: date | None = None,
                                 top: int = 5) -> list[TouchpointTopics]:
    """For each touchpoint, what detractors' comments are about beside what promoters'
    are about, over the last ``weeks`` weeks."""
    today = today or timezone.localdate()
    first_day = _weeks(today, weeks)[0]
    score_class = Case(
        When(response__nps__lte=DETRACTOR_UP_TO, then=Value("detractor")),
        When(response__nps__gte=PROMOTER_FROM, then=Value("promoter")),
        default=Value("passive"))
    rows = (CommentTopic.objects
            .filter(response__responded_on__gte=first_day, response__responded_on__lte=today,
                    response__nps__isnull=False)
            .annotate(score_class=score_class).order_by()
            .values("response__touchpoint", "topic", "score_class").annotate(n=Count("pk")))
    touchpoints = dict(Touchpoint.objects.values_list("pk", "name"))
    grouped: dict[int | None, dict[str, dict[int, int]]] = {}
    for row in rows:
        side = grouped.setdefault(row["response__touchpoint"], {"detractor": {}, "promoter": {}})
        if row["score_class"] in side:
            side[row["score_class"]][row["topic"]] = row["n"]
    topics = Topic.objects.in_bulk({topic for sides in grouped.values()
                                    for counts in sides.values() for topic in counts})

    def ranked(counts: dict[int, int]) -> list[tuple[Topic, int]]:
        best = sorted(counts.items(), key=lambda pair: (-pair[1], topics[pair[0]].number))
        return [(topics[topic], n) for topic, n in best[:top]]

    result = [TouchpointTopics(touchpoints.get(pk, ""), ranked(sides["detractor"]),
                               ranked(sides["promoter"]), sum(sides["detractor"].values()),
                               sum(sides["promoter"].values()))
              for pk, sides in grouped.items()]
    return sorted(result, key=lambda t: (not t.touchpoint, -(t.detractor_comments
                                                             + t.promoter_comments)))


def polarity_by_topic(topics) -> dict[int, dict[str, int]]:
    """Comments per polarity for each of ``topics`` (all time)."""
    counts: dict[int, dict[str, int]] = {}
    for row in (CommentTopic.objects.filter(topic__in=topics).exclude(polarity="").order_by()
                .values("topic", "polarity").annotate(n=Count("pk"))):
        counts.setdefault(row["topic"], dict.fromkeys(Polarity.values, 0))[row["polarity"]] = (
            row["n"])
    return counts


def in_language(texts: dict[str, str], language: str) -> tuple[str, str]:
    """(text, its language): ``language``'s own, else the first of :data:`FALLBACK_ORDER`
    that has one. ('', '') only for an empty dictionary.

    >>> in_language({"lt": "Kada atidaryta?", "en": "When are you open?"}, "pl")
    ('When are you open?', 'en')
    """
    for code in (language, *FALLBACK_ORDER):
        if texts.get(code):
            return texts[code], code
    return "", ""


@dataclass(frozen=True)
class PublicFaq:
    topic_id: int
    question: str
    answer: str
    language: str  # the language shown: the one asked for, or the fallback
    published_at: object


def public_faq(language: str, query: str = "") -> list[PublicFaq]:
    """The published entries in ``language`` (each falling back on its own), those matching
    every word of ``query`` whatever its accents and case; most asked first."""
    if language not in Language.values:
        language = "en"
    entries = (FaqEntry.objects.filter(published_at__isnull=False).select_related("topic")
               .annotate(asked=Count("topic__interaction_members"))
               .order_by("-asked", "topic__number"))
    words = folded(query).split() if query else []
    shown = []
    for entry in entries:  # dozens of entries: folding them here is cheaper than a query
        question, shown_in = in_language(entry.question, language)
        answer, _answer_in = in_language(entry.answer, shown_in)
        haystack = folded(f"{question} {answer}")
        if all(word in haystack for word in words):
            shown.append(PublicFaq(entry.topic_id, question, answer, shown_in, entry.published_at))
    return shown


@dataclass(frozen=True)
class FaqVolume:
    """The frequently-asked-question KPI: of the contacts whose text has a topic, the share
    about the :data:`FAQ_KPI_TOP_TOPICS` most asked topics of the period; and of those, how
    many are about a topic with a published FAQ entry."""

    contacts: int  # contacts with a topic in the period
    frequent: int  # … about one of the most asked topics
    share: float | None
    low: float | None
    high: float | None
    answered: int  # … about a topic whose FAQ entry is published


def faq_volume(first_day: date, last_day: date) -> FaqVolume:
    members = _members_in(first_day, last_day).filter(topic__source=Source.QUESTIONS).order_by()
    by_topic = list(members.values("topic").annotate(n=Count("pk")).order_by("-n", "topic"))
    contacts = sum(row["n"] for row in by_topic)
    frequent = sum(row["n"] for row in by_topic[:FAQ_KPI_TOP_TOPICS])
    answered = members.filter(topic__faq_entry__published_at__isnull=False).count()
    if not contacts:
        return FaqVolume(0, 0, None, None, None, answered)
    low, high = agresti_coull(frequent, contacts, 0.95)
    return FaqVolume(contacts, frequent, frequent / contacts, low, high, answered)
