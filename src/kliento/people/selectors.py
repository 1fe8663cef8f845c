"""Reads for the people pages: whose scorecards a person reaches, an agent's scorecard,
praise, open work, badges and contest standings. Every figure is a database aggregate."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Concat

from kliento.access.policy import visible
from kliento.database.text_folding import Folded, folded
from kliento.measure.scores import PROMOTER_FROM
from kliento.organisation.models import Agent
from kliento.people.leaderboard import Board, Standing, board_for
from kliento.people.models import Contest, Metric
from kliento.people.scorecard import DEFINITIONS, Estimate, estimate, stats_for
from kliento.promises.models import Promise
from kliento.recovery.models import RecoveryCase
from kliento.surveys.models import SurveyResponse

SCORECARD = "people.view_scorecard"
PROMOTERS_BADGE = 50
NO_BROKEN_PROMISE_DAYS = 30


def scorecard_agents(user) -> QuerySet:
    """The agents whose scorecards ``user`` reaches: themselves, their team's, or all."""
    return visible(user, SCORECARD, Agent.objects.select_related("user", "team"))


@dataclass(frozen=True)
class MetricLine:
    """One metric of a scorecard: the agent beside their team and the company, for the
    period and month by month (``months``: (month, agent, team, company) values or None)."""

    metric: str
    label: str
    unit: str
    higher_is_better: bool
    agent: Estimate | None
    team: Estimate | None
    company: Estimate | None
    months: list[tuple[date, float | None, float | None, float | None]]


def _by_month(stats) -> dict[date, Estimate]:
    return {s.month: s for s in stats}


def agent_scorecard(agent: Agent, start: date, end: date) -> list[MetricLine]:
    """Every metric for ``agent``, their team and the company: six aggregate queries per
    metric (period and months, three levels), none per row."""
    lines = []
    for key, d in DEFINITIONS.items():
        levels = [stats_for(key, start, end, agents=[agent.pk]),
                  stats_for(key, start, end, teams=[agent.team_id]) if agent.team_id else [],
                  stats_for(key, start, end)]
        monthly = [_by_month(stats_for(key, start, end, agents=[agent.pk], monthly=True)),
                   _by_month(stats_for(key, start, end, teams=[agent.team_id], monthly=True))
                   if agent.team_id else {},
                   _by_month(stats_for(key, start, end, monthly=True))]
        months = sorted(set().union(*monthly))
        lines.append(MetricLine(
            key, str(d.metric.label), d.unit, d.higher_is_better,
            *(estimate(key, level[0]) if level else None for level in levels),
            [(month, *(estimate(key, level[month]).value if month in level else None
                       for level in monthly)) for month in months]))
    return lines


def praise_for(agent: Agent, limit: int = 12) -> list[SurveyResponse]:
    """Comments about ``agent``'s contacts that name them: their first name at the start of
    a word, accents and case aside ("Rasa" finds "rasai ačiū" and "Ačiū, RASA")."""
    name = folded((agent.user.first_name or "").strip())
    if not name:
        return []
    return list(SurveyResponse.objects.filter(interaction__agent=agent)
                .alias(spaced=Folded(Concat(Value(" "), "comment")))
                .filter(spaced__contains=f" {name}")
                .select_related("customer").order_by("-responded_at")[:limit])


def open_promises(agent: Agent) -> QuerySet:
    return (Promise.objects.filter(owner=agent, status=Promise.Status.OPEN)
            .select_related("customer").order_by("due_at"))


def open_cases(agent: Agent) -> QuerySet:
    return (RecoveryCase.objects.filter(assignee=agent.user, status__in=RecoveryCase.ACTIVE)
            .select_related("customer").order_by("opened_at"))


@dataclass(frozen=True)
class Badge:
    key: str
    earned: bool
    progress: int  # promoters so far, or days since the last broken promise
    goal: int


def badges_for(agent: Agent, today: date) -> list[Badge]:
    """First 50 promoters (ever); 30 days without a broken promise (among promises due in
    the last 30 days, at least one, none broken)."""
    promoters = SurveyResponse.objects.filter(interaction__agent=agent,
                                              nps__gte=PROMOTER_FROM).count()
    window = Promise.objects.filter(owner=agent, due_on__range=(
        today - timedelta(days=NO_BROKEN_PROMISE_DAYS - 1), today)).aggregate(
        due=Count("id"), broken=Count("id", filter=Q(status=Promise.Status.BROKEN)))
    last_broken = (Promise.objects.filter(owner=agent, status=Promise.Status.BROKEN,
                                          due_on__lte=today)
                   .order_by("-due_on").values_list("due_on", flat=True).first())
    clean_days = (today - last_broken).days if last_broken else NO_BROKEN_PROMISE_DAYS
    return [
        Badge("promoters", promoters >= PROMOTERS_BADGE, min(promoters, PROMOTERS_BADGE),
              PROMOTERS_BADGE),
        Badge("no_broken_promise", window["due"] > 0 and window["broken"] == 0,
              min(clean_days, NO_BROKEN_PROMISE_DAYS), NO_BROKEN_PROMISE_DAYS),
    ]


def contest_entrants(contest: Contest) -> list[Agent]:
    """Everyone the contest is open to: the agents named and the agents of the teams named;
    with nobody named, every agent on staff during the contest."""
    agents = Agent.objects.select_related("user", "team").filter(
        hired_on__lte=contest.ends_on).exclude(left_on__lt=contest.starts_on)
    named_teams = list(contest.teams.values_list("pk", flat=True))
    named_agents = list(contest.agents.values_list("pk", flat=True))
    if named_teams or named_agents:
        agents = agents.filter(Q(team__in=named_teams) | Q(pk__in=named_agents))
    return list(agents)


def contest_board(contest: Contest, today: date) -> Board:
    """The live board (up to today) or, once the contest is over, the final one."""
    end = min(contest.ends_on, today)
    return board_for(contest.metric, contest.starts_on, max(end, contest.starts_on),
                     contest_entrants(contest), contest.minimum_sample)


def contests_visible(user) -> QuerySet:
    if not user.has_perm("people.view_contest"):
        return Contest.objects.none()
    return Contest.objects.prefetch_related("teams", "agents")


@dataclass(frozen=True)
class ContestStanding:
    contest: Contest
    standing: Standing | None
    entrants: int


def contest_standings_for(agent: Agent, today: date) -> list[ContestStanding]:
    """The agent's place in each contest running now or ended in the last 30 days."""
    found = []
    recent = Contest.objects.filter(starts_on__lte=today,
                                    ends_on__gte=today - timedelta(days=30))
    for contest in recent.prefetch_related("teams", "agents"):
        entrants = contest_entrants(contest)
        if agent.pk not in {entrant.pk for entrant in entrants}:
            continue
        board = contest_board(contest, today)
        mine = next((s for s in board.ranked + board.unranked if s.agent.pk == agent.pk), None)
        found.append(ContestStanding(contest, mine, len(board.ranked)))
    return found


def metric_choices() -> list[tuple[str, str]]:
    return list(Metric.choices)
