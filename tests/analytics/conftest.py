"""Shared data for the dashboard tests: one June of hand-countable answers, and 14 weeks of
demo history up to mid-October for the kept and shared parts."""

from datetime import UTC, date, datetime, timedelta

import pytest

from kliento.analytics.finished import forget_kept
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset
from kliento.organisation.periods import period_ending_this_week
from tests.factories import (
    CustomerFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
)

WEEK1 = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)  # Tuesday of the week starting Mon 1 June
WEEK2 = datetime(2026, 6, 9, 10, 0, tzinfo=UTC)


@pytest.fixture
def june(channels):
    customer = CustomerFactory()
    for nps in (10, 9, 8, 6, 3):
        SurveyResponseFactory(customer=customer, responded_at=WEEK1, nps=nps)
    for csat in (5, 4, 3, 2):
        SurveyResponseFactory(customer=customer, responded_at=WEEK1, csat=csat)
    for ces in (2, 4):
        SurveyResponseFactory(customer=customer, responded_at=WEEK1, ces=ces)
    for experience, expectation in ((8, 8), (9, 6)):
        SurveyResponseFactory(customer=customer, responded_at=WEEK1, experience=experience,
                              expectation=expectation)
    for nps in (10, 10):
        SurveyResponseFactory(customer=customer, responded_at=WEEK2, nps=nps)
    # The previous four weeks: one detractor.
    SurveyResponseFactory(customer=customer, responded_at=datetime(2026, 5, 20, tzinfo=UTC), nps=0)

    due = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)
    for status in ("kept", "kept", "kept", "late"):
        PromiseFactory(customer=customer, due_at=due, status=status,
                       kept_at=due + timedelta(hours=2 if status == "late" else -2))
    PromiseFactory(customer=customer, due_at=due, status="broken")
    PromiseFactory(customer=customer, due_at=due, status="open")  # overdue: not kept

    for first_response, resolution in ((60, 600), (120, 3600), (600, None)):
        InteractionFactory(
            customer=customer, opened_at=WEEK1,
            first_response_at=WEEK1 + timedelta(seconds=first_response),
            resolved_at=None if resolution is None else WEEK1 + timedelta(seconds=resolution),
        )
    return period_ending_this_week(weeks=4, today=date(2026, 6, 24))


@pytest.fixture(autouse=True)
def no_finished_parts_kept():
    """Finished parts of periods are kept under the rollups' fill state, whose timestamp a
    frozen clock can repeat from one test's data to the next: none is kept between tests."""
    forget_kept()


@pytest.fixture(scope="module")
def october_history(django_db_setup, django_db_blocker):
    """14 weeks of demo contacts and answers up to 12 October 2026, built once per module."""
    with django_db_blocker.unblock():
        build_demo(DemoPlan(interactions=3000, weeks=14, seed=5, end=date(2026, 10, 12)))
        yield
        demo_reset()
