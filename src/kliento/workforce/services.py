"""Writes for staffing: service targets, shifts, the roster (one entry, or a CSV file at once)
and closures."""

import csv
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction

from kliento.interactions.models import Channel
from kliento.organisation.models import Agent
from kliento.workforce.models import Closure, RosterEntry, ServiceTarget, Shift

ROSTER_COLUMNS = ("day", "agent", "channel", "shift")
ROSTER_OPTIONAL_COLUMNS = ("starts_at", "ends_at")


def service_target_set(channel: Channel, **fields) -> ServiceTarget:
    """Save the channel's target (``service_level``, ``answer_within_seconds``,
    ``shrinkage``, ``max_occupancy``; the others keep their value), checked first."""
    target = ServiceTarget.objects.filter(channel=channel).first() or ServiceTarget(
        channel=channel)
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    return target


def shift_create(*, name: str, starts_at: time, ends_at: time) -> Shift:
    shift = Shift(name=name, starts_at=starts_at, ends_at=ends_at)
    shift.full_clean()
    shift.save()
    return shift


def roster_entry_add(*, day: date, agent: Agent, shift: Shift, channel: Channel) -> RosterEntry:
    """Put ``agent`` on ``shift`` and ``channel`` on ``day``; the same agent and shift on the
    same day again changes the channel instead of adding a second entry."""
    entry, _ = RosterEntry.objects.update_or_create(
        agent=agent, day=day, shift=shift, defaults={"channel": channel})
    return entry


def closure_add(*, day: date, reason: str = "") -> Closure:
    closure, _ = Closure.objects.update_or_create(day=day, defaults={"reason": reason})
    return closure


class RosterRefused(ValueError):
    """A roster file with errors; ``errors`` lists them by line, nothing was saved."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class RosterImported:
    entries: int
    shifts_created: int


def _time(text: str) -> time:
    return time.fromisoformat(text.strip())


@transaction.atomic
def roster_import(lines) -> RosterImported:
    """Read a roster CSV (``day,agent,channel,shift`` and optionally ``starts_at,ends_at``:
    a shift the file names with its times is created if it does not exist yet; ``agent`` is
    the agent's username). All rows or none: any bad row raises :class:`RosterRefused` with
    every error by line."""
    reader = csv.DictReader(lines)
    missing = [c for c in ROSTER_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RosterRefused([f"missing columns: {', '.join(missing)}"])
    agents = {a.user.username: a for a in Agent.objects.select_related("user")}
    channels = {c.code: c for c in Channel.objects.all()}
    shifts = {s.name: s for s in Shift.objects.all()}
    created_shifts = 0
    rows, errors = [], []
    for number, row in enumerate(reader, start=2):
        problems = []
        try:
            day = date.fromisoformat((row["day"] or "").strip())
        except ValueError:
            problems.append(f"day {row['day']!r} is not a date (YYYY-MM-DD)")
        agent = agents.get((row["agent"] or "").strip())
        if agent is None:
            problems.append(f"no agent with username {row['agent']!r}")
        channel = channels.get((row["channel"] or "").strip())
        if channel is None:
            problems.append(f"no channel {row['channel']!r}")
        name = (row["shift"] or "").strip()
        shift = shifts.get(name)
        if shift is None and row.get("starts_at") and row.get("ends_at"):
            try:
                shift = shift_create(name=name, starts_at=_time(row["starts_at"]),
                                     ends_at=_time(row["ends_at"]))
                shifts[name] = shift
                created_shifts += 1
            except (ValueError, ValidationError):
                problems.append(f"shift {name!r} needs a name and two different times HH:MM")
        elif shift is None:
            problems.append(f"no shift {name!r} (give starts_at and ends_at to create it)")
        if problems:
            errors.extend(f"line {number}: {p}" for p in problems)
        else:
            rows.append((day, agent, shift, channel))
    if errors:
        raise RosterRefused(errors)
    for day, agent, shift, channel in rows:
        roster_entry_add(day=day, agent=agent, shift=shift, channel=channel)
    return RosterImported(entries=len(rows), shifts_created=created_shifts)
