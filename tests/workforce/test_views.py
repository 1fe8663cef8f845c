import json
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from tests.workforce.conftest import WEEK


@pytest.fixture(autouse=True)
def monday_lunchtime():
    """Monday 15 June 2026, 12:30 in Vilnius: the week planned, with its history recent."""
    cache.clear()
    with time_machine.travel(datetime(2026, 6, 15, 9, 30, tzinfo=UTC), tick=False):
        yield


def test_the_plan_page_shows_the_heatmap_and_the_chart_data(client, planner, roster):
    client.force_login(planner)
    response = client.get(reverse("workforce:plan"), {"channel": "phone", "week": WEEK})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="heatmap"' in html and 'id="plan-chart-data"' in html
    chart = json.loads(html.split('id="plan-chart-data" type="application/json">')[1]
                       .split("</script>")[0])
    assert len(chart["labels"]) == len(chart["required"]) == len(chart["rostered"])
    assert max(chart["rostered"]) == 2
    # The gaps are signed as the legend is: the true minus, a plus on a surplus.
    cells = re.findall(r'<td class="gap-[a-z0-9-]+" title="[^"]*">([^<]*)</td>', html)
    assert cells and all(re.fullmatch(r"[+−]\d+(\.\d)?|0", cell) for cell in cells), cells[:5]
    assert any(cell.startswith("−") for cell in cells) or any(c.startswith("+") for c in cells)


def test_the_what_ifs_come_as_get_parameters_and_htmx_gets_the_partial(client, planner,
                                                                       roster):
    client.force_login(planner)
    response = client.get(reverse("workforce:plan"),
                          {"channel": "phone", "week": WEEK, "lunch_plus_one": "on"},
                          headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="plan">')
    assert "What-if" in html


def test_the_accuracy_page_lists_the_days(client, planner, roster):
    client.force_login(planner)
    response = client.get(reverse("workforce:accuracy"), {"channel": "phone", "week": WEEK})
    assert response.status_code == 200
    assert response.content.decode().count("<tr><th scope=\"row\">") == 7


def test_the_embed_may_be_framed_by_any_site_and_speaks_the_language_asked(client, history):
    cache.clear()
    response = client.get(reverse("response-time-embed"), {"lang": "en", "channel": "phone"})
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert "We usually answer calls within 1 minute." in response.content.decode()


def test_the_public_endpoint_answers_without_signing_in_and_allows_any_origin(client,
                                                                              history):
    cache.clear()
    response = client.get("/api/v1/response-times?lang=en")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == [{"channel": "phone", "seconds": 30.0,
                                "text": "We usually answer calls within 1 minute."}]


HOW_COMPUTED = '<details class="card how-computed">'


@pytest.mark.parametrize("name", ["workforce:plan", "workforce:accuracy"])
def test_the_staffing_pages_speak_plainly_and_name_methods_in_the_folded_note(client, planner,
                                                                              roster, name):
    """"Erlang C", "WAPE" and "MASE" are not on the page itself (cards, intro, table), only in
    the "How this is computed" note; the cards say "forecast error" in a percentage."""
    client.force_login(planner)
    html = client.get(reverse(name), {"channel": "phone", "week": WEEK}).content.decode()
    page, note = html.split(HOW_COMPUTED, 1)
    for jargon in ("Erlang", "WAPE", "MASE", "backtest"):
        assert jargon not in page, f"{jargon} on the page"
    assert "Erlang C" in note and "WAPE" in note
    assert "Forecast error" in page and " %" in page
    if name == "workforce:plan":
        assert "MASE" in note
        assert "Forecast error on past weeks: " in page


def test_every_forecast_model_has_words_for_the_note():
    from kliento.staffing.forecasting import MODELS
    from kliento.workforce.presentation import MODEL_WORDS

    assert set(MODEL_WORDS) == set(MODELS)
    assert not any("_" in str(words) for words in MODEL_WORDS.values())


def test_the_charts_required_agents_are_not_the_surveys_mandatory_question(client, planner,
                                                                           roster):
    """"Required" alone is a survey question's "mandatory" ("Privalomas" in lt): the chart's
    required agents have their own context."""
    client.force_login(planner)
    html = client.get("/lt" + reverse("workforce:plan"),
                      {"channel": "phone", "week": WEEK}).content.decode()
    chart = json.loads(html.split('id="plan-chart-data" type="application/json">')[1]
                       .split("</script>")[0])
    assert chart["words"]["required"] != "Privalomas"
    assert chart["words"]["rostered"] == "Pagal grafiką"



def test_a_sparse_channel_says_so_in_plain_words(client, planner, sparse_chat):
    client.force_login(planner)
    html = client.get(reverse("workforce:plan"), {"channel": "chat", "week": WEEK}
                      ).content.decode()
    assert "Too few contacts to forecast each 30-minute interval (about 10 a week)" in html
    assert "planned from the weekly total" in html
    assert "Forecast error on past weeks, by day:" in html
    # The forecast card carries the week's contacts, not a plan of none.
    forecast = re.search(r'data-kpi="forecast">([^<]+)<', html)
    assert forecast and forecast.group(1).strip() not in ("0", "—"), forecast


def test_a_sparse_channels_accuracy_is_read_by_the_day(client, planner, sparse_chat):
    from datetime import timedelta

    client.force_login(planner)
    html = client.get(reverse("workforce:accuracy"),
                      {"channel": "chat", "week": WEEK - timedelta(weeks=1)}).content.decode()
    assert "How far the forecast missed, day by day" in html
    assert "By day, as this channel has too few contacts per interval" in html


def test_the_plan_says_in_plain_words_which_way_each_channel_is_planned(client, planner, roster,
                                                                         daily_emails):
    client.force_login(planner)
    e_mail = client.get(reverse("workforce:plan"), {"channel": "email", "week": WEEK}
                        ).content.decode()
    page, note = e_mail.split(HOW_COMPUTED, 1)
    assert "may wait up to 24 h for an answer, so the plan counts the work" in page
    assert "Work with nobody rostered in time" in page and "Intervals short" not in page
    assert "Erlang" not in page and "Workload method" in note
    # 70 e-mails of 6 minutes: about 11.8 agent-hours, not an agent every half hour.
    hours = re.search(r'data-kpi="required">([\d.]+)\s*h<', e_mail)
    assert 10 < float(hours.group(1)) < 13.5
    phone = client.get(reverse("workforce:plan"), {"channel": "phone", "week": WEEK}
                       ).content.decode()
    page, note = phone.split(HOW_COMPUTED, 1)
    assert "are answered live, so each interval needs enough agents" in page
    assert "Erlang C" in note and "rounded once to the nearest whole agent" in note


def test_an_email_accuracy_note_names_the_workload_method_not_erlang(client, planner,
                                                                     daily_emails):
    client.force_login(planner)
    html = client.get(reverse("workforce:accuracy"), {"channel": "email", "week": WEEK}
                      ).content.decode()
    note = html.split(HOW_COMPUTED, 1)[1]
    assert "same workload method and shrinkage as the plan" in note and "Erlang" not in note


def test_the_plan_api_gives_an_emails_fractional_need_and_its_method(client, planner,
                                                                     daily_emails):
    client.force_login(planner)
    body = client.get("/api/v1/staffing-plan", {"channel": "email", "week": WEEK}).json()
    assert body["method"] == "workload"
    assert 10 < body["required_hours"] < 13.5
    required = [row["required"] for row in body["intervals"]]
    # Fractions of an agent, summing to the hours (not cut to 0 by an int()).
    assert 0 < max(required) < 1
    assert sum(required) * 0.5 == pytest.approx(body["required_hours"])
