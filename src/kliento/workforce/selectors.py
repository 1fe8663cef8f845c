"""Reads for staffing: contacts and handle times per interval, counted by the database; the
roster per interval; a channel's service target; first-response times and backlog now."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from django.db.models import Avg, Count, F, IntegerField, QuerySet, Value
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, ExtractMinute, Floor
from django.utils import timezone

from kliento.database.filters import filter_given
from kliento.interactions.models import Channel, Interaction
from kliento.workforce.models import (
    DEFAULT_ANSWER_WITHIN_SECONDS,
    WRITTEN_CHANNELS,
    Closure,
    RosterEntry,
    ServiceTarget,
    Shift,
)

# Handle time is read as the time from the first answer to resolution, counted only for
# contacts resolved within an hour of it: one sitting. Longer ones were parked and resumed,
# and their clock time is not the agent's work.
ONE_SITTING_SECONDS = 3600
# Used where a channel has too few contacts handled in one sitting to measure.
DEFAULT_AHT_SECONDS = {"phone": 300, "chat": 480, "email": 600}
FALLBACK_AHT_SECONDS = 420
MIN_AHT_SAMPLES = 10


@dataclass(frozen=True, slots=True)
class TargetInForce:
    """A channel's service target as planned: ``service_level`` of contacts answered within
    ``answer_within_s`` seconds, with ``shrinkage`` and ``max_occupancy`` (shares)."""

    service_level: float
    answer_within_s: int
    shrinkage: float
    max_occupancy: float
    edited: bool  # False: the channel has no row and plans at the defaults


def target_in_force(channel: Channel) -> TargetInForce:
    """The channel's edited target, or 80/20 (written channels: 80 % within the channel's
    first-response target) with 30 % shrinkage and 85 % maximum occupancy."""
    row = ServiceTarget.objects.filter(channel=channel).first()
    defaults = ServiceTarget(channel=channel)
    chosen = row or defaults
    within = chosen.answer_within_seconds or (
        channel.first_response_target_seconds if channel.code in WRITTEN_CHANNELS
        else DEFAULT_ANSWER_WITHIN_SECONDS)
    return TargetInForce(chosen.service_level, within, chosen.shrinkage, chosen.max_occupancy,
                         edited=row is not None)


def _slot(interval_minutes: int):
    """The interval of the local day an interaction was opened in, as the database counts it
    (integer division of the local minute of the day)."""
    minute_of_day = ExtractHour("opened_at") * Value(60) + ExtractMinute("opened_at")
    # Floor: PostgreSQL's EXTRACT is numeric, so "/" alone would not divide whole numbers.
    return Floor(minute_of_day / Value(interval_minutes), output_field=IntegerField())


def contacts_per_interval(channel: Channel, first_day: date, days: int,
                          interval_minutes: int) -> np.ndarray:
    """Contacts opened on ``channel`` per local day × interval of the day, for ``days`` days
    from ``first_day``: one grouped count in the database."""
    slots = 24 * 60 // interval_minutes
    grid = np.zeros((days, slots))
    rows = (Interaction.objects
            .filter(channel=channel, opened_on__gte=first_day,
                    opened_on__lt=first_day + timedelta(days=days))
            .annotate(slot=_slot(interval_minutes)).order_by()
            .values_list("opened_on", "slot").annotate(n=Count("id")))
    for day, slot, n in rows:  # one row per interval with contacts, not per contact
        grid[(day - first_day).days, min(int(slot), slots - 1)] = n
    return grid


def handle_time_by_weekday_hour(channel: Channel, first_day: date,
                                last_day: date) -> np.ndarray:
    """Average handle time (s) on ``channel`` per weekday (Monday = 0) × local hour, from the
    contacts opened in ``first_day``…``last_day`` and handled in one sitting; a cell with fewer
    than :data:`MIN_AHT_SAMPLES` contacts takes the channel's average over all hours, or the
    default for the channel when that too is unmeasured."""
    handled = (Interaction.objects
               .filter(channel=channel, opened_on__gte=first_day, opened_on__lte=last_day,
                       first_response_seconds__isnull=False, resolution_seconds__isnull=False)
               .annotate(handle=F("resolution_seconds") - F("first_response_seconds"))
               .filter(handle__gt=0, handle__lte=ONE_SITTING_SECONDS))
    overall = handled.aggregate(aht=Avg("handle"), n=Count("id"))
    fallback = (overall["aht"] if overall["n"] >= MIN_AHT_SAMPLES
                else DEFAULT_AHT_SECONDS.get(channel.code, FALLBACK_AHT_SECONDS))
    grid = np.full((7, 24), float(fallback))
    cells = (handled.annotate(weekday=ExtractIsoWeekDay("opened_at"),
                              hour=ExtractHour("opened_at")).order_by()
             .values_list("weekday", "hour").annotate(aht=Avg("handle"), n=Count("id")))
    for weekday, hour, aht, n in cells:  # at most 168 rows
        if n >= MIN_AHT_SAMPLES:
            grid[weekday - 1, hour] = aht
    return grid


def rostered_per_interval(channel: Channel, first_day: date, days: int,
                          interval_minutes: int) -> np.ndarray:
    """Agents rostered on ``channel`` per local day × interval, for ``days`` days from
    ``first_day``. An agent counts in an interval their shift covers at least half of; a
    shift past midnight continues on the next day's row."""
    slots = 24 * 60 // interval_minutes
    # The day before too: its night shifts reach into the first day.
    grid = np.zeros((days + 2, slots))
    starts = np.arange(slots) * interval_minutes
    entries = (RosterEntry.objects
               .filter(channel=channel, day__gte=first_day - timedelta(days=1),
                       day__lt=first_day + timedelta(days=days))
               .order_by().values_list("day", "shift__starts_at", "shift__ends_at")
               .annotate(heads=Count("id")))
    for day, shift_start, shift_end, heads in entries:  # one row per day and shift
        begin = shift_start.hour * 60 + shift_start.minute
        end = shift_end.hour * 60 + shift_end.minute
        if end <= begin:
            end += 24 * 60
        row = (day - first_day).days + 1
        for offset in (0, 24 * 60):  # this day's intervals, then the next day's
            overlap = (np.minimum(starts + offset + interval_minutes, end)
                       - np.maximum(starts + offset, begin))
            covered = overlap * 2 >= interval_minutes
            if row + offset // (24 * 60) < grid.shape[0]:
                grid[row + offset // (24 * 60), covered] += heads
    return grid[1:days + 1]


def closures_between(first_day: date, last_day: date) -> list[date]:
    return list(Closure.objects.filter(day__gte=first_day, day__lte=last_day)
                .values_list("day", flat=True))


def first_response_percentile(channel: Channel, *, since: date, fraction: float = 0.8,
                              weekday: int | None = None, hour: int | None = None,
                              ) -> tuple[float | None, int]:
    """The ``fraction`` percentile (nearest rank) of first-response times (s) on ``channel``
    since ``since``, at ISO ``weekday`` (Monday = 1) and local ``hour`` when given, and how
    many contacts it rests on: two queries, the database sorts."""
    answered = filter_given(
        Interaction.objects.filter(channel=channel, opened_on__gte=since,
                                   first_response_seconds__isnull=False),
        opened_at__iso_week_day=weekday, opened_at__hour=hour)
    count = answered.count()
    if not count:
        return None, 0
    rank = min(count - 1, max(0, int(np.ceil(fraction * count)) - 1))
    value = (answered.order_by("first_response_seconds")
             .values_list("first_response_seconds", flat=True)[rank])
    return float(value), count


def backlog(channel: Channel, *, now: datetime, within: timedelta) -> int:
    """Contacts on ``channel`` opened in the last ``within`` and not answered yet."""
    return Interaction.objects.filter(channel=channel, opened_at__gte=now - within,
                                      opened_at__lte=now,
                                      first_response_at__isnull=True).count()


def rostered_now(channel: Channel, now: datetime) -> int:
    local = timezone.localtime(now)
    grid = rostered_per_interval(channel, local.date(), 1, 15)
    return int(grid[0, (local.hour * 60 + local.minute) // 15])


def channels_with_contacts(since: date) -> QuerySet[Channel]:
    """Channels with contacts since ``since``: the ones worth planning."""
    return Channel.objects.filter(
        pk__in=Interaction.objects.filter(opened_on__gte=since).values("channel")
        .order_by().distinct()).order_by("code")


def shift_list() -> QuerySet[Shift]:
    return Shift.objects.all()


def roster_list(*, since: date | None = None, until: date | None = None,
                channel: str | None = None, agent: int | None = None) -> QuerySet[RosterEntry]:
    return filter_given(RosterEntry.objects.select_related("shift", "channel"),
                        day__gte=since, day__lte=until, channel__code=channel, agent=agent)
