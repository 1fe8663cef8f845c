"""The candidates' numbers, deflection, the comment topics by touchpoint, the public FAQ's
fallback and search, and the FAQ KPI — against counts made by hand."""

from datetime import UTC, date, datetime, timedelta

import pytest
from scipy.stats import binomtest

from kliento.questions.models import (
    CommentTopic,
    FaqEntry,
    InteractionTopic,
    MiningRun,
    Topic,
)
from kliento.questions.selectors import (
    FAQ_KPI_TOP_TOPICS,
    Ranking,
    comment_topics_by_touchpoint,
    deflection,
    faq_candidates,
    faq_volume,
    in_language,
    public_faq,
    topic_questions,
)
from tests.factories import (
    AgentFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TouchpointFactory,
)

TODAY = date(2026, 12, 2)  # a Wednesday; its week starts on 30 November


def _run(source="questions"):
    moment = datetime(2026, 12, 1, tzinfo=UTC)
    return MiningRun.objects.create(source=source, status="done", requested_at=moment,
                                    finished_at=moment)


def _topic(run, number, **fields):
    return Topic.objects.create(source=run.source, number=number, first_run=run, last_run=run,
                                label=f"topic {number}", **fields)


def _contact(topic, run, on: date, *, agent=None, channel=None, language="lt",
             handled: int | None = None, text="Kur mano užsakymas?", similarity=0.5):
    opened = datetime(on.year, on.month, on.day, 9, tzinfo=UTC)
    fields = {}
    if handled is not None:
        fields = {"first_response_at": opened + timedelta(seconds=60),
                  "resolved_at": opened + timedelta(seconds=60 + handled)}
    if channel is not None:
        fields["channel"] = channel
    interaction = InteractionFactory(opened_at=opened, language=language, text=text,
                                     agent=agent, team=agent.team if agent else None, **fields)
    InteractionTopic.objects.create(interaction=interaction, topic=topic, run=run,
                                    similarity=similarity)
    return interaction


def test_candidates_rank_by_contacts_or_by_their_handle_time(channels):
    run = _run()
    many, costly = _topic(run, 1), _topic(run, 2)
    for day in range(3):  # three short calls: 100 s handled each
        _contact(many, run, TODAY - timedelta(days=day), handled=100, channel=channels["phone"])
    # Two long e-mails: one handled in 2,000 s; one never resolved, so it costs the
    # e-mail channel's usual 600 s.
    _contact(costly, run, TODAY, handled=2_000, channel=channels["email"])
    _contact(costly, run, TODAY, channel=channels["email"])
    # Outside the period: not counted.
    _contact(many, run, TODAY - timedelta(weeks=13), handled=100)

    by_volume = faq_candidates(Ranking.VOLUME, weeks=12, today=TODAY)
    by_cost = faq_candidates(Ranking.COST, weeks=12, today=TODAY)

    assert [(c.topic, c.contacts, c.handle_seconds) for c in by_volume.rows] == [
        (many, 3, 300), (costly, 2, 2_600)]
    assert [c.topic for c in by_cost.rows] == [costly, many]
    assert by_volume.total_contacts == 5
    assert by_volume.first_day == date(2026, 9, 14) and len(by_volume.weeks) == 12


def test_a_candidate_counts_its_weeks_channels_languages_and_typical_questions(channels):
    run = _run()
    topic = _topic(run, 1)
    this_week = _contact(topic, run, TODAY, channel=channels["chat"], language="lv",
                         text="Kur ir mans pasūtījums?")
    _contact(topic, run, date(2026, 11, 30), channel=channels["phone"])  # Monday, same week
    _contact(topic, run, date(2026, 11, 29), channel=channels["phone"])  # Sunday before
    Topic.objects.filter(pk=topic.pk).update(typical=[this_week.pk])
    # A topic of an older mining is not a current candidate.
    old = MiningRun.objects.create(source="questions", status="done",
                                   requested_at=datetime(2026, 1, 1, tzinfo=UTC),
                                   finished_at=datetime(2026, 1, 1, tzinfo=UTC))
    retired = _topic(old, 7)
    _contact(retired, old, TODAY)

    [candidate] = faq_candidates(weeks=4, today=TODAY).rows

    assert candidate.weekly == [0, 0, 1, 2]
    assert dict(candidate.channels) == {"phone": 2, "chat": 1}
    assert dict(candidate.languages) == {"lt": 2, "lv": 1}
    assert candidate.typical == [(this_week.pk, "Kur ir mans pasūtījums?")]
    assert candidate.trend is None  # nothing in the four weeks before


