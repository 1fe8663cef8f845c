"""Every figure opens the rows behind it with the same period, focus and definition: cards
computed from survey responses open the responses inbox, the others the page of the contacts,
promises or complaints they counted; explore's cells and the charts' points do the same. The
rows listed give the figure back."""

import json
import re
from datetime import date, timedelta
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kliento.access.roles import Role
from kliento.analytics.selectors import dashboard_kpis
from kliento.interactions.models import Interaction
from kliento.organisation.periods import period_ending_this_week
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    PromiseFactory,
    SurveyResponseFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture
def answered(db, channels):
    team_a, team_b = TeamFactory(name="A"), TeamFactory(name="B")
    agent_a, agent_b = AgentFactory(team=team_a), AgentFactory(team=team_b)
    now = timezone.now()
    for agent, team, scores in ((agent_a, team_a, (9, 3, 10)), (agent_b, team_b, (6, 7))):
        for nps in scores:
            call = InteractionFactory(customer=CustomerFactory(), agent=agent, team=team,
                                      opened_at=now - timedelta(days=2),
                                      first_response_at=now - timedelta(days=2, seconds=-90))
            SurveyResponseFactory(customer=call.customer, interaction=call, nps=nps,
                                  responded_at=now - timedelta(days=1))
    return team_a


def _drill(page, key: str) -> str:
    match = re.search(rf'href="([^"]+)" data-drill="{key}"', page.content.decode())
    assert match, f"no drill-down link on the {key} card"
    return unescape(match.group(1))


def test_the_nps_card_of_a_team_opens_that_teams_responses(client, answered):
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(reverse("analytics:dashboard"), {"focus": f"team:{answered.pk}"})
    url = _drill(page, "nps")
    assert f"team={answered.pk}" in url and "since=" in url and "until=" in url
    inbox = client.get(url)
    assert sorted(r.nps for r in inbox.context["page"].responses) == [3, 9, 10]


def test_without_a_focus_the_card_opens_every_response_of_the_period(client, answered):
    client.force_login(UserFactory(role=Role.MANAGER))
    inbox = client.get(_drill(client.get(reverse("analytics:dashboard")), "nps"))
    assert len(inbox.context["page"].responses) == 5


def test_an_auditor_sees_no_link_to_answers_they_may_not_read(client, answered):
    client.force_login(UserFactory(role=Role.AUDITOR))
    page = client.get(reverse("analytics:dashboard"))
    assert page.status_code == 200
    assert "data-drill=" not in page.content.decode()


# ---- Cards on contacts, promises and complaints open the page of the rows behind them ----

def _behind(client, url: str) -> tuple[int, int | None, str]:
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    total = int(re.search(r'data-total="(\d+)"', html).group(1))
    found = re.search(r'data-successes="(\d+)"', html)
    return total, int(found.group(1)) if found else None, html


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 24), tick=False)
def test_every_card_opens_the_rows_it_counted_and_they_give_its_number(client, june):
    """The June fixture: 3 contacts (first responses 60, 120, 600 s; e-mail's target 1 h),
    6 promises due (3 kept on time), no complaints."""
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(reverse("analytics:dashboard"), {"weeks": 4})
    cards = {kpi.key: kpi for kpi in dashboard_kpis(june)[0]}

    total, kept, html = _behind(client, _drill(page, "promise_kept"))
    assert (total, kept) == (cards["promise_kept"].current.n, 3) == (6, 3)
    assert 100 * kept / total == cards["promise_kept"].current.value
    assert html.count("data-row=") == 6

    total, within, _html = _behind(client, _drill(page, "sla_attainment"))
    expected_within = sum(1 for contact in Interaction.objects.select_related("channel")
                          if contact.first_response_seconds
                          <= contact.channel.first_response_target_seconds)
    assert (total, within) == (3, expected_within)
    assert 100 * within / total == cards["sla_attainment"].current.value

    total, _none, html = _behind(client, _drill(page, "first_response"))
    assert total == cards["first_response"].current.n == 3
    assert html.count("data-row=") == 3


