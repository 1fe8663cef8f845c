"""Employee surveys are anonymous on every route: answers name nobody, groups under the
smallest group size are shown nowhere, and eNPS never feeds customers' scores."""

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kliento.organisation.services import company_settings_update
from kliento.people.employee_surveys import (
    employee_loyalty,
    employee_survey_answer,
    employee_survey_create,
)
from kliento.people.models import EmployeeAnswer, Participation
from kliento.people.scorecard import estimate, stats_for
from kliento.surveys.models import Question, SurveyResponse
from tests.factories import AgentFactory, UserFactory
from tests.people.conftest import answers


@pytest.fixture
def round_(org):
    today = timezone.localdate()
    return employee_survey_create(name="Darbuotojų apklausa", starts_on=today - timedelta(days=3),
                                  ends_on=today + timedelta(days=3))


def _enps_question(round_):
    return Question.objects.get(survey=round_.survey, kind=Question.Kind.NPS)


def _answer(round_, agent, score):
    employee_survey_answer(employee_survey=round_, agent=agent,
                           answers={_enps_question(round_).pk: score}, language="lt")


def _team_a_members(org, extra):
    """Team A has five agents in the fixture; ``extra`` more join it."""
    members = [a for name, a in org.agents.items() if name != "tomas"]
    for i in range(extra):
        members.append(AgentFactory(user=UserFactory(username=f"naujokas{i}"), team=org.team_a,
                                    hired_on=date(2025, 1, 1)))
    return members


def test_the_survey_is_anonymous_and_asks_enps_in_five_languages(round_):
    assert round_.survey.anonymous
    text = _enps_question(round_).text
    assert set(text) == {"en", "lt", "lv", "ru", "pl"}
    assert "place to work" in text["en"]


def test_an_answer_keeps_no_link_to_the_person(org, round_):
    rasa = org.agents["rasa"]
    _answer(round_, rasa, 9)
    response = SurveyResponse.objects.get(survey=round_.survey)
    assert response.customer_id is None and response.interaction_id is None
    local = timezone.localtime(response.responded_at)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)  # the day only
    assert response.history.count() == 0
    assert EmployeeAnswer.objects.get().team == org.team_a
    participation = Participation.objects.get()
    assert participation.agent == rasa
    field_names = {f.name for f in Participation._meta.get_fields()}
    assert not field_names & {"response", "created_at", "answered_at", "team"}


def test_nobody_answers_twice_and_a_refusal_writes_nothing(org, round_):
    _answer(round_, org.agents["rasa"], 9)
    with pytest.raises(ValidationError, match="already answered"):
        _answer(round_, org.agents["rasa"], 2)
    assert SurveyResponse.objects.filter(survey=round_.survey).count() == 1


def test_a_closed_round_is_refused(org, round_):
    round_.ends_on = timezone.localdate() - timedelta(days=1)
    round_.save()
    with pytest.raises(ValidationError, match="closed"):
        _answer(round_, org.agents["rasa"], 9)
    assert not SurveyResponse.objects.filter(survey=round_.survey).exists()


def test_a_group_under_the_smallest_size_is_hidden_in_the_selector(org, round_):
    for agent in _team_a_members(org, 0)[:4]:  # four answers in team A: hidden
        _answer(round_, agent, 10)
    _answer(round_, org.agents["tomas"], 2)  # one in team B: hidden
    loyalty = employee_loyalty([org.team_a, org.team_b])
    assert [(row.team.name, row.answers, row.enps) for row in loyalty.rows] == [
        ("Team A", None, None), ("Team B", None, None)]
    assert loyalty.hidden_groups == 2
    assert loyalty.same_round.n == 0 and loyalty.loyal_share_with_loyal_staff is None


def test_the_smallest_size_is_the_company_setting(org, round_):
    company_settings_update(min_group_size=3)
    for agent in _team_a_members(org, 0)[:3]:
        _answer(round_, agent, 10)
    row = employee_loyalty([org.team_a]).rows[0]
    assert (row.answers, row.enps) == (3, 100.0)


def test_the_loyalty_page_shows_only_groups_of_five_or_more(client, org, round_):
    members = _team_a_members(org, 1)
    for agent, score in zip(members, [10, 10, 9, 7, 3, 0], strict=True):  # 6 answers
        _answer(round_, agent, score)
    _answer(round_, org.agents["tomas"], 10)  # team B: one answer, which must not show
    client.force_login(org.manager)
    html = client.get(reverse("people:loyalty")).content.decode()
    # Team A: 3 promoters, 2 detractors of 6 → eNPS 17; Team B hidden.
    team_a = html[html.index(f'data-team="{org.team_a.pk}"'):]
    assert "<strong>17</strong>" in team_a[:600]
    team_b = html[html.index(f'data-team="{org.team_b.pk}"'):]
    assert "hidden: too few answers" in team_b[:600]
    assert "<strong>100</strong>" not in html


def test_a_lead_sees_only_their_team_on_the_loyalty_page(client, org, round_):
    for agent in _team_a_members(org, 0):
        _answer(round_, agent, 10)
    client.force_login(org.lead)
    html = client.get(reverse("people:loyalty")).content.decode()
    assert f'data-team="{org.team_a.pk}"' in html
    assert f'data-team="{org.team_b.pk}"' not in html
    client.force_login(org.agents["rasa"].user)
    assert client.get(reverse("people:loyalty")).status_code == 403


