"""What a manager sees on the dashboard is honest: a change's symbol follows the number and
only a real change is coloured, a card resting on few answers is greyed and says so, and a
card opens the responses it counted."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from kliento.access.roles import Role
from tests.factories import (
    AgentFactory,
    CustomerFactory,
    InteractionFactory,
    SurveyResponseFactory,
    TeamFactory,
    UserFactory,
)

PASSWORD = "correct horse battery"


@pytest.fixture
def answers(live_server, transactional_db, channels):
    """This period: 3 NPS answers of team A (few), and CSAT 160 of 200 satisfied against 40
    of 200 in the previous period (a real change). The previous period also has 3 NPS
    answers, a little lower: a change no test can call real."""
    now = timezone.now()
    team = TeamFactory(name="Vilniaus komanda")
    agent = AgentFactory(team=team)
    customer = CustomerFactory()

    def answer(days_ago: int, **scores):
        call = InteractionFactory(customer=customer, agent=agent, team=team,
                                  opened_at=now - timedelta(days=days_ago, hours=1))
        SurveyResponseFactory(customer=customer, interaction=call,
                              responded_at=now - timedelta(days=days_ago), **scores)

    for nps in (10, 9, 6):
        answer(1, nps=nps)
    for nps in (10, 6, 6):
        answer(12 * 7 + 3, nps=nps)
    for satisfied in range(200):
        SurveyResponseFactory(customer=customer, responded_at=now - timedelta(days=2),
                              csat=5 if satisfied < 160 else 2)
        SurveyResponseFactory(customer=customer, responded_at=now - timedelta(days=12 * 7 + 2),
                              csat=5 if satisfied < 40 else 2)
    UserFactory(username="vadove", role=Role.MANAGER)
    return live_server.url, team


def sign_in(page, site: str) -> None:
    page.goto(f"{site}/login/")
    page.fill("#id_username", "vadove")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard/|/$"))


@pytest.mark.browser
def test_badges_few_answers_and_the_drill_down_read_honestly(answers, browser_page):
    site, team = answers
    page = browser_page
    page.set_default_timeout(60_000)  # a shared machine: the first page may take a while
    sign_in(page, site)
    page.goto(f"{site}/dashboard/?weeks=12")

    # A real improvement: up arrow, a plus sign, green, "better".
    csat = page.locator(".kpi-csat .change")
    assert csat.get_attribute("data-change") == "better"
    assert re.match(r"▲ \+\d", csat.inner_text())
    assert "better" in csat.inner_text()
    green = page.evaluate("getComputedStyle(document.querySelector('.kpi-csat .change')).color")
    muted = page.evaluate("getComputedStyle(document.documentElement)"
                          ".getPropertyValue('--muted').trim()")
    assert green == "rgb(26, 127, 78)"  # --good

    # NPS rose on three answers each: the symbol follows the number, the colour stays grey.
    nps = page.locator(".kpi-nps .change")
    assert nps.get_attribute("data-change") == "no_real_change"
    assert re.match(r"▲ \+\d", nps.inner_text())
    assert "no real change" in nps.inner_text()
    grey = page.evaluate("getComputedStyle(document.querySelector('.kpi-nps .change')).color")
    assert grey != green and muted

    # Three answers are few: the card is greyed and says so; 200 are not.
    assert page.locator(".kpi-nps[data-few]").count() == 1
    assert page.locator(".kpi-nps .few-answers").is_visible()
    assert page.locator(".kpi-csat[data-few]").count() == 0
    opacity = page.evaluate("getComputedStyle(document.querySelector('.kpi-nps .value')).opacity")
    assert float(opacity) < 1

    # Focused on the team, the NPS card opens the team's three responses of the period.
    page.goto(f"{site}/dashboard/?weeks=12&focus=team:{team.pk}")
    basis = page.locator(".kpi-nps .basis").inner_text()
    assert "3 responses" in basis
    assert page.locator("[data-hidden-by-focus]").is_visible()
    page.click("a[data-drill='nps']")
    page.wait_for_url(re.compile(r"/surveys/responses/"))
    assert f"team={team.pk}" in page.url
    assert page.locator("tr[data-response]").count() == 3


# Every x-axis tick label of every chart as drawn: its text width at its font, centred on
# its position (the charts draw them unrotated). Pairs that overlap are returned.
OVERLAPPING_TICKS = """() => [...document.querySelectorAll('canvas')].flatMap((canvas) => {
  const chart = Chart.getChart(canvas);
  if (!chart) return [];
  const scale = chart.scales.x;
  const boxes = scale.getLabelItems().map((item) => {
    chart.ctx.font = item.font.string;
    const lines = [].concat(item.label);
    const width = Math.max(...lines.map((line) => chart.ctx.measureText(line).width));
    const x = item.options.translation[0];
    return {text: lines.join(' '), left: x - width / 2, right: x + width / 2,
            rotation: item.options.rotation};
  });
  return boxes.slice(1).map((box, i) => [boxes[i], box])
    .filter(([a, b]) => a.rotation === 0 && b.rotation === 0 && b.left < a.right)
    .map(([a, b]) => `${canvas.closest('[class*=kpi-]')?.className}: ${a.text} / ${b.text}`);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "lt", "pl"])
def test_no_chart_label_runs_into_its_neighbour(answers, browser_page, language):
    site, _team = answers
    page = browser_page
    page.set_default_timeout(60_000)
    sign_in(page, site)
    prefix = "" if language == "en" else f"/{language}"
    for weeks in (12, 26, 52):
        page.goto(f"{site}{prefix}/dashboard/?weeks={weeks}")
        page.wait_for_function("document.querySelectorAll('canvas').length > 0 && "
                               "[...document.querySelectorAll('canvas')]"
                               ".every((c) => Chart.getChart(c))")
        assert page.evaluate(OVERLAPPING_TICKS) == [], (language, weeks)
