"""The organisation's calendar: which local day an instant belongs to.

Reports bucket by local days, weeks and months. Each fact keeps its local date beside its
timestamp (``opened_on`` beside ``opened_at``), written here, so the database never has to
convert time zones row by row.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl
from django.conf import settings


def organisation_timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone; Kliento stores aware datetimes only")
    return moment.astimezone(organisation_timezone()).date()


def local_date_column(moments: pl.Expr) -> pl.Expr:
    """The local date of each aware instant in a Polars column."""
    return moments.dt.convert_time_zone(settings.TIME_ZONE).dt.date()


def local_dates(epoch_seconds: np.ndarray) -> np.ndarray:
    """Local dates (``datetime64[D]``) of many UTC epoch instants at once.

    Offsets change only on whole UTC hours (true of every zone Kliento serves), so one
    offset per distinct hour is exact.
    """
    tz = organisation_timezone()
    hours = np.floor(np.asarray(epoch_seconds, dtype=float) / 3600).astype(np.int64)
    unique_hours, position = np.unique(hours, return_inverse=True)
    offsets = np.array([
        datetime.fromtimestamp(int(h) * 3600, UTC).astimezone(tz).utcoffset().total_seconds()
        for h in unique_hours
    ])
    local = np.asarray(epoch_seconds, dtype=float) + offsets[position]
    return np.floor(local / 86400).astype("datetime64[D]")


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a public holiday of ``WORKFORCE_HOLIDAY_COUNTRY`` (the
    ``holidays`` package's calendar: Lithuania's by default)."""
    import holidays  # its country tables load on first use

    if day.weekday() >= 5:
        return False
    country = getattr(settings, "WORKFORCE_HOLIDAY_COUNTRY", "") or None
    return country is None or day not in holidays.country_holidays(country.upper(),
                                                                    years=day.year)


def first_working_day(month_start: date) -> date:
    """The first working day of the month that begins on ``month_start``.

    >>> first_working_day(date(2027, 1, 1))  # New Year's Day, then a weekend (Lithuania)
    datetime.date(2027, 1, 4)
    """
    day = month_start.replace(day=1)
    while not is_working_day(day):
        day = day.fromordinal(day.toordinal() + 1)
    return day
