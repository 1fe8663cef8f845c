"""The recovery KPIs against numbers worked out by hand."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from kliento.recovery.selectors import complaint_causes, recovery_kpis
from kliento.recovery.services import recovery_case_cause_set, recovery_case_open
from tests.factories import CustomerFactory, InteractionFactory
from tests.recovery.conftest import NOW, walked_case

pytestmark = pytest.mark.django_db

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def test_the_share_of_complaints_from_broken_promises(channels):
    causes = ["reliability", "reliability", "empathy", None]
    for cause in causes:
        complaint = InteractionFactory(kind="complaint", opened_at=NOW)
        case = recovery_case_open(customer=complaint.customer, interaction=complaint, now=NOW)
        if cause:
            recovery_case_cause_set(case, cause=cause)
    InteractionFactory(kind="complaint", opened_at=NOW.replace(month=5))  # another month
    InteractionFactory(kind="question", opened_at=NOW)

    result = complaint_causes(*JUNE)
    assert (result.complaints, result.classified) == (4, 3)
    assert result.by_cause == {"reliability": 2, "responsiveness": 0, "assurance": 0,
                               "empathy": 1, "tangibles": 0}
    share = result.broken_promise
    assert (share.count, share.n) == (2, 3)
    assert share.value == pytest.approx(200 / 3)
    # Agresti–Coull: ñ = 3 + 1.96² = 6.8415, p̃ = (2 + 1.9207) / ñ = 0.5731,
    # p̃ ± 1.96 √(p̃ (1 − p̃) / ñ) = 0.5731 ± 0.3707.
    assert share.low == pytest.approx(20.24, abs=0.01)
    assert share.high == pytest.approx(94.38, abs=0.01)


def test_no_complaints_no_share(db):
    result = complaint_causes(*JUNE)
    assert (result.complaints, result.classified, result.broken_promise) == (0, 0, None)


@pytest.fixture
def june_cases(channels, manager):
    """Five June cases followed up or not, and one from May:

    case  before  after (KV)       contact  grants             recovered  delighted
    A     3       8   (7 ÷ 8)      1 h      20 € accepted      yes        no
    B     5       4   (5 ÷ 5)      2 h      5 € accepted       no         no
    C     —       9   (8 ÷ 8)      4 h      15 € acc, 10 € dec yes (> 6)  yes (9)
    D     6       6   (9 ÷ 7)      10 h     —                  no         yes (KV > 1)
    E     2       —                30 min   —                  —          —
    """
    a = walked_case(score_before=3, contact_after=timedelta(hours=1), granted_by=manager,
                    grants=[("20", "accepted")],
                    follow_up={"nps": 8, "expectation": 8, "experience": 7})
    walked_case(score_before=5, contact_after=timedelta(hours=2), granted_by=manager,
                grants=[("5", "accepted")],
                follow_up={"nps": 4, "expectation": 5, "experience": 5})
    walked_case(score_before=None, contact_after=timedelta(hours=4), granted_by=manager,
                grants=[("15", "accepted"), ("10", "declined")],
                follow_up={"nps": 9, "expectation": 8, "experience": 8})
    walked_case(score_before=6, contact_after=timedelta(hours=10),
                follow_up={"nps": 6, "expectation": 7, "experience": 9})
    walked_case(score_before=2, contact_after=timedelta(minutes=30), follow_up=None)
    walked_case(score_before=1, contact_after=timedelta(hours=99), opened_at=NOW.replace(month=5),
                granted_by=manager, grants=[("100", "accepted")],
                follow_up={"nps": 10, "expectation": 5, "experience": 10})
    return a


def test_the_recovery_kpis_of_a_month(june_cases):
    kpis = recovery_kpis(*JUNE)
    assert (kpis.cases, kpis.contacted, kpis.followed_up) == (5, 5, 4)
    rate = kpis.recovery_rate
    assert (rate.count, rate.n, rate.value) == (2, 4, 50.0)
    # Agresti–Coull: ñ = 7.8415, p̃ = 0.5, 0.5 ± 1.96 √(0.25 / 7.8415) = 0.5 ± 0.3500.
    assert (rate.low, rate.high) == (pytest.approx(15.00, abs=0.01),
                                     pytest.approx(85.00, abs=0.01))
    assert kpis.complaint_to_delight == 2
    # Contacts after 0.5, 1, 2, 4 and 10 hours: the median is 2 hours.
    assert kpis.first_contact_median_seconds == 7200
    # Accepted: 20 + 5 + 15 = 40 € for the two customers recovered (A and C).
    assert kpis.compensation_spent == Decimal("40.00")
    assert kpis.recovered_customers == 2
    assert kpis.compensation_per_recovered_customer == Decimal("20.00")


def test_the_median_of_an_even_number_of_contacts_is_between_the_middle_two(june_cases):
    kpis = recovery_kpis(date(2026, 5, 1), date(2026, 6, 30))  # May's 99 h joins
    # 0.5, 1, 2, 4, 10, 99 hours: (2 + 4) / 2 = 3 hours.
    assert kpis.first_contact_median_seconds == 3 * 3600
    assert kpis.compensation_spent == Decimal("140.00")
    assert kpis.recovered_customers == 3


def test_one_customer_recovered_twice_counts_once(channels, manager):
    customer = CustomerFactory(email="du@example.lt")
    for opened in (NOW, NOW + timedelta(days=20)):  # the follow-ups 14+ days apart
        walked_case(score_before=2, contact_after=timedelta(hours=1), customer=customer,
                    opened_at=opened, granted_by=manager, grants=[("10", "accepted")],
                    follow_up={"nps": 9, "expectation": 5, "experience": 5})
    kpis = recovery_kpis(*JUNE)
    assert (kpis.recovered_customers, kpis.compensation_spent) == (1, Decimal("20.00"))
    assert kpis.compensation_per_recovered_customer == Decimal("20.00")


def test_a_month_without_cases(db):
    kpis = recovery_kpis(*JUNE)
    assert (kpis.cases, kpis.recovery_rate, kpis.first_contact_median_seconds) == (0, None, None)
    assert (kpis.compensation_spent, kpis.compensation_per_recovered_customer) == (
        Decimal("0.00"), None)