def test_the_answer_page_stores_an_anonymous_answer_once(client, org, round_):
    rasa = org.agents["rasa"]
    client.force_login(rasa.user)
    page = client.get(reverse("people:employee-survey"))
    assert page.status_code == 200 and "place to work" in page.content.decode()
    field = f"q{_enps_question(round_).pk}"
    sent = client.post(reverse("people:employee-survey"), {field: "8"})
    assert sent.status_code == 302
    response = SurveyResponse.objects.get(survey=round_.survey)
    assert (response.nps, response.customer_id, response.interaction_id) == (8, None, None)
    again = client.get(reverse("people:employee-survey")).content.decode()
    assert "You have answered this round" in again
    assert client.post(reverse("people:employee-survey"), {field: "1"}).status_code == 200
    assert SurveyResponse.objects.filter(survey=round_.survey).count() == 1


def test_employee_answers_never_feed_customers_scores(org, round_):
    answers(org.contacts["rasa"], [10, 10, 3], on=timezone.localdate())
    before = [estimate("nps", s).value for s in stats_for(
        "nps", timezone.localdate() - timedelta(days=30), timezone.localdate())]
    for agent in _team_a_members(org, 0):
        _answer(round_, agent, 0)
    after = [estimate("nps", s).value for s in stats_for(
        "nps", timezone.localdate() - timedelta(days=30), timezone.localdate())]
    assert before == after == [pytest.approx(100 / 3)]


def test_a_manager_makes_a_round_and_a_bad_one_is_refused(client, org):
    client.force_login(org.manager)
    bad = client.post(reverse("people:employee-survey-new"), {
        "name": "Atgal", "starts_on": "2026-06-30", "ends_on": "2026-06-01"}, follow=True)
    assert "closes before it opens" in bad.content.decode()
    assert not SurveyResponse.objects.exists()
    client.post(reverse("people:employee-survey-new"), {
        "name": "III ketvirtis", "starts_on": "2026-07-01", "ends_on": "2026-07-14"})
    from kliento.people.models import EmployeeSurvey
    made = EmployeeSurvey.objects.get()
    assert made.survey.anonymous and made.survey.name == "III ketvirtis"
    client.force_login(org.lead)
    assert client.post(reverse("people:employee-survey-new"), {
        "name": "x", "starts_on": "2026-07-01", "ends_on": "2026-07-14"}).status_code == 403


def test_correlation_and_loyal_share_use_shown_groups_only(org):
    # Two rounds; team A loyal (eNPS 100) with promoting customers, team B not.
    first = employee_survey_create(name="I", starts_on=date(2026, 1, 1), ends_on=date(2026, 3, 31))
    members_a = _team_a_members(org, 0)
    members_b = [org.agents["tomas"]] + [
        AgentFactory(user=UserFactory(username=f"b{i}"), team=org.team_b,
                     hired_on=date(2025, 1, 1)) for i in range(4)]
    for _agent in members_a:
        EmployeeAnswer.objects.create(employee_survey=first, team=org.team_a,
                                      response=SurveyResponse.objects.create(
                                          survey=first.survey, nps=10, language="lt",
                                          responded_at=datetime(2026, 2, 1, tzinfo=UTC),
                                          responded_on=date(2026, 2, 1)))
    for _agent in members_b:
        EmployeeAnswer.objects.create(employee_survey=first, team=org.team_b,
                                      response=SurveyResponse.objects.create(
                                          survey=first.survey, nps=2, language="lt",
                                          responded_at=datetime(2026, 2, 1, tzinfo=UTC),
                                          responded_on=date(2026, 2, 1)))
    answers(org.contacts["rasa"], [10] * 9 + [3], on=date(2026, 2, 10))   # 9 of 10 promoters
    answers(org.contacts["tomas"], [10] * 5 + [3] * 5, on=date(2026, 2, 10))  # 5 of 10
    loyalty = employee_loyalty([org.team_a, org.team_b])
    assert loyalty.loyal_share_with_loyal_staff == (90.0, 10)
    assert loyalty.loyal_share_with_others == (50.0, 10)
    # Two team-periods are too few to say anything about a correlation.
    assert (loyalty.same_round.n, loyalty.same_round.r) == (2, None)
    # 50 % against 90 %: Agresti–Caffo adds a success and a failure to each side, 6/12 and
    # 10/12: 1/3 ± 1.96 · √(0.25 / 12 + (5 / 36) / 12).
    se = math.sqrt(0.25 / 12 + (5 / 36) / 12)
    assert loyalty.difference == pytest.approx((100 * (1 / 3 - 1.959964 * se),
                                                100 * (1 / 3 + 1.959964 * se)), abs=0.01)


def test_the_chart_draws_no_dot_for_a_hidden_group(org, round_):
    from kliento.people.employee_surveys import TeamRound
    from kliento.people.presentation import loyalty_dots
    shown = TeamRound(org.team_a, round_, 6, 0.0, -30.0, 30.0, 100.0, 20, None)
    hidden = TeamRound(org.team_b, round_, None, None, None, None, 50.0, 10, None)
    [dot] = loyalty_dots([shown, hidden])
    # eNPS 0 sits mid-way across (28 + 132); NPS +100 at the top of the plot (y = 28).
    assert (dot.x, dot.y) == (160.0, 28.0)
    assert dot.label.startswith("Team A")
