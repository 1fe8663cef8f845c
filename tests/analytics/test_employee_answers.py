"""Employees' eNPS answers never move a customer measure: the dashboard, the metrics API and
the rollups count customers' answers only (the June figures are worked out by hand in
``conftest.py``); nor do employees' comments feed the customer comment topics."""

from datetime import UTC, date, datetime

import pytest

from kliento.access.roles import Role
from kliento.analytics.metrics import MetricsQuery
from kliento.analytics.rollups import rollups_fill, run_metrics_with_rollups
from kliento.analytics.selectors import dashboard_kpis
from kliento.people.employee_surveys import employee_survey_create
from kliento.questions.models import Source
from kliento.questions.services import texts_to_mine
from tests.analytics.conftest import WEEK1
from tests.factories import SurveyResponseFactory, UserFactory

pytestmark = pytest.mark.django_db
EMPLOYEE_SCORES = [0, 1, 2, 3, 10, 4]  # more than the smallest group: nothing would hide them


@pytest.fixture
def employee_answers(june):
    round_ = employee_survey_create(name="Darbuotojų apklausa", starts_on=date(2026, 6, 1),
                                    ends_on=date(2026, 6, 14))
    for score in EMPLOYEE_SCORES:
        SurveyResponseFactory(survey=round_.survey, customer=None, nps=score,
                              comment="Per mažai žmonių pamainoje", responded_at=WEEK1)
    return june


def test_the_dashboard_nps_counts_customers_only(employee_answers):
    kpis = {kpi.key: kpi for kpi in dashboard_kpis(employee_answers)[0]}
    # Customers' seven answers in the period: 10, 9, 8, 6, 3, 10, 10.
    assert kpis["nps"].current.n == 7
    assert kpis["nps"].current.value == pytest.approx(100 * (4 - 2) / 7)


def test_the_metrics_api_counts_customers_only(client, employee_answers):
    client.force_login(UserFactory(username="egle-manager", role=Role.MANAGER))
    (row,) = client.get("/api/v1/metrics?start=2026-06-01&end=2026-06-14&grain=period"
                        ).json()["rows"]
    assert row["nps"]["n"] == 7 and row["nps"]["value"] == pytest.approx(100 * 2 / 7)
    assert row["anonymous_left_out"] == 0


def test_rollups_count_customers_only(employee_answers):
    assert rollups_fill(today=date(2026, 7, 15)) > 0
    (row,) = run_metrics_with_rollups(MetricsQuery(date(2026, 6, 1), date(2026, 6, 14), None))
    assert row.nps.n == 7 and row.nps.value == pytest.approx(100 * 2 / 7)
    assert row.survey_responses == 7 + 4 + 2 + 2  # NPS, CSAT, CES and KV answers


def test_employee_comments_are_not_mined_as_customer_topics(employee_answers):
    customer = SurveyResponseFactory(comment="Kurjeris vėlavo dvi dienas", nps=3,
                                     responded_at=WEEK1)
    mined = texts_to_mine(Source.COMMENTS, datetime(2026, 6, 10, tzinfo=UTC), 100)
    assert mined.ids == [customer.pk]
