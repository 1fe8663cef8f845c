"""Contest standings against a row-by-row reference, live and final."""

from datetime import date

from django.urls import reverse

from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.people.models import Contest
from kliento.people.selectors import contest_board, contest_standings_for
from kliento.people.services import contest_create
from kliento.surveys.models import SurveyResponse
from tests.people.conftest import answers


def _reference_nps(contest: Contest) -> dict[str, tuple[int, float]]:
    """Row by row, in Python: each entrant's answers in the period and their NPS."""
    counts: dict[str, list[int]] = {}
    entrants = {a.pk for a in contest.agents.all()} | {
        a.pk for team in contest.teams.all() for a in team.agents.all()}
    for response in SurveyResponse.objects.select_related("interaction__agent__user"):
        agent = response.interaction.agent
        in_period = contest.starts_on <= response.responded_on <= contest.ends_on
        if agent.pk not in entrants or not in_period:
            continue
        tally = counts.setdefault(agent.user.username, [0, 0, 0])
        tally[0] += 1
        tally[1] += response.nps >= PROMOTER_FROM
        tally[2] += response.nps <= DETRACTOR_UP_TO
    return {name: (n, 100 * (p - d) / n) for name, (n, p, d) in counts.items()}


def test_standings_match_the_row_by_row_reference(org):
    answers(org.contacts["rasa"], [10] * 30 + [5] * 10, on=date(2026, 6, 5))
    answers(org.contacts["jonas"], [9] * 20 + [7] * 20, on=date(2026, 6, 6))
    answers(org.contacts["ieva"], [10] * 10 + [2] * 30, on=date(2026, 6, 7))
    answers(org.contacts["lina"], [10] * 5, on=date(2026, 6, 7))  # below the minimum
    answers(org.contacts["rasa"], [0] * 50, on=date(2026, 5, 20))  # before the contest
    answers(org.contacts["tomas"], [10] * 40, on=date(2026, 6, 5))  # team B is not in it
    contest = contest_create(name="Birželio NPS", metric="nps", starts_on=date(2026, 6, 1),
                             ends_on=date(2026, 6, 30), teams=[org.team_a], minimum_sample=20)
    board = contest_board(contest, today=date(2026, 7, 2))
    reference = _reference_nps(contest)
    found = {s.agent.user.username: (s.n, s.raw) for s in board.ranked + board.unranked}
    assert found == reference
    assert [s.agent.user.username for s in board.ranked] == ["rasa", "jonas", "ieva"]
    assert [s.agent.user.username for s in board.unranked] == ["lina"]


def test_a_live_board_counts_only_up_to_today(org):
    answers(org.contacts["rasa"], [10] * 25, on=date(2026, 6, 5))
    answers(org.contacts["rasa"], [0] * 25, on=date(2026, 6, 20))
    contest = contest_create(name="Birželio NPS", metric="nps", starts_on=date(2026, 6, 1),
                             ends_on=date(2026, 6, 30), agents=[org.agents["rasa"]],
                             minimum_sample=20)
    live = contest_board(contest, today=date(2026, 6, 10))
    assert [(s.n, s.raw) for s in live.ranked] == [(25, 100.0)]
    final = contest_board(contest, today=date(2026, 7, 1))
    assert [(s.n, s.raw) for s in final.ranked] == [(50, 0.0)]
    standings = contest_standings_for(org.agents["rasa"], date(2026, 6, 10))
    assert [(entry.contest.pk, entry.standing.rank) for entry in standings] == [(contest.pk, 1)]
    assert contest_standings_for(org.agents["tomas"], date(2026, 6, 10)) == []


def test_a_manager_creates_a_contest_and_a_bad_one_is_refused(client, org):
    client.force_login(org.manager)
    bad = client.post(reverse("people:contest-new"), {
        "name": "Atgal", "metric": "csat", "starts_on": "2026-06-30", "ends_on": "2026-06-01",
        "minimum_sample": 20})
    assert bad.status_code == 200
    assert "ends before it starts" in bad.content.decode()
    assert not Contest.objects.exists()
    good = client.post(reverse("people:contest-new"), {
        "name": "Liepos CSAT", "metric": "csat", "starts_on": "2026-07-01",
        "ends_on": "2026-07-31", "minimum_sample": 20, "teams": [org.team_a.pk],
        "prize": "Pietūs visai komandai"})
    contest = Contest.objects.get()
    assert good.status_code == 302 and good["Location"].endswith(f"/people/contests/{contest.pk}/")
    assert list(contest.teams.all()) == [org.team_a]
    assert contest.created_by == org.manager
    client.force_login(org.agents["rasa"].user)
    assert client.post(reverse("people:contest-new"), {"name": "x"}).status_code == 403
