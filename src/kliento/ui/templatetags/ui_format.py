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
def duration(seconds: float | None) -> str:
    """A number of seconds as format_duration writes it; "—" for none."""
    return "—" if seconds is None else formatting.format_duration(seconds)
