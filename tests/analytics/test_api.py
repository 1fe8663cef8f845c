from datetime import date

import pytest

from kliento.access.roles import Role
from kliento.analytics.metrics import Breakdown, Grain, MetricsQuery, run_metrics
from kliento.measure.sketches import DEFAULT_RELATIVE_ACCURACY
from tests.factories import UserFactory


@pytest.fixture
def api_client(client):
    client.force_login(UserFactory(username="analyst", role=Role.MANAGER))
    return client


@pytest.mark.django_db
def test_metrics_need_a_signed_in_user(client):
    response = client.get("/api/v1/metrics", {"start": "2026-06-01", "end": "2026-06-28"})
    assert response.status_code == 401


@pytest.mark.django_db
def test_metrics_by_week_and_channel_match_the_query_engine(api_client, june, channels):
    response = api_client.get("/api/v1/metrics", {
        "start": "2026-06-01", "end": "2026-06-28", "grain": "week", "breakdown": "channel"})
    assert response.status_code == 200
    body = response.json()
    expected = run_metrics(MetricsQuery(date(2026, 6, 1), date(2026, 6, 28), Grain.WEEK,
                                        Breakdown.CHANNEL))
    assert [(row["bucket"], row["group"]) for row in body["rows"]] == [
        (str(row.bucket), row.group) for row in expected]
    by_group = {(row["bucket"], row["group"]): row for row in body["rows"]}
    phone = by_group[("2026-06-01", str(channels["phone"].pk))]
    assert phone["label"] == "Phone"
    assert phone["interactions"] == 3
    assert phone["first_response_p50"] == pytest.approx(120, rel=DEFAULT_RELATIVE_ACCURACY)
    # The hand-made survey answers carry no channel: they form their own, unlabelled group.
    no_channel = by_group[("2026-06-01", None)]
    assert no_channel["label"] is None
    assert no_channel["nps"]["value"] == pytest.approx(0.0)
    assert no_channel["nps"]["n"] == 5


@pytest.mark.django_db
def test_whole_period_is_one_row(api_client, june):
    body = api_client.get("/api/v1/metrics", {
        "start": "2026-06-01", "end": "2026-06-28", "grain": "period"}).json()
    (row,) = body["rows"]
    assert row["bucket"] is None and row["group"] is None
    assert row["nps"]["value"] == pytest.approx(100 * 2 / 7)
    assert row["promise_kept"]["value"] == 50


@pytest.mark.django_db
@pytest.mark.parametrize(("params", "message"), [
    ({"start": "2026-06-28", "end": "2026-06-01"}, "end (2026-06-01) is before start"),
    ({"start": "2020-01-01", "end": "2026-06-01", "grain": "day"}, "at most 400 days"),
])
def test_impossible_periods_are_refused_with_a_reason(api_client, params, message):
    response = api_client.get("/api/v1/metrics", params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.django_db
def test_unknown_grain_names_the_field(api_client):
    response = api_client.get("/api/v1/metrics", {
        "start": "2026-06-01", "end": "2026-06-28", "grain": "fortnight"})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"][-1] == "grain"