def _clopper_pearson_ratio(after: int, weeks_after: int, before: int, weeks_before: int):
    interval = binomtest(after, after + before).proportion_ci(0.95, method="exact")
    scale = weeks_before / weeks_after
    return [p / (1 - p) * scale for p in (interval.low, interval.high)]


def test_deflection_compares_full_weeks_either_side_of_publishing(channels):
    run = _run()
    topic = _topic(run, 1)
    published = datetime(2026, 10, 14, 12, tzinfo=UTC)  # Wednesday; its week is left out
    FaqEntry.objects.create(topic=topic, question={"lt": "Kur?"}, answer={"lt": "Čia."},
                            published_at=published, updated_at=published)
    publish_monday = date(2026, 10, 12)
    # Before: 8 full weeks from 17 August, 5 contacts a week = 40.
    for week in range(8):
        for i in range(5):
            _contact(topic, run, publish_monday - timedelta(weeks=8 - week) + timedelta(days=i))
    _contact(topic, run, date(2026, 10, 13))  # the publishing week: in neither
    _contact(topic, run, date(2026, 8, 16))  # a day before the 8 weeks: out
    # After: full weeks from 19 October until the current week (30 November): 6 weeks,
    # 2 contacts a week = 12; this week's contacts are not counted yet.
    for week in range(6):
        for i in range(2):
            _contact(topic, run, date(2026, 10, 19) + timedelta(weeks=week, days=i))
    _contact(topic, run, TODAY)

    result = deflection(topic, today=TODAY)

    assert (result.weeks_before, result.weeks_after) == (8, 6)
    assert (result.contacts_before, result.contacts_after) == (40, 12)
    assert result.per_week_before == 5.0 and result.per_week_after == 2.0
    assert result.comparison.ratio == pytest.approx(2.0 / 5.0)
    low, high = _clopper_pearson_ratio(12, 6, 40, 8)
    assert (result.comparison.low, result.comparison.high) == (
        pytest.approx(low, rel=1e-9), pytest.approx(high, rel=1e-9))
    assert result.comparison.high < 1  # a real drop


def test_deflection_waits_for_a_full_week_and_needs_a_published_entry(channels):
    run = _run()
    topic = _topic(run, 1)
    assert deflection(topic, today=TODAY) is None
    published = datetime(2026, 11, 30, 8, tzinfo=UTC)
    FaqEntry.objects.create(topic=topic, question={"en": "?"}, answer={"en": "!"},
                            published_at=published, updated_at=published)
    _contact(topic, run, date(2026, 11, 20))

    early = deflection(topic, today=TODAY)

    assert early.weeks_after == 0 and early.comparison is None
    assert early.contacts_before == 1


def test_the_drill_down_shows_only_the_contacts_within_reach(agent, lead):
    run = _run()
    topic = _topic(run, 1)
    mine = _contact(topic, run, TODAY, agent=agent, similarity=0.2)
    best = _contact(topic, run, TODAY, agent=AgentFactory(team=agent.team), similarity=0.9,
                    language="en")
    _contact(topic, run, TODAY, agent=AgentFactory())  # another team's

    assert list(topic_questions(lead, topic)) == [best, mine]
    assert list(topic_questions(lead, topic, language="en")) == [best]
    assert list(topic_questions(lead, topic, week=date(2026, 11, 23))) == []


