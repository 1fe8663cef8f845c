"""Turnover, tenure and training: who leaves, how long newcomers take to reach their team,
and whether a course changed its agents' scores.

Headcounts and leavers are counted by the database per team and quarter; a tenure curve
reads each agent's monthly NPS from one grouped aggregate; a training's effect compares its
agents' answers before and after with :func:`kliento.measure.compare`, on scores rebuilt
from (score, count) rows the database grouped.
"""

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.db.models import Count, F, Q

from kliento.measure import Comparison, compare
from kliento.organisation.models import Agent, Team
from kliento.people.models import Training
from kliento.people.scorecard import RESPONSES, estimate, stats_for

TRAINING_WINDOW_DAYS = 60
MINIMUM_FOR_COMPARISON = 10


def quarter_of(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = (date(day.year + 1, 1, 1) if first_month == 10
           else date(day.year, first_month + 3, 1)) - timedelta(days=1)
    return start, end


def last_quarters(today: date, count: int) -> list[tuple[date, date]]:
    quarters = [quarter_of(today)]
    while len(quarters) < count:
        quarters.append(quarter_of(quarters[-1][0] - timedelta(days=1)))
    return quarters[::-1]


@dataclass(frozen=True)
class Turnover:
    team: Team
    quarter: tuple[date, date]
    headcount_start: int
    headcount_end: int
    leavers: int

    @property
    def rate_percent(self) -> float | None:
        """Leavers over the mean headcount of the quarter's first and last day."""
        mean = (self.headcount_start + self.headcount_end) / 2
        return 100.0 * self.leavers / mean if mean else None


def _on_staff(day: date) -> Q:
    return Q(agents__hired_on__lte=day) & (Q(agents__left_on__isnull=True)
                                           | Q(agents__left_on__gt=day))


def turnover_by_team(teams: list[Team], quarters: list[tuple[date, date]]) -> list[Turnover]:
    """One grouped query per quarter: headcount at both ends and leavers, per team."""
    rows = []
    for start, end in quarters:
        counts = {row["pk"]: row for row in Team.objects.filter(pk__in=[t.pk for t in teams])
                  .values("pk").annotate(
                      first=Count("agents", filter=_on_staff(start - timedelta(days=1))),
                      last=Count("agents", filter=_on_staff(end)),
                      left=Count("agents", filter=Q(agents__left_on__range=(start, end))))}
        for team in teams:
            row = counts[team.pk]
            rows.append(Turnover(team, (start, end), row["first"], row["last"], row["left"]))
    return rows


@dataclass(frozen=True)
class TenureCurve:
    """By month of tenure (1 = the first month): the mean gap between newcomers' NPS and their
    team's median that month, and how many newcomers it is over; and per newcomer, the
    month of tenure in which they first reached their team's median (None: not yet)."""

    gaps: list[tuple[int, float, int]]
    reached: list[tuple[Agent, int | None]]


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def tenure_curve(agents: list[Agent], start: date, end: date, months: int = 12) -> TenureCurve:
    """Newcomers are the ``agents`` hired within ``start``..``end``; their monthly NPS
    against the median of their team's agents that month (one grouped query)."""
    by_id = {agent.pk: agent for agent in agents}
    monthly = stats_for("nps", start, end, by="agent", agents=list(by_id), monthly=True)
    value = {(s.group, s.month): estimate("nps", s).value for s in monthly}
    team_month: dict[tuple[int, date], list[float]] = {}
    for (agent_id, month), v in value.items():
        team_month.setdefault((by_id[agent_id].team_id, month), []).append(v)
    medians = {key: statistics.median(values) for key, values in team_month.items()}
    by_agent: dict[int, list[tuple[date, float]]] = {}
    for (agent_id, month), v in sorted(value.items(), key=lambda item: item[0][1]):
        by_agent.setdefault(agent_id, []).append((month, v))
    gaps: dict[int, list[float]] = {}
    reached = []
    for agent in agents:
        if not start <= agent.hired_on <= end:
            continue
        first_reached = None
        for month, v in by_agent.get(agent.pk, []):
            tenure = _months_between(agent.hired_on, month) + 1
            if tenure < 1 or tenure > months:
                continue
            gaps.setdefault(tenure, []).append(v - medians[(agent.team_id, month)])
            if first_reached is None and v >= medians[(agent.team_id, month)]:
                first_reached = tenure
        reached.append((agent, first_reached))
    return TenureCurve([(t, float(np.mean(g)), len(g)) for t, g in sorted(gaps.items())],
                       reached)


@dataclass(frozen=True)
class TrainingEffect:
    training: Training
    agents: int
    comparison: Comparison | None  # None: too few answers on a side


def _nps_counts(agent_ids: list[int], start: date, end: date) -> np.ndarray:
    rows = (RESPONSES.queryset.filter(interaction__agent__in=agent_ids, nps__isnull=False,
                                      responded_on__range=(start, end))
            .values(score=F("nps")).annotate(n=Count("id")).order_by())
    rows = list(rows)
    return np.repeat([float(r["score"]) for r in rows], [r["n"] for r in rows])


def training_effects(trainings: list[Training], window_days: int = TRAINING_WINDOW_DAYS
                     ) -> list[TrainingEffect]:
    """Each training's attendees' NPS in the ``window_days`` before the day against the
    ``window_days`` after it (the day itself left out)."""
    effects = []
    for training in trainings:
        agent_ids = [a.pk for a in training.agents.all()]
        window = timedelta(days=window_days)
        before = _nps_counts(agent_ids, training.held_on - window,
                             training.held_on - timedelta(days=1))
        after = _nps_counts(agent_ids, training.held_on + timedelta(days=1),
                            training.held_on + window)
        enough = min(before.size, after.size) >= MINIMUM_FOR_COMPARISON
        effects.append(TrainingEffect(training, len(agent_ids),
                                      compare(before, after, "nps") if enough else None))
    return effects
