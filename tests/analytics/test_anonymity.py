"""No report rests on a small group of anonymous answers: a cell with fewer than the
company's smallest group of them leaves them out of its survey measures and says so —
in the API, the explore page and its downloads, and the dashboard's figures. Customer
surveys' answers are shown as they are."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from kliento.analytics.buckets import Grain
from kliento.analytics.metrics import Breakdown, MetricsQuery
from kliento.analytics.rollups import collect_stats_with_rollups, run_metrics_with_rollups
from kliento.organisation.services import company_settings_update
from kliento.surveys.services import survey_create
from tests.access.conftest import org  # noqa: F401  (one person in each role)
from tests.factories import SurveyResponseFactory

pytestmark = pytest.mark.django_db
MOMENT = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)
PERIOD = "start=2026-06-01&end=2026-06-07"


def nps(scores: list[int]) -> float:
    """The reference: % promoters (9–10) − % detractors (0–6)."""
    return 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)


@pytest.fixture
def answers(channels):
    """Ten customer answers by phone, three anonymous ones by phone (too few) and six
    anonymous ones by e-mail (enough)."""
    customers = survey_create(name="Po skambučio", blocks=["nps"])
    anonymous = survey_create(name="Anoniminė", blocks=["nps"], anonymous=True)
    phone, mail = channels["phone"], channels["email"]
    customer_scores = [10, 9, 9, 8, 7, 10, 3, 9, 10, 6]
    for score in customer_scores:
        SurveyResponseFactory(survey=customers, channel=phone, nps=score, responded_at=MOMENT)
    for score in [0, 1, 2]:
        SurveyResponseFactory(survey=anonymous, customer=None, channel=phone, nps=score,
                              responded_at=MOMENT)
    for score in [10, 10, 9, 4, 8, 9]:
        SurveyResponseFactory(survey=anonymous, customer=None, channel=mail, nps=score,
                              responded_at=MOMENT)
    return {"phone": (phone, customer_scores), "mail": (mail, [10, 10, 9, 4, 8, 9])}


def test_a_small_anonymous_group_is_left_out_of_its_cell_and_counted(answers):
    phone, customer_scores = answers["phone"]
    mail, mail_scores = answers["mail"]
    rows = {row.group: row for row in run_metrics_with_rollups(
        MetricsQuery(date(2026, 6, 1), date(2026, 6, 7), None, Breakdown.CHANNEL))}
    by_phone, by_mail = rows[str(phone.pk)], rows[str(mail.pk)]
    assert by_phone.nps.value == pytest.approx(nps(customer_scores))  # not the 0, 1, 2
    assert by_phone.nps.n == 10 and by_phone.anonymous_left_out == 3
    assert by_phone.survey_responses == 10  # what the measures rest on
    assert by_mail.nps.value == pytest.approx(nps(mail_scores)) and by_mail.nps.n == 6
    assert by_mail.anonymous_left_out == 0
    # Without a breakdown all nine anonymous answers are one group: nothing left out.
    (total,) = run_metrics_with_rollups(MetricsQuery(date(2026, 6, 1), date(2026, 6, 7),
                                                     None))
    assert total.anonymous_left_out == 0
    assert total.nps.value == pytest.approx(nps([*customer_scores, 0, 1, 2, *mail_scores]))


def test_the_smallest_group_is_the_company_setting(answers):
    mail, mail_scores = answers["mail"]
    company_settings_update(min_group_size=7)
    rows = {row.group: row for row in run_metrics_with_rollups(
        MetricsQuery(date(2026, 6, 1), date(2026, 6, 7), None, Breakdown.CHANNEL))}
    assert rows[str(mail.pk)].nps is None  # only anonymous answers, and fewer than 7
    assert rows[str(mail.pk)].anonymous_left_out == len(mail_scores)


def test_the_dashboards_weeks_leave_them_out_too(answers):
    phone, customer_scores = answers["phone"]
    stats = collect_stats_with_rollups(MetricsQuery(date(2026, 6, 1), date(2026, 6, 7),
                                                    Grain.WEEK, Breakdown.CHANNEL,
                                                    only=str(phone.pk)))
    (cell,) = stats.values()
    assert cell.responses == len(customer_scores)
    assert cell.detractors == sum(s <= 6 for s in customer_scores)


def test_the_api_and_the_explore_download_say_so(client, org, answers):  # noqa: F811
    phone, customer_scores = answers["phone"]
    client.force_login(org.manager)
    rows = client.get(f"/api/v1/metrics?{PERIOD}&grain=period&breakdown=channel").json()["rows"]
    by_phone = next(row for row in rows if row["group"] == str(phone.pk))
    assert by_phone["anonymous_left_out"] == 3
    assert by_phone["nps"]["value"] == pytest.approx(nps(customer_scores))
    page = client.get(reverse("analytics:explore") + f"?{PERIOD}&grain=week"
                      "&breakdown=channel&measure=nps")
    assert "3 anonymous answers left out: fewer than 5 are hidden" in page.content.decode()
    csv = client.get(reverse("analytics:explore") + f"?{PERIOD}&grain=week"
                     "&breakdown=channel&measure=nps&export=csv").content.decode("utf-8-sig")
    header, *lines = csv.splitlines()
    assert header.endswith("Anonymous answers hidden (too few to show)")
    assert sorted(line.rsplit(",", 1)[1] for line in lines) == ["", "3"]
