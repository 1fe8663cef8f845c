"""How audit scores look: bands around the standard's target."""

from django import template

register = template.Library()

# Below the target by more than this many points a score needs coaching, not polishing.
FAIR_MARGIN = 15


@register.filter
def score_band(score: float, target: int) -> str:
    if score >= target:
        return "good"
    return "fair" if score >= target - FAIR_MARGIN else "poor"
