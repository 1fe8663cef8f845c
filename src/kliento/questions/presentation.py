"""Wording for the questions pages: a candidate's numbers, the mining run, deflection."""

import math
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from kliento.customers.models import Language
from kliento.interactions.models import Channel
from kliento.questions.charts import weekly_bars
from kliento.questions.models import MiningRun
from kliento.questions.selectors import (
    FAQ_KPI_TOP_TOPICS,
    Candidate,
    CandidateTable,
    Deflection,
    faq_volume,
)
from kliento.ui.formatting import format_count, format_moment, format_percent

LANGUAGE_NAMES = dict(Language.choices)
CHANNEL_NAMES = dict(Channel.Code.choices)


def agent_hours(seconds: float) -> str:
    """Handle time as agent hours: 0,4 h, 12 h, 1 234 h."""
    hours = seconds / 3600
    shown = number_format(round(hours, 1), 1) if hours < 10 else format_count(round(hours))
    return pgettext("duration", "%(h)s h") % {"h": shown}


@dataclass(frozen=True)
class CandidateRow:
    candidate: Candidate
    rank: int
    contacts: str
    share: str
    cost: str
    chart: str
    trend: str  # "up", "down", "flat" or ""
    trend_words: str
    channels: list[tuple[str, str]]
    languages: list[tuple[str, str, str]]  # (code, name, count)


def _trend(candidate: Candidate) -> tuple[str, str]:
    ratio = candidate.trend
    if ratio is None:
        return "", ""
    change = (ratio - 1) * 100
    direction = "flat" if abs(change) < 10 else ("up" if change > 0 else "down")
    words = {"up": _("rising"), "down": _("falling"), "flat": _("steady")}[direction]
    return direction, f"{words} ({'+' if change > 0 else '−' if change < 0 else ''}" \
                      f"{format_percent(abs(change))})"


def candidate_rows(candidates, table: CandidateTable) -> list[CandidateRow]:
    rows = []
    first_rank = table.rows.index(candidates[0]) + 1 if candidates else 1
    for offset, candidate in enumerate(candidates):
        direction, words = _trend(candidate)
        rows.append(CandidateRow(
            candidate=candidate, rank=first_rank + offset,
            contacts=format_count(candidate.contacts),
            share=format_percent(100 * candidate.contacts / table.total_contacts)
            if table.total_contacts else "",
            cost=agent_hours(candidate.handle_seconds),
            chart=weekly_bars(list(zip(table.weeks, candidate.weekly, strict=True)),
                              title=_("Contacts a week")),
            trend=direction, trend_words=words,
            channels=[(CHANNEL_NAMES.get(code, code), format_count(n))
                      for code, n in candidate.channels[:3]],
            languages=[(code, LANGUAGE_NAMES.get(code, code), format_count(n))
                       for code, n in candidate.languages[:5]]))
    return rows


def run_words(run: MiningRun | None) -> str:
    if run is None:
        return _("No topics mined yet.")
    how = (_("number of topics chosen from the data") if run.chosen_automatically
           else _("number of topics as asked"))
    return ngettext(
        "%(topics)s topic in %(texts)s texts, mined %(when)s (%(how)s; %(kept)s kept their "
        "number and name).",
        "%(topics)s topics in %(texts)s texts, mined %(when)s (%(how)s; %(kept)s kept their "
        "number and name).", run.topics_found) % {
        "topics": format_count(run.topics_found), "texts": format_count(run.texts),
        "when": format_moment(run.finished_at), "how": how,
        "kept": format_count(run.topics_kept)}


@dataclass(frozen=True)
class DeflectionWords:
    deflection: Deflection
    before: str  # contacts a week
    after: str
    headline: str
    interval: str
    verdict: str  # "fewer", "more", "unclear", "early"


def _signed_percent(fraction: float) -> str:
    sign = "+" if fraction > 0.005 else "−" if fraction < -0.005 else ""
    return sign + format_percent(abs(100 * fraction))


def _per_week(value: float) -> str:
    return number_format(round(value, 1), 1)


