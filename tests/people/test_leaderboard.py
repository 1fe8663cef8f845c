"""The fair board: the 3-answer agent below the 300-answer one; the minimum sample; the
agents each role sees."""

from datetime import date

from kliento.people.leaderboard import board_for
from kliento.people.selectors import scorecard_agents
from tests.people.conftest import DAY, answers

START = date(2026, 6, 1)


def test_three_perfect_answers_rank_below_three_hundred_slightly_worse(org):
    # Rasa: 3 answers, all promoters (NPS 100). Jonas: 300 answers, 285 promoters and 15
    # passives (NPS 95). Colleagues between NPS 20 and 60.
    answers(org.contacts["rasa"], [10, 10, 9])
    answers(org.contacts["jonas"], [10] * 285 + [8] * 15)
    answers(org.contacts["ieva"], [10] * 60 + [8] * 20 + [3] * 20)    # NPS 40
    answers(org.contacts["lina"], [10] * 50 + [8] * 20 + [3] * 30)    # NPS 20
    answers(org.contacts["paulius"], [10] * 70 + [8] * 20 + [3] * 10)  # NPS 60
    agents = list(org.agents.values())
    board = board_for("nps", START, DAY, agents, minimum_sample=1)
    by_name = {s.agent.user.username: s for s in board.ranked}
    assert by_name["rasa"].raw == 100.0
    assert by_name["jonas"].raw == 95.0
    assert by_name["rasa"].rank > by_name["jonas"].rank
    assert by_name["jonas"].rank == 1
    # The 300 answers keep Jonas near his own result; Rasa's three count for under half.
    assert by_name["jonas"].own_weight > 0.95
    assert by_name["rasa"].own_weight < 0.5
    # Intervals stay on the NPS scale, however few the answers.
    assert -100 <= by_name["rasa"].low < by_name["rasa"].estimate < by_name["rasa"].high <= 100


def test_below_the_minimum_sample_is_listed_but_not_ranked(org):
    answers(org.contacts["rasa"], [10, 10, 9])
    answers(org.contacts["jonas"], [10] * 40 + [3] * 10)
    answers(org.contacts["ieva"], [10] * 30 + [3] * 20)
    board = board_for("nps", START, DAY, list(org.agents.values()), minimum_sample=30)
    assert [s.agent.user.username for s in board.ranked] == ["jonas", "ieva"]
    assert [s.agent.user.username for s in board.unranked] == ["rasa"]
    assert board.unranked[0].rank is None
    # Agents with no answers at all are not on the board.
    assert len(board.ranked) + len(board.unranked) == 3


def test_each_role_sees_whose_scorecards_it_reaches(org):
    rasa = org.agents["rasa"]
    assert list(scorecard_agents(rasa.user)) == [rasa]
    team_a = {a.pk for name, a in org.agents.items() if name != "tomas"}
    assert {a.pk for a in scorecard_agents(org.lead)} == team_a
    assert {a.pk for a in scorecard_agents(org.manager)} == {a.pk for a in org.agents.values()}
