"""The customer's page is one page with two tabs — profile and timeline (journeys), consents
and history (customers) — each at its own address behind its own ``page_requires``. Both show
the same head (name, customer number, segment) and the tab bar with the open tab marked; a tab
shows only to whoever may open the page behind it."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kliento.access.roles import Role
from kliento.access.services import user_role_assign
from kliento.customers import views as customer_views
from kliento.journeys.models import CustomerStatus, Segment
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TABS = re.compile(r'<nav class="tabs"[^>]*>(.*?)</nav>', re.S)


class Org:
    """An agent who served the customer, a manager and an auditor."""


@pytest.fixture
def org(channels):
    org = Org()
    org.agent_a = AgentFactory(user=UserFactory(username="rasa-a"),
                               team=TeamFactory(name="Team A"))
    org.manager, org.auditor = UserFactory(username="egle"), UserFactory(username="ieva")
    for user, role in ((org.agent_a.user, Role.AGENT), (org.manager, Role.MANAGER),
                       (org.auditor, Role.AUDITOR)):
        user_role_assign(user, role)
    org.customer_a = CustomerFactory(full_name="Jūratė Šimkienė", external_id="C-A",
                                     email="jurate@example.lt")
    InteractionFactory(customer=org.customer_a, agent=org.agent_a, team=org.agent_a.team,
                       channel=channels["phone"], opened_at=datetime(2026, 6, 8, tzinfo=UTC))
    return org


@pytest.fixture
def at_risk(org):
    CustomerStatus.objects.create(customer=org.customer_a, segment=Segment.AT_RISK,
                                  computed_on=datetime(2026, 6, 10, tzinfo=UTC).date())
    return org.customer_a


def _tabs(client, url: str) -> tuple[str, str]:
    """The page's tab bar and its head (what comes before the bar)."""
    html = client.get(url).content.decode()
    found = TABS.search(html)
    return (found[1] if found else ""), html[:found.start() if found else len(html)]


@pytest.mark.parametrize("language", ["en", "lt"])
@pytest.mark.parametrize("user", ["agent_a", "manager"])
def test_both_pages_show_the_same_head_and_the_tabs_with_the_open_one_marked(
        client, org, at_risk, user, language):
    client.force_login(getattr(org, user) if user == "manager" else org.agent_a.user)
    with translation.override(language):
        profile = reverse("journeys:profile", args=[at_risk.pk])
        consents = reverse("customers:detail", args=[at_risk.pk])
    heads = []
    for url, other in ((profile, consents), (consents, profile)):
        bar, head = _tabs(client, url)
        assert f'<a href="{url}" aria-current="page">' in bar
        assert f'<a href="{other}">' in bar and bar.count("<a ") == 2
        assert at_risk.full_name in head and "C-A" in head
        assert 'data-segment="at_risk"' in head
        heads.append(re.sub(r'<div class="actions">.*', "", head, flags=re.S).split(
            '<div class="page-head customer-head">', 1)[1])
    assert heads[0] == heads[1]  # one head for the two tabs


def test_a_tab_hides_from_whoever_may_not_open_its_page(client, org, at_risk, monkeypatch):
    """Were consents and history a manager's page only (export rights), an agent would keep
    the profile without a tab bar, and the manager would still see both tabs."""
    monkeypatch.setattr(customer_views.customer_detail, "required_permission",
                        "privacy.export_customer")
    profile = reverse("journeys:profile", args=[at_risk.pk])
    consents = reverse("customers:detail", args=[at_risk.pk])
    client.force_login(org.agent_a.user)
    page = client.get(profile)
    assert page.status_code == 200
    assert f'href="{consents}"' not in page.content.decode()
    assert not TABS.search(page.content.decode())
    client.force_login(org.manager)
    bar, _head = _tabs(client, profile)
    assert f'<a href="{consents}">' in bar


def test_a_role_without_the_customers_sees_neither_tab(client, org, at_risk):
    client.force_login(org.auditor)
    for name in ("journeys:profile", "customers:detail"):
        assert client.get(reverse(name, args=[at_risk.pk])).status_code in (403, 404)