def deflection_words(deflection: Deflection | None) -> DeflectionWords | None:
    if deflection is None:
        return None
    before, after = _per_week(deflection.per_week_before), _per_week(deflection.per_week_after)
    if deflection.weeks_after == 0:
        return DeflectionWords(deflection, before, after, _(
            "Too early: the first full week after publishing has not ended yet."), "", "early")
    if deflection.comparison is None or deflection.contacts_before == 0:
        return DeflectionWords(deflection, before, after, _(
            "No contacts about this topic in the weeks before publishing: nothing to compare."),
            "", "unclear")
    comparison = deflection.comparison
    # As a change in contacts a week: rate ratio − 1, its interval likewise.
    change, low, high = comparison.ratio - 1, comparison.low - 1, comparison.high - 1
    interval = _("95 %% interval of the change: %(low)s … %(high)s") % {
        "low": _signed_percent(low),
        "high": "+∞" if math.isinf(high) else _signed_percent(high)}
    if high < 0:
        verdict, headline = "fewer", _("%(share)s fewer contacts a week since publishing.") % {
            "share": format_percent(-100 * change)}
    elif low > 0:
        verdict, headline = "more", _("%(share)s more contacts a week since publishing.") % {
            "share": format_percent(100 * change)}
    else:
        verdict, headline = "unclear", _(
            "No clear change since publishing (%(change)s a week): the interval includes no "
            "change.") % {"change": _signed_percent(change)}
    return DeflectionWords(deflection, before, after, headline, interval, verdict)


def polarity_mix(counts: dict[str, int] | None) -> str:
    if not counts:
        return ""
    return _("Comments read as negative %(negative)s, neutral %(neutral)s, positive "
             "%(positive)s") % {key: format_count(counts.get(key, 0))
                                for key in ("negative", "neutral", "positive")}


def comment_rows(by_touchpoint, polarity: dict[int, dict[str, int]]) -> list[dict]:
    """Each touchpoint's detractor and promoter topics with their polarity mix."""
    return [{"touchpoint": row.touchpoint,
             "detractor_comments": row.detractor_comments,
             "promoter_comments": row.promoter_comments,
             "detractors": [(topic, n, polarity_mix(polarity.get(topic.pk)))
                            for topic, n in row.detractors],
             "promoters": [(topic, n, polarity_mix(polarity.get(topic.pk)))
                           for topic, n in row.promoters]}
            for row in by_touchpoint]


def agreement_words(run: MiningRun | None) -> str:
    if run is None or run.polarity_agreement is None:
        return ""
    return _("Polarity read from the words agrees with the score's class on %(share)s of "
             "comments held out of its training.") % {
        "share": format_percent(100 * run.polarity_agreement)}


def faq_kpi_card(start: date, end: date, user=None) -> dict:
    """The frequently-asked-questions KPI as a dashboard card (``ui/_kpi_card.html``): of
    the contacts whose text has a topic, the share about the ten most asked topics, with
    its 95 % interval; the basis says how many of them a published FAQ entry answers."""
    kpi = faq_volume(start, end)
    card = {
        "key": "frequent_questions", "title": _("Frequently asked questions"),
        "explanation": _("Contacts about the %(top)s most asked topics, of all contacts whose "
                         "text has a topic.") % {"top": FAQ_KPI_TOP_TOPICS},
        "value": None, "interval": None,
        "basis": ngettext("%(count)s contact with a topic, %(answered)s answered on the FAQ",
                          "%(count)s contacts with a topic, %(answered)s answered on the FAQ",
                          kpi.contacts) % {"count": format_count(kpi.contacts),
                                           "answered": format_count(kpi.answered)},
    }
    if kpi.share is not None:
        card["value"] = format_percent(100 * kpi.share)
        card["interval"] = (format_percent(100 * kpi.low), format_percent(100 * kpi.high))
    if user is not None and user.has_perm("questions.view_topic"):
        card["drill_url"] = reverse("questions:candidates")
        card["drill_label"] = _("FAQ candidates")
    return card
