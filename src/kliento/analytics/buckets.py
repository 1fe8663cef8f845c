"""Calendar buckets computed by the database from local date columns, in C on both
backends (Django's own Trunc* on SQLite calls a Python function per row)."""

from datetime import date, timedelta
from enum import StrEnum

from django.db.models import DateField, Func


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class WeekStart(Func):
    """The Monday on or before a date."""

    output_field = DateField()
    template = "CAST(DATE_TRUNC('week', %(expressions)s) AS DATE)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template="date(%(expressions)s, '-6 days', 'weekday 1')", **extra)


class MonthStart(Func):
    """The first day of a date's month."""

    output_field = DateField()
    template = "CAST(DATE_TRUNC('month', %(expressions)s) AS DATE)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template="date(%(expressions)s, 'start of month')", **extra)


class DayStart(Func):
    """The date itself, typed as a date on both backends."""

    output_field = DateField()
    template = "%(expressions)s"


BUCKETS = {Grain.DAY: DayStart, Grain.WEEK: WeekStart, Grain.MONTH: MonthStart}


def bucket(grain: Grain, date_field: str) -> Func:
    return BUCKETS[Grain(grain)](date_field)


def bucket_start_of(grain: Grain, day: date) -> date:
    """The first day of the bucket ``day`` falls in, as :func:`bucket` computes it."""
    if grain == Grain.WEEK:
        return day - timedelta(days=day.weekday())
    if grain == Grain.MONTH:
        return day.replace(day=1)
    return day


def next_bucket_of(grain: Grain, start: date) -> date:
    if grain == Grain.WEEK:
        return start + timedelta(weeks=1)
    if grain == Grain.MONTH:
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)