@pytest.mark.django_db
def test_the_complaints_behind_the_broken_promise_share_are_those_it_counted(client, channels):
    now = timezone.now()
    unlucky, lucky = CustomerFactory(), CustomerFactory()
    PromiseFactory(customer=unlucky, due_at=now - timedelta(days=5), status="broken")
    PromiseFactory(customer=lucky, due_at=now - timedelta(days=5), status="kept",
                   kept_at=now - timedelta(days=6))
    for customer in (unlucky, lucky, lucky):
        InteractionFactory(customer=customer, kind="complaint", opened_at=now - timedelta(days=2))
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(reverse("analytics:dashboard"))
    total, after, html = _behind(client, _drill(page, "broken_promise_share"))
    assert (total, after) == (3, 1)
    assert html.count("data-counts") == 1
    card = {kpi.key: kpi for kpi in dashboard_kpis(period_ending_this_week())[0]}
    assert card["broken_promise_share"].current.value == pytest.approx(100 / 3)


@pytest.mark.django_db
def test_a_focused_card_lists_only_the_focused_teams_contacts(client, answered):
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(reverse("analytics:dashboard"), {"focus": f"team:{answered.pk}"})
    url = _drill(page, "sla_attainment")
    assert f"group={answered.pk}" in url and "breakdown=team" in url
    total, _within, _html = _behind(client, url)
    assert total == Interaction.objects.filter(team=answered).count() == 3


@pytest.mark.django_db
def test_an_agent_sees_the_share_of_the_rows_within_their_reach(client, answered):
    """The dashboard's figure covers everyone; the list shows an agent only their own."""
    agent = Interaction.objects.filter(team=answered).first().agent
    UserFactory(username=agent.user.username, role=Role.AGENT)  # the same person, as an agent
    client.force_login(agent.user)
    page = client.get(reverse("analytics:dashboard"))
    total, _within, html = _behind(client, _drill(page, "sla_attainment"))
    assert total == 5
    assert html.count("data-row=") == 3
    assert "data-reach-note" in html


@pytest.mark.django_db
@pytest.mark.parametrize("params, field", [
    ({"measure": "sla_attainment", "start": "2026-06-30", "end": "2026-06-01"}, "ends before"),
    ({"measure": "nonsense", "start": "2026-06-01", "end": "2026-06-30"}, "measure"),
    ({"measure": "sla_attainment", "start": "1.6.2026", "end": "2026-06-30"}, "start"),
    ({"measure": "sla_attainment", "start": "2026-06-01", "end": "2026-06-30", "group": "3"},
     "breakdown"),
])
def test_a_bad_drill_down_address_names_what_is_wrong(client, channels, params, field):
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(reverse("analytics:behind"), params)
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()
    assert field in page.content.decode()


@pytest.mark.django_db
def test_every_explore_cell_opens_the_rows_behind_it(client, answered):
    """Each team's contacts cell lists that team's contacts of that week; its NPS cell opens
    the inbox filtered to the team and week, which holds the responses the cell counted."""
    client.force_login(UserFactory(role=Role.MANAGER))
    today = timezone.localdate()
    page = client.get(reverse("analytics:explore"), {
        "start": (today - timedelta(days=20)).isoformat(), "end": today.isoformat(),
        "grain": "period", "breakdown": "team", "measure": "nps"})
    html = page.content.decode()
    links = [unescape(url) for url in re.findall(r'class="cell-drill" href="([^"]+)"', html)]
    behind = [url for url in links if "measure=interactions" in url]
    inbox = [url for url in links if url.startswith(reverse("surveys:responses"))]
    assert len(behind) == 2 and len(inbox) == 4  # per team: contacts; responses and NPS
    for url in behind:
        team = re.search(r"group=(\d+)", url).group(1)
        total, _none, _html = _behind(client, url)
        assert total == Interaction.objects.filter(team_id=team).count()
    for url in inbox:
        team = re.search(r"team=(\d+)", url).group(1)
        listed = client.get(url).context["page"].responses
        assert sorted(r.nps for r in listed) == sorted(Interaction.objects.filter(
            team_id=team).values_list("survey_responses__nps", flat=True))


@pytest.mark.django_db
def test_a_chart_point_opens_its_own_week(client, answered):
    client.force_login(UserFactory(role=Role.MANAGER))
    page = client.get(reverse("analytics:dashboard"))
    chart = json.loads(unescape(re.search(
        r'<script id="chart-sla_attainment" type="application/json">(.*?)</script>',
        page.content.decode(), re.S).group(1)))
    assert "start={start}" in chart["drill"] and "end={end}" in chart["drill"]
