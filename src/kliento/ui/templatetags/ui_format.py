"""The formatting of kliento.ui.formatting as template filters: ``{% load ui_format %}``."""

from django import template

from kliento.ui import formatting

register = template.Library()


@register.filter
def change_pp(change: float) -> str:
    """+3,5 pp in the active language."""
    return formatting.format_change("percent", change)


@register.filter
def trend(change: float) -> str:
    return formatting.trend(change)


@register.filter
def signed(value: float | None, digits: int = 0) -> str:
    """A difference or change: "+3,5", "−12" (true minus sign); "—" for none."""
    return "—" if value is None else formatting.format_signed(value, int(digits))


@register.filter
def number(value: float | None, digits: int = 0) -> str:
    """A value that can be negative (NPS, a correlation) without a "+": "−12", "34";
    ``floatformat`` would write the hyphen "-12". "—" for none."""
    return "—" if value is None else formatting.format_number(value, int(digits))


@register.filter
def signed_share(value: float | None) -> str:
    """A difference between two shares (0–1) in whole percentage points: "−5", "+12"."""
    return "—" if value is None else formatting.format_signed(100 * value, 0)


@register.filter
def duration(seconds: float | None) -> str:
    """A number of seconds as format_duration writes it; "—" for none."""
    return "—" if seconds is None else formatting.format_duration(seconds)
