"""The promise-kept rate against numbers counted by hand, overall and by kind, owner and team."""

import math
from datetime import UTC, date, datetime

import pytest

from kliento.promises.selectors import promise_kept_rate, promise_kept_rates
from tests.factories import AgentFactory, PromiseFactory, TeamFactory, UserFactory
from tests.promises.conftest import NOW

pytestmark = pytest.mark.django_db

START, END = date(2026, 5, 18), date(2026, 6, 1)  # local days; NOW is 1 June, 12:00 local


def due(day: int, month: int = 5, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def ledger(rasa, jonas):
    ona = AgentFactory(user=UserFactory(username="ona", first_name="Ona", last_name="Onaitė"),
                       team=TeamFactory(name="Vilnius"))
    made = due(17, hour=6)
    rows = [
        (rasa, "callback", "kept", due(19)), (rasa, "callback", "kept", due(20)),
        (rasa, "delivery", "late", due(21)), (rasa, "delivery", "broken", due(22)),
        (rasa, "callback", "kept", due(1, 6, hour=7)),  # today, 10:00 local: already due
        (jonas, "callback", "kept", due(25)), (jonas, "reply", "open", due(26)),  # overdue
        (ona, "repair", "kept", due(18)), (ona, "repair", "kept", due(27)),
        (ona, "repair", "kept", due(31, hour=20)),  # 23:00 local on the last Sunday
        (None, "refund", "broken", due(29)),
        # Not counted: due later today, before the period, after it.
        (rasa, "callback", "open", due(1, 6, hour=12)),
        (rasa, "callback", "broken", due(17, hour=12)),
        (ona, "repair", "broken", due(31, hour=21)),  # 00:00 local on 1 June — counted!
        (jonas, "reply", "broken", due(2, 6)),
    ]
    for owner, kind, status, due_at in rows:
        PromiseFactory(owner=owner, kind=kind, status=status, promised_at=made, due_at=due_at,
                       kept_at=due_at if status in ("kept", "late") else None)
    return {"rasa": rasa, "jonas": jonas, "ona": ona}


def agresti_coull_percent(kept: int, n: int) -> tuple[float, float]:
    """The adjusted-Wald interval written out, to check the selector against."""
    z = 1.959963984540054
    n_adj = n + z * z
    p = (kept + z * z / 2) / n_adj
    margin = z * math.sqrt(p * (1 - p) / n_adj)
    return 100 * max(0.0, p - margin), 100 * min(1.0, p + margin)


def test_overall_rate_counts_every_promise_due_in_the_period(ledger):
    rate = promise_kept_rate(START, END, now=NOW)
    # 12 due (the one at local midnight on 1 June belongs to 1 June), 7 kept.
    assert (rate.due, rate.kept, rate.late, rate.broken, rate.overdue) == (12, 7, 1, 3, 1)
    assert rate.value == pytest.approx(100 * 7 / 12)
    assert (rate.low, rate.high) == pytest.approx(agresti_coull_percent(7, 12))
    assert rate.low < rate.value < rate.high


def test_rate_by_kind_lowest_first(ledger):
    rates = promise_kept_rates("kind", START, END, now=NOW)
    assert [(r.key, r.label, r.due, r.kept) for r in rates] == [
        ("delivery", "Delivery", 2, 0),
        ("refund", "Refund", 1, 0),
        ("reply", "Reply", 1, 0),
        ("repair", "Repair", 4, 3),
        ("callback", "Call back", 4, 4),
    ]
    repair = rates[3]
    assert repair.value == 75.0 and repair.broken == 1
    assert (repair.low, repair.high) == pytest.approx(agresti_coull_percent(3, 4))


def test_rate_by_owner_and_by_team(ledger, django_assert_num_queries):
    rasa, jonas, ona = ledger["rasa"], ledger["jonas"], ledger["ona"]
    with django_assert_num_queries(2):  # the counts, then the agents' names
        by_owner = promise_kept_rates("owner", START, END, now=NOW)
    assert [(r.key, r.label, r.due, r.kept, r.value) for r in by_owner] == [
        (None, "No owner", 1, 0, 0.0),
        (str(jonas.pk), "Jonas Jonaitis", 2, 1, 50.0),
        (str(rasa.pk), "Rasa Petraitė", 5, 3, 60.0),
        (str(ona.pk), "Ona Onaitė", 4, 3, 75.0),
    ]
    by_team = promise_kept_rates("team", START, END, now=NOW)
    assert [(r.label, r.due, r.kept, r.late, r.broken, r.overdue) for r in by_team] == [
        ("No team", 1, 0, 0, 1, 0),
        ("Kaunas", 7, 4, 1, 1, 1),
        ("Vilnius", 4, 3, 0, 1, 0),
    ]
    kaunas = by_team[1]
    assert kaunas.key == str(rasa.team_id)
    assert (kaunas.low, kaunas.high) == pytest.approx(agresti_coull_percent(4, 7))
    assert kaunas.late_percent + kaunas.broken_percent + kaunas.overdue_percent == \
        pytest.approx(100 - kaunas.value)


def test_no_promise_due_means_no_rate(db):
    assert promise_kept_rate(START, END, now=NOW) is None
    assert promise_kept_rates("team", START, END, now=NOW) == []
