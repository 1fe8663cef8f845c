"""The finished part of a period is kept until the rollups' next fill or forget: the figures
stay exactly those computed from every row, and only the days after the stored weeks are
read again per request."""

from datetime import date

import pytest
import time_machine

from kliento.analytics import drivers
from kliento.analytics.finished import fill_state, forget_kept
from kliento.analytics.models import SharedPart
from kliento.analytics.rollups import rollups_fill, rollups_forget
from kliento.database.history import past_changed
from kliento.journeys.selectors import kv_band_counts
from kliento.surveys.models import SurveyResponse
from kliento.surveys.selectors import customer_responses

TODAY = date(2026, 10, 14)  # weeks up to Sunday 4 October are final
START, END = date(2026, 7, 29), date(2026, 10, 12)  # from mid-week, into the live days


def reference() -> tuple:
    """The figures from every row, nothing kept: what the pages must show."""
    forget_kept()
    SharedPart.objects.all().delete()
    return (drivers._factor_moments(START, END), drivers._touchpoint_moments(START, END),
            kv_band_counts(START, END), drivers.factor_drivers(START, END),
            drivers.touchpoint_drivers(START, END))


def through_the_split() -> tuple:
    from kliento.analytics.finished import split_at_fill
    return (split_at_fill("factor_moments", START, END, drivers._factor_moments,
                          drivers._moments_added),
            split_at_fill("touchpoint_moments", START, END, drivers._touchpoint_moments,
                          drivers._touchpoint_moments_added),
            split_at_fill("kv_band_counts", START, END, kv_band_counts,
                          lambda a, b: tuple(x + y for x, y in zip(a, b, strict=True))),
            drivers.factor_drivers(START, END), drivers.touchpoint_drivers(START, END))


def assert_same(a: tuple, b: tuple) -> None:
    (n1, s1, c1), tp1, kv1, f1, t1 = a
    (n2, s2, c2), tp2, kv2, f2, t2 = b
    assert n1 == n2 and (s1 == s2).all() and (c1 == c2).all()  # exactly, not approximately
    assert tp1 == tp2 and kv1 == kv2
    assert f1 == f2 and t1 == t2


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_kept_finished_part_gives_exactly_the_figures_of_every_row(
        october_history, django_assert_num_queries):
    expected = reference()  # nothing filled: all live
    rollups_fill(today=TODAY)
    # The stored weeks end on 4 October; the days to 6 October are settled (8 days ago).
    assert fill_state()[0] == date(2026, 10, 6)
    assert_same(expected, through_the_split())  # the first request keeps the finished part
    # Then each figure reads the fill state and only the days after 6 October.
    with django_assert_num_queries(2):
        drivers.factor_drivers(START, END)
    with django_assert_num_queries(3):  # and the touchpoints' names
        drivers.touchpoint_drivers(START, END)
    assert_same(expected, through_the_split())


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_old_data_changed_forgets_what_was_kept(october_history):
    rollups_fill(today=TODAY)
    before = through_the_split()
    answer = customer_responses().filter(
        responded_on__range=(date(2026, 8, 10), date(2026, 8, 16)), nps__isnull=False,
        reliability__isnull=False).exclude(nps=0).order_by("pk").first()
    SurveyResponse.objects.filter(pk=answer.pk).update(nps=0)
    # An import of old data says so; the rollups forget those weeks, and so is the kept part.
    past_changed.send(sender="test", since=date(2026, 8, 10))
    changed = through_the_split()
    assert changed[0][1][-1] == before[0][1][-1] - answer.nps  # Σ nps of the factor answers
    assert_same(reference(), changed)
    rollups_fill(today=TODAY)  # filled again: kept again, from the changed rows
    assert_same(changed, through_the_split())


@pytest.mark.django_db
def test_nothing_kept_before_the_rollups_are_filled(october_history):
    rollups_forget()
    assert fill_state() is None
    assert_same(reference(), through_the_split())


def test_the_least_recently_read_go_first_once_too_many_cells_are_kept(monkeypatch):
    from kliento.analytics import finished
    forget_kept()
    monkeypatch.setattr(finished, "KEPT_CELLS", 10)
    computed = []

    def part(name, cells):
        return finished.kept(name, lambda: computed.append(name) or name, size=lambda _: cells)

    part("a", 4), part("b", 4), part("a", 4)  # "a" read again: "b" is now the oldest
    part("c", 4)  # 12 cells: "b" goes
    part("a", 4), part("b", 4)
    assert computed == ["a", "b", "c", "b"]
    forget_kept()


def test_kept_values_go_least_recently_read_first_once_their_cells_are_too_many(monkeypatch):
    from kliento.analytics import finished

    monkeypatch.setattr(finished, "KEPT_CELLS", 10)
    forget_kept()
    computed = []

    def value(name, cells):
        return finished.kept(name, lambda: computed.append(name) or [name] * cells, size=len)

    value("a", 4), value("b", 4)
    value("a", 4)  # read again: "b" is now the least recently read
    value("c", 4)  # 12 cells: "b" goes
    value("a", 4), value("c", 4)
    assert computed == ["a", "b", "c"]
    value("b", 4)  # computed again; "a" goes (read before "c")
    assert computed == ["a", "b", "c", "b"]
    value("c", 4)
    assert computed == ["a", "b", "c", "b"]
    value("a", 4)
    assert computed == ["a", "b", "c", "b", "a"]
    forget_kept()
    value("big", 9), value("small", 1)  # exactly at the bound: both stay
    assert computed[-2:] == ["big", "small"]
    value("big", 9), value("small", 1)
    assert computed[-2:] == ["big", "small"] and len(computed) == 7
