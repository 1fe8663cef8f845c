"""Demo shifts and roster: the agents who serve phone, chat and e-mail rostered on early, late
and evening shifts sized from the current week's plan — early and late to the peaks at their
ends, so the lunch peak between them runs short, as it does in many real rosters."""

from datetime import time, timedelta

import numpy as np
from django.utils import timezone

from kliento.interactions.models import Channel, Interaction
from kliento.workforce.models import RosterEntry, Shift
from kliento.workforce.planning import NotEnoughHistory, staffing_plan, week_start_of

SHIFTS = {"Early": (time(8), time(16, 30)), "Late": (time(11, 30), time(20)),
          "Evening": (time(15), time(23))}
# Which hours of the day each shift is sized for (local hours, end excluded).
SIZED_FOR = {"Early": (8, 11), "Late": (17, 20), "Evening": (20, 23)}
PLANNED_CHANNELS = {"phone": ("Early", "Late"), "chat": ("Early", "Late", "Evening"),
                    "email": ("Early", "Late")}
WEEKS_BACK, WEEKS_AHEAD = 6, 2


def demo_roster_create() -> int:
    """Roster the last weeks and the next two; returns the entries made."""
    shifts = {name: Shift.objects.get_or_create(name=name, defaults={
        "starts_at": start, "ends_at": end})[0] for name, (start, end) in SHIFTS.items()}
    today = timezone.localdate()
    week = week_start_of(today)
    first_day = week - timedelta(weeks=WEEKS_BACK)
    days = [first_day + timedelta(days=i) for i in range((WEEKS_BACK + WEEKS_AHEAD) * 7)]
    entries = []
    for channel in Channel.objects.filter(code__in=PLANNED_CHANNELS):
        pool = list(Interaction.objects.filter(channel=channel, agent__isnull=False,
                                               opened_on__gte=first_day - timedelta(weeks=4))
                    .order_by().values_list("agent", flat=True).distinct())
        try:
            plan = staffing_plan(channel, week, interval_minutes=60)
        except NotEnoughHistory:
            continue
        if not pool:
            continue
        for day in days:
            row = plan.required[day.weekday() - week.weekday()]
            if not row.any():
                continue  # a day the channel is quiet: nobody rostered
            start = (day.toordinal() * 3 + channel.pk) % len(pool)  # rotate who works when
            working = iter(pool[start:] + pool[:start])  # one shift a day for each agent
            for name in PLANNED_CHANNELS[channel.code]:
                low, high = SIZED_FOR[name]
                heads = max(1, int(np.max(row[low:high])))
                for _, agent in zip(range(heads), working, strict=False):
                    entries.append(RosterEntry(day=day, agent_id=agent, shift=shifts[name],
                                               channel=channel))
    RosterEntry.objects.bulk_create(entries, ignore_conflicts=True)
    return len(entries)
