"""Reporting periods in the organisation's time zone, made of whole weeks (Monday first)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

WEEK_CHOICES = (4, 12, 26, 52)
DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class Period:
    """``weeks`` whole weeks ending with the current one, from ``first_monday`` to
    ``last_day`` (local dates, both included)."""

    first_monday: date
    weeks: int
    tz: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_monday, time(), self.tz)

    @property
    def last_day(self) -> date:
        return self.first_monday + timedelta(weeks=self.weeks, days=-1)

    @property
    def week_starts(self) -> list[date]:
        return [self.first_monday + timedelta(weeks=w) for w in range(self.weeks)]

    def previous(self) -> "Period":
        return Period(self.first_monday - timedelta(weeks=self.weeks), self.weeks, self.tz)


def period_ending_this_week(weeks: int = DEFAULT_WEEKS, today: date | None = None) -> Period:
    tz = ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate(timezone=tz)
    this_monday = today - timedelta(days=today.weekday())
    return Period(this_monday - timedelta(weeks=weeks - 1), weeks, tz)


def parse_weeks(raw: str | None) -> int:
    try:
        weeks = int(raw or DEFAULT_WEEKS)
    except ValueError:
        return DEFAULT_WEEKS
    return weeks if weeks in WEEK_CHOICES else DEFAULT_WEEKS
