"""Recurring questions over the API: the topics ranked as FAQ candidates, one topic's
deflection, and the public FAQ."""

from datetime import date, datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from kliento.access.policy import authorize
from kliento.api.authentication import requires
from kliento.api.ids import RowId
from kliento.organisation.periods import WEEK_CHOICES
from kliento.questions import selectors
from kliento.questions.models import Topic

router = Router(tags=["questions"])

CACHE_SECONDS = 300
RankingIn = Literal[tuple(ranking.value for ranking in selectors.Ranking)]


class FaqOut(Schema):
    topic: int = Field(description="The topic the entry answers.")
    question: str
    answer: str
    language: str = Field(description="The language shown: the one asked for, or — when the "
                                      "entry has none in it — English, then lt, lv, ru, pl.")
    published_at: datetime


class FaqQuery(Schema):
    lang: str | None = Field(None, description="en, lt, lv, ru or pl; default: the browser's.")
    q: str = Field("", max_length=200,
                   description="Words every entry shown contains, whatever the accents and case.")


# Public: a company's help page shows it to anyone, on any origin.
@router.get("/faq", response=list[FaqOut], auth=None)
def faq_list(request: HttpRequest, response: HttpResponse, query: Query[FaqQuery]):
    language = query.lang if query.lang in dict(settings.LANGUAGES) else (
        translation.get_language_from_request(request))
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Vary"] = "Accept-Language"
    return [FaqOut(topic=entry.topic_id, question=entry.question, answer=entry.answer,
                   language=entry.language, published_at=entry.published_at)
            for entry in selectors.public_faq(language, query.q)]


class TopicOut(Schema):
    id: int
    number: int = Field(description="Stable across minings: a topic found again keeps it.")
    name: str = Field(description="Given by a manager; empty when none was given.")
    label: str = Field(description="The topic's most distinctive words.")
    contacts: int = Field(description="Contacts about the topic in the period.")
    handle_seconds: int = Field(
        description="Their handle time: resolution minus first response when handled in one "
                    "sitting, else the channel's usual handle time.")
    weekly: list[int] = Field(description="Contacts per week, oldest first (see weeks).")
    channels: dict[str, int]
    languages: dict[str, int]
    typical: list[str] = Field(description="The most typical questions, most typical first.")
    faq_published: bool


class TopicsOut(Schema):
    first_day: date
    last_day: date
    weeks: list[date] = Field(description="The Monday of each week in `weekly`.")
    contacts: int
    topics: list[TopicOut]


class TopicsQuery(Schema):
    ranking: RankingIn = Field("volume", description="volume (contacts) or cost (handle time).")
    weeks: int = Field(12, description="The period in weeks: 4, 12, 26 or 52.")

    @field_validator("weeks")
    @classmethod
    def _one_of_the_periods(cls, weeks: int) -> int:
        if weeks not in WEEK_CHOICES:
            raise ValueError(f"weeks must be one of {', '.join(map(str, WEEK_CHOICES))}")
        return weeks


@router.get("/topics", response=TopicsOut, auth=requires("questions.view_topic"))
def topic_list(request: HttpRequest, query: Query[TopicsQuery]):
    """The current topics of contacts' texts, ranked as FAQ candidates."""
    table = selectors.faq_candidates(selectors.Ranking(query.ranking), weeks=query.weeks)
    return TopicsOut(
        first_day=table.first_day, last_day=table.last_day, weeks=table.weeks,
        contacts=table.total_contacts,
        topics=[TopicOut(
            id=row.topic.pk, number=row.topic.number, name=row.topic.name,
            label=row.topic.label, contacts=row.contacts, handle_seconds=row.handle_seconds,
            weekly=row.weekly, channels=dict(row.channels), languages=dict(row.languages),
            typical=[text for _pk, text in row.typical], faq_published=row.published)
            for row in table.rows])


class DeflectionOut(Schema):
    published_on: date | None = Field(description="Null: the topic has no published entry.")
    weeks_before: int = 0
    weeks_after: int = Field(0, description="Full weeks since the publishing week (at most 8).")
    contacts_before: int = 0
    contacts_after: int = 0
    rate_ratio: float | None = Field(
        None, description="Contacts a week after over before; null when it cannot be "
                          "estimated yet.")
    low: float | None = Field(None, description="Exact 95 % interval of the rate ratio.")
    high: float | None = Field(None, description="Null when unbounded.")


@router.get("/topics/{topic_id}/deflection", response=DeflectionOut,
            auth=requires("questions.view_topic"))
def topic_deflection(request: HttpRequest, topic_id: RowId):
    """The topic's weekly contacts before and after its FAQ entry went public."""
    authorize(request.user, "questions.view_topic")
    topic = get_object_or_404(Topic, pk=topic_id)
    result = selectors.deflection(topic)
    if result is None:
        return DeflectionOut(published_on=None)
    comparison = result.comparison
    finite = comparison is not None and comparison.high != float("inf")
    return DeflectionOut(
        published_on=result.published_on, weeks_before=result.weeks_before,
        weeks_after=result.weeks_after, contacts_before=result.contacts_before,
        contacts_after=result.contacts_after,
        rate_ratio=comparison.ratio if comparison and comparison.count_b else None,
        low=comparison.low if comparison else None, high=comparison.high if finite else None)
