"""Bonus payouts: for each agent and month, the points their result lies beyond the rule's
target, times the amount per point, at most the cap. Results come from the same monthly
aggregates as the scorecards; agents under the minimum sample earn nothing that month."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kliento.organisation.models import Agent
from kliento.people.models import BonusRule
from kliento.people.scorecard import definition_of, display_value, stats_for

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Payout:
    agent: Agent
    month: date
    n: int
    result: float  # the metric's display unit
    points: float  # beyond the target, ≥ 0
    amount: Decimal
    capped: bool
    eligible: bool  # had the minimum sample


def payout_amount(rule: BonusRule, result: float) -> tuple[float, Decimal, bool]:
    """(points beyond target, amount, whether the cap cut it) for one result.

    Points are rounded to two decimals first, so the payroll sheet multiplies out."""
    beyond = result - rule.target if definition_of(rule.metric).higher_is_better \
        else rule.target - result
    points = max(0.0, round(beyond, 2))
    amount = (Decimal(str(points)) * rule.amount_per_point).quantize(CENT, ROUND_HALF_UP)
    if rule.cap is not None and amount > rule.cap:
        return points, rule.cap.quantize(CENT), True
    return points, amount, False


def payouts_for(rule: BonusRule, start: date, end: date, agents: list[Agent]) -> list[Payout]:
    """Every agent's payout per calendar month of ``start``..``end``, by agent then month."""
    by_id = {agent.pk: agent for agent in agents}
    if not by_id:
        return []
    rows = []
    for s in stats_for(rule.metric, start, end, by="agent", agents=list(by_id), monthly=True):
        result = display_value(rule.metric, s)
        eligible = s.n >= rule.minimum_sample
        points, amount, capped = payout_amount(rule, result) if eligible else (
            0.0, Decimal("0.00"), False)
        rows.append(Payout(by_id[s.group], s.month, s.n, result, points, amount, capped,
                           eligible))
    rows.sort(key=lambda p: (str(p.agent), p.month))
    return rows