def test_detractors_and_promoters_topics_sit_side_by_side_per_touchpoint(channels):
    run = _run("comments")
    late, friendly = _topic(run, 1), _topic(run, 2)
    store = TouchpointFactory(name="Parduotuvė")
    responded = datetime(2026, 11, 20, tzinfo=UTC)

    def comment(topic, nps, touchpoint=store):
        response = SurveyResponseFactory(nps=nps, comment="…", touchpoint=touchpoint,
                                         responded_at=responded)
        CommentTopic.objects.create(response=response, topic=topic, run=run, similarity=1,
                                    polarity="")

    for nps in (0, 3, 6):
        comment(late, nps)
    comment(friendly, 5)
    for nps in (9, 10):
        comment(friendly, nps)
    comment(late, 8)  # a passive: on neither side

    [row] = comment_topics_by_touchpoint(today=TODAY)

    assert row.touchpoint == "Parduotuvė"
    assert row.detractors == [(late, 3), (friendly, 1)]
    assert row.promoters == [(friendly, 2)]
    assert (row.detractor_comments, row.promoter_comments) == (4, 2)


def test_a_missing_language_falls_back_to_english_then_the_first_written():
    texts = {"lt": "Kada dirbate?", "en": "When are you open?"}
    assert in_language(texts, "lt") == ("Kada dirbate?", "lt")
    assert in_language(texts, "pl") == ("When are you open?", "en")
    assert in_language({"ru": "Когда?", "lv": "Kad?"}, "pl") == ("Kad?", "lv")
    assert in_language({}, "pl") == ("", "")


def test_the_public_faq_falls_back_never_blank_and_searches_without_accents(channels):
    run = _run()
    hours, orders, draft = _topic(run, 1), _topic(run, 2), _topic(run, 3)
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    FaqEntry.objects.create(topic=hours, question={"lt": "Kada dirbate sekmadienį?",
                                                   "en": "When are you open on Sunday?"},
                            answer={"lt": "Nuo 10 iki 18 val.", "en": "From 10 to 6."},
                            published_at=moment, updated_at=moment)
    FaqEntry.objects.create(topic=orders, question={"lv": "Kur ir mans pasūtījums?"},
                            answer={"lv": "Skatiet saiti e-pastā."},
                            published_at=moment, updated_at=moment)
    FaqEntry.objects.create(topic=draft, question={"en": "Draft?"}, answer={"en": "Not yet."},
                            updated_at=moment)
    _contact(orders, run, TODAY)  # asked more: listed first

    polish = public_faq("pl")
    lithuanian = public_faq("lt", "SEKMADIENI")

    assert [(e.topic_id, e.question, e.language) for e in polish] == [
        (orders.pk, "Kur ir mans pasūtījums?", "lv"),
        (hours.pk, "When are you open on Sunday?", "en")]
    assert all(entry.answer for entry in polish)
    assert [(e.question, e.answer) for e in lithuanian] == [
        ("Kada dirbate sekmadienį?", "Nuo 10 iki 18 val.")]
    assert [e.topic_id for e in public_faq("en", "pasutijums")] == [orders.pk]
    assert public_faq("en", "nothing like this") == []


def test_the_faq_kpi_is_the_share_of_contacts_about_the_most_asked_topics(channels):
    run = _run()
    topics = [_topic(run, n) for n in range(1, FAQ_KPI_TOP_TOPICS + 3)]
    # Topic n gets n contacts: the top ten are topics 3…12 (3+…+12 = 75 of 78).
    for n, topic in enumerate(topics, start=1):
        for _ in range(n):
            _contact(topic, run, TODAY)
    FaqEntry.objects.create(topic=topics[-1], question={"en": "?"}, answer={"en": "!"},
                            published_at=datetime(2026, 11, 1, tzinfo=UTC),
                            updated_at=datetime(2026, 11, 1, tzinfo=UTC))

    kpi = faq_volume(date(2026, 11, 30), TODAY)

    assert (kpi.contacts, kpi.frequent, kpi.answered) == (78, 75, 12)
    assert kpi.share == pytest.approx(75 / 78)
    assert kpi.low < kpi.share < kpi.high <= 1
    empty = faq_volume(date(2020, 1, 6), date(2020, 1, 12))
    assert (empty.contacts, empty.share) == (0, None)
