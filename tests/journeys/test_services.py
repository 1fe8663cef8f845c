"""Lifecycle segments against customers whose segment was worked out by hand from the rules
(defaults: new 90 days, quiet 120, lost 365, detractor ≤ 6, broken promises 90 days,
recovered 180 days), and the engagement stage of each customer's latest answer."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kliento.journeys.models import CustomerStatus, SegmentSnapshot
from kliento.journeys.services import (
    engagement_answer_record,
    lifecycle_refresh,
    lifecycle_rules_update,
    lifecycle_sweep,
    segment_snapshot_take,
)
from kliento.orders.services import order_create
from kliento.organisation.calendar import local_date
from kliento.promises.models import Promise
from kliento.recovery.models import RecoveryCase
from tests.factories import CustomerFactory, PromiseFactory, SurveyResponseFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def bought(customer, *days_ago: int) -> None:
    for days in days_ago:
        order_create(external_id=f"O-{customer.pk}-{days}", customer=customer,
                     ordered_at=ago(days), amount=Decimal("50.00"))


def answered(customer, days: int, **scores) -> None:
    SurveyResponseFactory(customer=customer, responded_at=ago(days), **scores)


def case(customer, opened_days: int, resolved_days: int | None = None) -> None:
    RecoveryCase.objects.create(
        customer=customer, trigger=RecoveryCase.Trigger.MANUAL, opened_at=ago(opened_days),
        opened_on=local_date(ago(opened_days)), due_at=ago(opened_days - 1),
        status=RecoveryCase.Status.RESOLVED if resolved_days else RecoveryCase.Status.OPEN,
        resolved_at=ago(resolved_days) if resolved_days else None)


@pytest.fixture
def people(channels):
    """Each customer with the segment the rules give them, by hand."""
    made = {}

    def customer(name: str, expected: str):
        made[name] = (CustomerFactory(full_name=name), expected)
        return made[name][0]

    bought(customer("Lost", "lost"), 400, 500)  # quiet for 400 > 365 days
    bought(customer("Quiet", "at_risk"), 200, 300)  # quiet for 200 > 120 days
    detractor = customer("Detractor", "at_risk")
    bought(detractor, 10, 300)
    answered(detractor, 5, nps=5)  # last recommend score 5 ≤ 6
    recovered = customer("Recovered", "recovered")
    bought(recovered, 10, 300)
    case(recovered, 60, 30)  # resolved 30 < 180 days ago, no sign of risk
    answered(recovered, 20, nps=9)
    bought(customer("Newcomer", "new"), 30)  # first seen 30 < 90 days ago
    active = customer("Regular", "active")
    bought(active, 20, 300)
    answered(active, 15, nps=8, expectation=7, experience=7)
    promised = customer("Promised", "at_risk")
    bought(promised, 10, 300)
    PromiseFactory(customer=promised, status=Promise.Status.BROKEN, promised_at=ago(25),
                   due_at=ago(20))  # broken 20 < 90 days ago
    bought(open_case := customer("Open case", "at_risk"), 10, 300)
    case(open_case, 5)  # still open
    disappointed = customer("Disappointed", "at_risk")
    bought(disappointed, 10, 300)
    answered(disappointed, 3, expectation=8, experience=5)  # last KV 5/8 < 1
    changed = customer("Changed mind", "active")
    bought(changed, 10, 300)
    answered(changed, 50, nps=3)
    answered(changed, 10, nps=9)  # the last score counts, not the worst
    old_promise = customer("Old promise", "active")
    bought(old_promise, 10, 300)
    PromiseFactory(customer=old_promise, status=Promise.Status.BROKEN, promised_at=ago(205),
                   due_at=ago(200))  # broken 200 > 90 days ago: forgotten
    return made


def test_every_customer_lands_in_the_segment_worked_out_by_hand(people):
    assert lifecycle_refresh(NOW) == len(people)
    segments = dict(CustomerStatus.objects.values_list("customer__full_name", "segment"))
    assert segments == {name: expected for name, (_c, expected) in people.items()}


def test_the_facts_behind_a_segment_are_kept(people):
    lifecycle_refresh(NOW)
    detractor = CustomerStatus.objects.get(customer__full_name="Detractor")
    assert (detractor.last_nps, detractor.open_cases, detractor.broken_promises) == (5, 0, 0)
    assert detractor.last_seen_at == ago(10) and detractor.first_seen_at == ago(300)
    disappointed = CustomerStatus.objects.get(customer__full_name="Disappointed")
    assert disappointed.last_kv == pytest.approx(5 / 8)
    assert CustomerStatus.objects.get(customer__full_name="Open case").open_cases == 1


def test_edited_rules_move_customers(people):
    lifecycle_rules_update(quiet_after_days=250, detractor_at_most=4)
    lifecycle_refresh(NOW)
    segments = dict(CustomerStatus.objects.values_list("customer__full_name", "segment"))
    assert segments["Quiet"] == "active"  # 200 days quiet is no longer too quiet
    assert segments["Detractor"] == "active"  # 5 is above the new threshold of 4


def test_rules_that_cannot_hold_are_refused_naming_the_field():
    with pytest.raises(ValidationError) as refused:
        lifecycle_rules_update(quiet_after_days=400, lost_after_days=365)
    assert "lost_after_days" in refused.value.message_dict


def test_a_snapshot_places_customers_as_of_the_month_end(people):
    # As of 1 October 2026 (61 days before NOW): the newcomer had not come yet; the quiet
    # customer had bought 139 days earlier (> 120: at risk); the lost one 339 days earlier
    # (not yet 365: at risk, not lost); the regular's last purchase was then 239 days old.
    segment_snapshot_take(datetime(2026, 9, 15).date(), NOW)
    snapshot = dict(SegmentSnapshot.objects.values_list("customer__full_name", "segment"))
    assert "Newcomer" not in snapshot
    assert (snapshot["Quiet"], snapshot["Lost"], snapshot["Regular"]) == (
        "at_risk", "at_risk", "at_risk")
    assert snapshot["Recovered"] == "at_risk"  # quiet since February; its case came later
    assert len(snapshot) == len(people) - 1


def test_the_stage_is_that_of_the_latest_engagement_answer(people):
    regular = people["Regular"][0]
    engagement_answer_record(customer=regular, answered_at=ago(40), satisfaction=5,
                             differentiation=5, connection=5)
    engagement_answer_record(customer=regular, answered_at=ago(10), satisfaction=5,
                             differentiation=3, connection=5)
    lifecycle_refresh(NOW)
    assert CustomerStatus.objects.get(customer=regular).stage == "highly_satisfied"
    assert CustomerStatus.objects.get(customer=people["Quiet"][0]).stage is None


def test_the_daily_sweep_places_customers_once_a_day(people):
    assert lifecycle_sweep(NOW) == len(people)
    assert lifecycle_sweep(NOW + timedelta(hours=2)) == 0  # the same day: already done
    assert SegmentSnapshot.objects.filter(month=NOW.date().replace(day=1)).count() == len(
        people)
    assert lifecycle_sweep(NOW + timedelta(days=1)) == len(people)
