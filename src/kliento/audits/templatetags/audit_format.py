"""How audit scores look: signed changes in percentage points, and bands around the target."""

from django import template

from kliento.analytics.presentation import format_change

register = template.Library()

# Below the target by more than this many points a score needs coaching, not polishing.
FAIR_MARGIN = 15
# Changes smaller than half a point are noise on a page that shows whole percentages.
FLAT = 0.5


@register.filter
def change_pp(change: float) -> str:
    """+3,5 pp in the active language."""
    return format_change("percent", change)


@register.filter
def trend(change: float) -> str:
    return "flat" if abs(change) < FLAT else ("up" if change > 0 else "down")


@register.filter
def score_band(score: float, target: int) -> str:
    if score >= target:
        return "good"
    return "fair" if score >= target - FAIR_MARGIN else "poor"
