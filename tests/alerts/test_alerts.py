"""Alerts: a change is reported when the week's answers differ from the four weeks before by
more than chance, with Benjamini–Hochberg across one person's alerts; the digest goes out
once a week, and only to people something changed for."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from kliento.access.roles import Role
from kliento.alerts.models import AlertSubscription
from kliento.alerts.selectors import alert_changes
from kliento.alerts.services import alert_digests_send, subscription_add
from kliento.measure.comparison import compare
from tests.factories import (
    SurveyResponseFactory,
    TeamFactory,
    TouchpointFactory,
    UserFactory,
)

TODAY = date(2026, 12, 7)  # a Monday: the week's first working day
BASELINE_DAY = datetime(2026, 11, 10, 10, tzinfo=UTC)  # inside the 28 days before
RECENT_DAY = datetime(2026, 12, 2, 10, tzinfo=UTC)  # inside the last 7 days

# NPS answers per touchpoint: (before, this week).
SCORES = {
    "Kasa": ([10] * 24 + [8] * 8 + [3] * 8, [10] * 4 + [8] * 6 + [2] * 20),  # collapsed
    "Pristatymas": ([10] * 15 + [7] * 10 + [4] * 10, [10] * 7 + [7] * 6 + [4] * 7),  # same
    "Internetas": ([9] * 20 + [7] * 10 + [5] * 10, [9] * 12 + [7] * 5 + [5] * 8),  # a little
}


@pytest.fixture
def manager(db):
    return UserFactory(username="vadove", email="vadove@example.lt", role=Role.MANAGER)


@pytest.fixture
def touchpoints(db):
    made = {}
    for name, (before, now) in SCORES.items():
        made[name] = touchpoint = TouchpointFactory(name=name)
        for score in before:
            SurveyResponseFactory(touchpoint=touchpoint, nps=score, responded_at=BASELINE_DAY)
        for score in now:
            SurveyResponseFactory(touchpoint=touchpoint, nps=score, responded_at=RECENT_DAY)
    return made


def _benjamini_hochberg(p_values: list[float], rate: float = 0.05) -> list[bool]:
    """The step-up rule by hand: reject the k smallest, k the largest with p_(k) ≤ k·q/m."""
    order = sorted(range(len(p_values)), key=p_values.__getitem__)
    m, last = len(p_values), 0
    for rank, index in enumerate(order, start=1):
        if p_values[index] <= rank * rate / m:
            last = rank
    return [order.index(i) < last for i in range(m)]


def test_significance_is_capped_across_the_digest(manager, touchpoints):
    subscriptions = [subscription_add(user=manager, measure="nps", touchpoint=touchpoints[n])
                     for n in SCORES]
    changes = alert_changes(subscriptions, TODAY)
    raw = [compare(before, now, "nps").p_value for before, now in SCORES.values()]
    assert [change.p_value for change in changes] == pytest.approx(raw)
    assert [change.significant for change in changes] == _benjamini_hochberg(raw)
    assert changes[0].significant and not changes[1].significant  # collapsed; unchanged


def test_too_few_answers_are_not_tested(manager, touchpoints):
    quiet = TouchpointFactory(name="Paštomatas")
    SurveyResponseFactory(touchpoint=quiet, nps=0, responded_at=RECENT_DAY)
    [change] = alert_changes([subscription_add(user=manager, measure="nps",
                                               touchpoint=quiet)], TODAY)
    assert change.p_value is None and not change.significant


def test_the_digest_goes_once_and_only_where_something_changed(manager, touchpoints):
    subscription_add(user=manager, measure="nps", touchpoint=touchpoints["Kasa"])
    calm = UserFactory(username="ramus", email="ramus@example.lt", role=Role.MANAGER)
    subscription_add(user=calm, measure="nps", touchpoint=touchpoints["Pristatymas"])
    monday = datetime(2026, 12, 7, 7, tzinfo=UTC)
    assert alert_digests_send(now=monday) == 1
    [message] = mail.outbox
    assert message.to == ["vadove@example.lt"] and "Kasa" in message.body
    assert alert_digests_send(now=monday + timedelta(hours=3)) == 0
    assert len(mail.outbox) == 1


def test_a_manager_subscribes_and_reads_the_method(client, manager, touchpoints):
    client.force_login(manager)
    client.post(reverse("alerts:list"), {"measure": "nps",
                                         "touchpoint": touchpoints["Kasa"].pk})
    assert AlertSubscription.objects.get().touchpoint == touchpoints["Kasa"]
    page = client.get(reverse("alerts:list")).content.decode()
    assert "Benjamini–Hochberg" in page and "Kasa" in page


def test_both_a_touchpoint_and_a_team_are_refused(client, manager, touchpoints):
    client.force_login(manager)
    page = client.post(reverse("alerts:list"), {"measure": "nps", "team": TeamFactory().pk,
                                                "touchpoint": touchpoints["Kasa"].pk})
    assert "not both" in page.content.decode()
    assert not AlertSubscription.objects.exists()


def test_nobody_removes_anothers_alert_and_agents_have_none(client, manager, touchpoints):
    theirs = subscription_add(user=manager, measure="csat")
    client.force_login(UserFactory(username="kitas", role=Role.MANAGER))
    answer = client.post(reverse("alerts:list"), {"action": "remove",
                                                  "subscription": theirs.pk})
    assert answer.status_code == 404 and AlertSubscription.objects.filter(pk=theirs.pk).exists()
    client.force_login(UserFactory(username="agente", role=Role.AGENT))
    assert client.get(reverse("alerts:list")).status_code == 403
