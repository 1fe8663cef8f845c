"""Periods still running, the same on every time-series chart: the one that has not ended is
drawn dashed and labelled "(so far)", and nothing after today is drawn. The dashboard, explore
and every app's chart ask here, so they agree on which period is unfinished."""

from collections.abc import Sequence
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext

from kliento.organisation.calendar import organisation_timezone


def local_today() -> date:
    """Today in the organisation's time zone (a period ends at its local midnight)."""
    return timezone.localdate(timezone=organisation_timezone())


def running_index(last_days: Sequence[date], today: date | None = None) -> int | None:
    """The index of the first period whose last day is today or later, if any."""
    today = today or local_today()
    return next((i for i, last in enumerate(last_days) if last >= today), None)


def so_far(label: str) -> str:
    """A running period's label: "Dec 2026 (so far)". One message for weeks and months."""
    return gettext("%(week)s (so far)") % {"week": label}


def month_last_day(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def not_after_today(starts: Sequence[date], today: date | None = None) -> list[date]:
    """The periods that have begun: a chart shows no date in the future."""
    today = today or local_today()
    return [start for start in starts if start <= today]
