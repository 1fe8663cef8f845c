"""Numbers, durations, money and dates as people read them in the active language (decimal
comma in lt, lv, ru and pl). One definition each, so every page and message says "2 min 5 s"
or "15,50 €" alike and shares one set of translations."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import pgettext


def format_duration(seconds: float) -> str:
    """Two units at most, the larger first, the smaller left out when it is zero: 45 s,
    2 min 5 s, 2 min, 3 h 10 min, 4 h, 2 d 4 h, 3 d."""
    seconds = round(seconds)
    if seconds < 60:
        return pgettext("duration", "%(s)d s") % {"s": seconds}
    minutes = seconds // 60
    if minutes < 60:
        if seconds % 60 == 0:
            return pgettext("duration", "%(m)d min") % {"m": minutes}
        return pgettext("duration", "%(m)d min %(s)d s") % {"m": minutes, "s": seconds % 60}
    hours = minutes // 60
    if hours < 48:
        if minutes % 60 == 0:
            return pgettext("duration", "%(h)s h") % {"h": hours}
        return pgettext("duration", "%(h)d h %(m)d min") % {"h": hours, "m": minutes % 60}
    if hours % 24 == 0:
        return pgettext("duration", "%(d)d d") % {"d": hours // 24}
    return pgettext("duration", "%(d)d d %(h)d h") % {"d": hours // 24, "h": hours % 24}


def format_count(n: int) -> str:
    """A whole number with the language's thousands separator: 12 345."""
    return number_format(n, force_grouping=True)


def _rounded(value: float, digits: int) -> str:
    """Django's number_format cuts the decimals it drops (64.9 → "64"): round first."""
    return number_format(round(value, digits), digits)


def format_percent(value: float) -> str:
    """A share in whole percent, rounded: 42 %."""
    return f"{_rounded(value, 0)} %"


def format_money(amount: Decimal) -> str:
    """An amount in euros with cents: 1 234,50 €."""
    return f"{number_format(amount, 2, force_grouping=True)} €"


def format_moment(when: datetime) -> str:
    """A date and time as the organisation's clock shows it."""
    return date_format(timezone.localtime(when), "DATETIME_FORMAT")


def format_signed(value: float, digits: int = 0, *, plus: bool = True) -> str:
    """A number that can be negative, rounded, with the true minus sign (U+2212, not the
    hyphen "-" Django writes) and, when ``plus``, a "+" on positives: −12, +3,5, 0."""
    rounded = round(value, digits)
    sign = ("+" if plus else "") if rounded > 0 else ("−" if rounded < 0 else "")
    return sign + number_format(abs(rounded), digits)


def format_number(value: float, digits: int = 0) -> str:
    """A plain number in the language's style, rounded, negatives with the true minus: −12."""
    return format_signed(value, digits, plus=False)


def format_value(unit: str, value: float) -> str:
    """A measure's value by its unit: "points" (signed, NPS), "percent", "ratio" and
    "scale7" (two decimals), "grade" (one decimal) or "seconds" (a duration)."""
    if unit == "points":
        return format_signed(value, 0)
    if unit == "percent":
        return format_percent(value)
    if unit in ("ratio", "scale7"):
        return _rounded(value, 2)
    if unit == "grade":
        return _rounded(value, 1)
    return format_duration(value)


def format_change(unit: str, change: float) -> str:
    """A change against the previous period, always signed; percentages change in points."""
    if unit == "seconds":
        return ("+" if change >= 0 else "−") + format_duration(abs(change))
    if unit == "percent":
        return pgettext("percentage points", "%(change)s pp") % {
            "change": format_signed(change, 1)}
    if unit in ("ratio", "scale7"):
        return format_signed(change, 2)
    return format_signed(change, 1)  # NPS points, grade points


# Changes smaller than half a point are noise on a page that shows whole percentages.
FLAT = 0.5


def trend(change: float) -> str:
    """"up", "down" or "flat" for a change in percentage points."""
    return "flat" if abs(change) < FLAT else ("up" if change > 0 else "down")
