"""Writes of the people app: contests and the logged payroll export."""

import csv
import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record
from kliento.organisation.models import Agent
from kliento.people.bonuses import Payout
from kliento.people.models import Attendance, BonusRule, Contest, Training


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
    audit_event_record(AuditEvent.Action.EXPORTED, obj=rule, actor=actor, detail={
        "what": "bonus payouts", "start": start.isoformat(), "end": end.isoformat(),
        "format": file_format, "rows": len(payouts), "agents": len({p.agent.pk for p in payouts}),
        "total": str(total)})


TRAINING_COLUMNS = ("course", "held_on", "username")


@transaction.atomic
def trainings_import(text: str) -> int:
    """Training records from CSV text with the columns course, held_on (YYYY-MM-DD) and
    username — one row per attendee. All or nothing: any bad row refuses the whole file,
    every bad row named. Returns the number of attendances added (repeats are skipped)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in TRAINING_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(_("The file lacks the columns: %(columns)s.")
                              % {"columns": ", ".join(missing)})
    rows, errors = [], []
    agents = {agent.user.get_username(): agent
              for agent in Agent.objects.select_related("user")}
    for line, row in enumerate(reader, start=2):
        course = (row["course"] or "").strip()
        try:
            held_on = date.fromisoformat((row["held_on"] or "").strip())
        except ValueError:
            errors.append(_("Row %(line)d: held_on must be a date like 2026-03-15.")
                          % {"line": line})
            continue
        agent = agents.get((row["username"] or "").strip())
        if not course:
            errors.append(_("Row %(line)d: course is empty.") % {"line": line})
        elif agent is None:
            errors.append(_("Row %(line)d: no agent has the username “%(username)s”.")
                          % {"line": line, "username": row["username"]})
        else:
            rows.append((course[:200], held_on, agent))
    if errors:
        raise ValidationError(errors)
    added = 0
    for course, held_on, agent in rows:
        training, _created = Training.objects.get_or_create(course=course, held_on=held_on)
        _attendance, created = Attendance.objects.get_or_create(training=training, agent=agent)
        added += created
    return added
