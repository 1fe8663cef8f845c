"""The demo opens recovery cases for its recent low scores and complaints and has worked most of
the older ones, so that the recovery pages and KPIs show something from the first start."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.recovery import demo_recovery_create
from kliento.demo.services import demo_reset
from kliento.demo.surveys import demo_invitations_create, demo_surveys_create
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.recovery.selectors import compensation_limit_default, recovery_kpis
from kliento.recovery.services import recovery_cases_open_for_new_signals


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built once for the module (the loader manages its own transactions)."""
    plan = DemoPlan(interactions=3000, weeks=8, seed=5)
    with django_db_blocker.unblock():
        build_demo(plan)
        demo_surveys_create()
        demo_invitations_create(plan.seed)
        yield demo_recovery_create(plan.seed)
        demo_reset()


pytestmark = pytest.mark.django_db


def test_the_demo_has_cases_in_every_state(demo):
    by_status = dict(RecoveryCase.objects.values_list("status").annotate(n=Count("id")))
    assert demo == sum(by_status.values()) > 20
    assert {"open", "in_progress", "resolved", "closed"} <= by_status.keys()
    assert RecoveryCase.objects.filter(trigger="complaint").exists()
    assert RecoveryCase.objects.filter(trigger="detractor").exists()
    # Opened from the last three weeks only, and each signal once.
    oldest = RecoveryCase.objects.order_by("opened_at").first().opened_at
    assert oldest >= timezone.now() - timedelta(weeks=3, minutes=5)
    assert recovery_cases_open_for_new_signals(window=timedelta(weeks=3)) == 0


def test_the_worked_cases_make_believable_kpis(demo):
    today = timezone.localdate()
    kpis = recovery_kpis(today - timedelta(weeks=4), today)
    assert kpis.followed_up > 0 and kpis.recovery_rate.value > 30
    assert 10 * 60 <= kpis.first_contact_median_seconds <= 48 * 3600
    assert kpis.compensation_spent > 0
    grants = CompensationGrant.objects.aggregate(most=Sum("amount"), n=Count("id"))
    assert grants["n"] > 0
    assert not CompensationGrant.objects.filter(amount__gt=compensation_limit_default()).exists()
    assert not CompensationGrant.objects.filter(approved_by__isnull=False).exists()
    assert RecoveryCase.objects.filter(cause="reliability").count() > RecoveryCase.objects.filter(
        cause="tangibles").count()
    assert isinstance(grants["most"], Decimal)


def test_the_reset_removes_the_cases_and_grants(demo):
    demo_reset()
    assert not RecoveryCase.objects.exists() and not CompensationGrant.objects.exists()
