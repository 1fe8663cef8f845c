"""Writes of the people app: contests and the logged payroll export."""

from datetime import date

from django.db import transaction

from kliento.audit_trail.services import audit_event_record
from kliento.people.bonuses import Payout
from kliento.people.models import BonusRule, Contest


@transaction.atomic
def contest_create(*, name: str, metric: str, starts_on: date, ends_on: date, teams=(),
                   agents=(), minimum_sample: int = 20, prize: str = "",
                   created_by=None) -> Contest:
    contest = Contest(name=name, metric=metric, starts_on=starts_on, ends_on=ends_on,
                      minimum_sample=minimum_sample, prize=prize, created_by=created_by)
    contest.full_clean()
    contest.save()
    contest.teams.set(teams)
    contest.agents.set(agents)
    return contest


def payouts_export_log(*, rule: BonusRule, start: date, end: date, payouts: list[Payout],
                       file_format: str, actor) -> None:
    """Payroll must be able to tell who took which payouts out, when, and for how much."""
    total = sum((p.amount for p in payouts), start=0)
    audit_event_record("bonus.payouts_exported", obj=rule, actor=actor, detail={
        "start": start.isoformat(), "end": end.isoformat(), "format": file_format,
        "rows": len(payouts), "agents": len({p.agent.pk for p in payouts}),
        "total": str(total)})
