from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kliento.access.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory(username="rasa", role=Role.AGENT))
    return client


@pytest.mark.django_db
def test_dashboard_requires_sign_in(client):
    response = client.get(reverse("analytics:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 24), tick=False)
def test_dashboard_shows_every_kpi_with_its_numbers(signed_in, june, django_assert_num_queries):
    # 23 for the KPI cards (a period's two durations' histograms in one query), 1 for
    # recovery (none contacted here; complaints by cause are
    # not counted: the broken-promise share is a KPI card), 2 for the navigation's
    # permission check (the Imports link); then one per period for whether any survey is
    # anonymous (kliento.analytics.anonymity), 2 for the FAQ card and 2 for the KV bands
    # (the rollups' fill state, for their kept sums, and the count), 1 for whether the days
    # before today are stored provisionally (the period line's "as of").
    with django_assert_num_queries(29):  # one pass per period: weeks add up to the total
        response = signed_in.get(reverse("analytics:dashboard"), {"weeks": 4})
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("nps", "csat", "ces", "kv", "promise_kept", "first_response", "resolution"):
        assert f'data-kpi="{key}"' in html
    assert 'data-kpi="nps">+29<' in html
    assert 'data-kpi="csat">50 %<' in html
    assert 'data-kpi="first_response">2 min<' in html
    assert 'data-kpi="resolution">35 min<' in html
    assert "7 responses" in html


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 24), tick=False)
def test_period_switch_returns_only_the_kpi_fragment(signed_in, june):
    response = signed_in.get(reverse("analytics:dashboard"), {"weeks": 12},
                             headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="kpis"')
    assert "<html" not in html
    assert 'data-weeks="12"' in html


@pytest.mark.django_db
def test_unknown_period_falls_back_to_the_default(signed_in):
    response = signed_in.get(reverse("analytics:dashboard"), {"weeks": "9999"})
    assert response.status_code == 200
    assert response.context["weeks"] == 12


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 24), tick=False)
def test_dashboard_in_lithuanian(signed_in, june):
    response = signed_in.get("/lt/dashboard/", {"weeks": 4})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="lt">' in html
    assert "Klientų patirtis" in html
    assert "7 atsakymai" in html


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 24), tick=False)
def test_focus_on_one_channel_shows_only_its_numbers(signed_in, june, channels):
    phone = signed_in.get(reverse("analytics:dashboard"),
                          {"weeks": 4, "focus": f"channel:{channels['phone'].pk}"})
    html = phone.content.decode()
    assert 'data-kpi="first_response">2 min<' in html
    assert 'data-kpi="nps"' not in html  # the hand-made answers carry no channel
    assert f'value="channel:{channels["phone"].pk}" selected' in html

    chat = signed_in.get(reverse("analytics:dashboard"),
                         {"weeks": 4, "focus": f"channel:{channels['chat'].pk}"})
    assert 'data-kpi="first_response"' not in chat.content.decode()


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 24), tick=False)
def test_a_focus_that_makes_no_sense_shows_everything(signed_in, june):
    response = signed_in.get(reverse("analytics:dashboard"), {"weeks": 4, "focus": "bogus:1"})
    assert response.status_code == 200
    assert 'data-kpi="nps">+29<' in response.content.decode()
