"""Roll-ups checked against numbers counted by hand.

Three behaviours: listened (weight 2), asked (1), closed (1). In June:

    audit  agent   location  team        listened asked closed  score
    1      Ona     Vilnius   Pardavimai  ✓        ✓     ✗       75
    2      Ona     Vilnius   Pardavimai  ✗        ✓     ✓       50
    3      Petras  Vilnius   Pardavimai  ✓        ✓     ✓       100
    4      Lina    Kaunas    Servisas    ✓        ✗     ✗       50
    5      Lina    Kaunas    Servisas    ✗        ✗     ✗       0

and in May (the previous four weeks) one more audit of Ona, all met (100).
"""

from datetime import UTC, date, datetime

import pytest

from kliento.audits.selectors import (
    Percent,
    audit_counts_by_kind,
    audit_scores_by,
    audit_summary,
    criteria_missed,
    score_change,
)
from tests.audits.conftest import criteria

START, END = date(2026, 6, 1), date(2026, 6, 28)
MAY = (date(2026, 5, 4), date(2026, 5, 31))


@pytest.fixture
def june(org, record):
    record(org.ona, True, True, False)
    record(org.ona, False, True, True)
    record(org.petras, True, True, True)
    record(org.lina, True, False, False)
    record(org.lina, False, False, False)
    record(org.ona, True, True, True, at=datetime(2026, 5, 20, 9, tzinfo=UTC))
    return org


def by_label(rows):
    return {row.label: row for row in rows}


@pytest.mark.django_db
def test_by_location(june, standard):
    rows = audit_scores_by("location", START, END)
    assert [row.label for row in rows] == ["Kaunas – Mega", "Vilnius – Akropolis"]  # lowest first
    vilnius, kaunas = by_label(rows)["Vilnius – Akropolis"], by_label(rows)["Kaunas – Mega"]
    assert (vilnius.audits, vilnius.score.value) == (3, pytest.approx(75.0))
    assert (kaunas.audits, kaunas.score.value) == (2, pytest.approx(25.0))
    listened, asked, closed = criteria(standard)
    assert {(r.criterion.pk, r.checks, r.met) for r in vilnius.criteria} == {
        (listened.pk, 3, 2), (asked.pk, 3, 3), (closed.pk, 3, 2)}
    assert vilnius.weakest.criterion == listened  # ties with "closed"; first in the standard
    assert [r.criterion for r in kaunas.criteria][:2] == [asked, closed]  # never met
    assert kaunas.weakest.met_rate.value == 0.0


@pytest.mark.django_db
def test_by_team_equals_by_location_here(june):
    rows = by_label(audit_scores_by("team", START, END))
    assert rows["Pardavimai"].score.value == pytest.approx(75.0)
    assert rows["Servisas"].score.value == pytest.approx(25.0)


@pytest.mark.django_db
def test_by_agent_with_intervals_and_the_previous_period(june, standard):
    rows = audit_scores_by("agent", START, END, compare_with=MAY)
    assert [row.label for row in rows] == ["Lina Čepulė", "Ona Žukauskaitė", "Petras Šimkus"]
    lina, ona, petras = rows
    assert (ona.audits, ona.score.value) == (2, pytest.approx(62.5))
    assert (petras.audits, petras.score.value) == (1, pytest.approx(100.0))
    assert (lina.audits, lina.score.value) == (2, pytest.approx(25.0))
    # Two audits say little: the interval spans the whole scale; one says nothing.
    assert (ona.score.low, ona.score.high) == (0.0, 100.0)
    assert (petras.score.low, petras.score.high) == (0.0, 100.0)
    assert (ona.previous.n, ona.previous.value) == (1, pytest.approx(100.0))
    assert ona.change is None  # two audits against one: too few to call it a change
    assert lina.previous is None and lina.change is None
    assert petras.weakest is None  # nothing missed


@pytest.mark.django_db
def test_criteria_ranked_by_how_often_they_are_missed(june, standard):
    listened, asked, closed = criteria(standard)
    ranked = criteria_missed(START, END)
    assert [(r.criterion, r.checks, r.missed) for r in ranked] == [
        (closed, 5, 3), (listened, 5, 2), (asked, 5, 2)]
    assert ranked[0].missed_percent == pytest.approx(60.0)
    rate = ranked[0].met_rate
    assert rate.value == pytest.approx(40.0) and rate.low < 40 < rate.high


@pytest.mark.django_db
def test_summary_and_counts(june, standard):
    summary = audit_summary(START, END)
    assert (summary.n, summary.value) == (5, pytest.approx(55.0))
    assert 0 <= summary.low < 55 < summary.high <= 100
    assert audit_summary(START, END, standard) == summary
    assert audit_summary(date(2026, 1, 1), date(2026, 1, 31)) is None
    assert audit_counts_by_kind(START, END) == {"visit": 5, "call": 0, "email": 0}


@pytest.mark.django_db
def test_the_roll_up_is_one_query_per_part(june, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        rows = audit_scores_by("agent", START, END, compare_with=MAY)
        assert [len(row.criteria) for row in rows] == [3, 3, 3]


def test_a_change_needs_three_audits_on_each_side():
    assert score_change(Percent(80, 70, 90, 3), Percent(70, 60, 80, 3)) == 10
    assert score_change(Percent(80, 70, 90, 3), Percent(70, 60, 80, 2)) is None
    assert score_change(Percent(80, 70, 90, 2), Percent(70, 60, 80, 9)) is None
    assert score_change(None, Percent(70, 60, 80, 9)) is None
