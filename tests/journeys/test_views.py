"""The journey pages: the customer search finds names whatever their accents, the profile
shows the timeline, the at-risk list says why and offers the next step, the rules and the
markers are saved by a manager only, and each page answers with a bounded number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kliento.access.roles import Role
from kliento.journeys.models import LifecycleRules, Marker
from kliento.journeys.services import lifecycle_refresh
from kliento.orders.services import order_create
from tests.factories import CustomerFactory, SurveyResponseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(username="manager", role=Role.MANAGER))
    return client


@pytest.fixture
def customers(channels):
    now = timezone.now()
    found = CustomerFactory(full_name="Gintarė Žuolaitė", external_id="C-1",
                            email="g@example.lt")
    CustomerFactory(full_name="Алёна Иванова", external_id="C-2")
    order_create(external_id="O-1", customer=found, ordered_at=now - timedelta(days=3),
                 amount=Decimal("49.90"), items="Pagalvėlės")
    SurveyResponseFactory(customer=found, responded_at=now - timedelta(days=2), nps=3,
                          comment="Vėlavo du kartus")
    lifecycle_refresh(now)
    return found


def test_the_search_page_finds_a_name_without_its_accents(manager, customers):
    page = manager.get(reverse("journeys:customers"), {"q": "zuolaite"}).content.decode()
    assert "Gintarė Žuolaitė" in page and "Иванова" not in page
    page = manager.get(reverse("journeys:customers"), {"q": "ИВАНОВА"}).content.decode()
    assert "Алёна Иванова" in page and "Žuolaitė" not in page


def test_the_profile_shows_the_timeline_segment_and_spend(manager, customers):
    page = manager.get(reverse("journeys:profile", args=[customers.pk])).content.decode()
    assert "Vėlavo du kartus" in page and "Pagalvėlės" in page
    assert 'data-kind="order"' in page and 'data-kind="response"' in page
    assert "segment-at_risk" in page  # a detractor


def test_the_at_risk_list_says_why_and_opens_a_case_in_one_click(manager, customers):
    page = manager.get(reverse("journeys:segments")).content.decode()
    assert "last recommend score 3" in page
    assert f'action="{reverse("recovery:open")}"' in page
    assert 'name="open-customer" value="C-1"' in page
    response = manager.post(reverse("recovery:open"), {"open-customer": "C-1",
                                                       "open-notes": "last recommend score 3"})
    assert response.status_code == 302
    assert customers.recovery_cases.get().listening_notes == "last recommend score 3"


def test_a_manager_changes_the_rules_and_a_bad_value_is_refused_by_name(manager, channels):
    url = reverse("journeys:rules")
    fields = {"new_within_days": 60, "quiet_after_days": 100, "lost_after_days": 300,
              "detractor_at_most": 5, "broken_promise_days": 90, "recovered_within_days": 180}
    assert manager.post(url, fields).status_code == 302
    assert LifecycleRules.objects.get().quiet_after_days == 100
    page = manager.post(url, fields | {"lost_after_days": 50}).content.decode()
    assert "make this longer than the quiet period" in page
    assert LifecycleRules.objects.get().lost_after_days == 300  # nothing half-written


def test_a_lead_reads_the_rules_but_cannot_change_them(client, channels):
    client.force_login(UserFactory(username="lead", role=Role.TEAM_LEAD))
    assert client.get(reverse("journeys:rules")).status_code == 200
    assert client.post(reverse("journeys:rules"), {"quiet_after_days": 5}).status_code == 403


def test_a_manager_records_a_gesture_and_a_bad_one_is_refused(manager, channels):
    url = reverse("journeys:marker-add")
    manager.post(url, {"kind": "gesture", "what": "Gėlės visiems", "happened_on": "2026-11-02",
                       "cost": "120.50"})
    assert Marker.objects.get().cost == Decimal("120.50")
    response = manager.post(url, {"kind": "gesture", "what": "", "happened_on": "x",
                                  "cost": "-1"}, follow=True)
    assert Marker.objects.count() == 1
    assert "This field is required" in response.content.decode()


@pytest.mark.parametrize("name", ["journeys:map", "journeys:segments", "journeys:engagement",
                                  "journeys:drift", "journeys:churn", "journeys:customers"])
def test_each_page_answers_in_a_bounded_number_of_queries(manager, customers, name,
                                                          django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        assert manager.get(reverse(name)).status_code == 200
