"""Human names for breakdown groups (the metrics speak in ids and codes)."""

from kliento.analytics.metrics import Breakdown
from kliento.customers.models import Language
from kliento.interactions.models import Channel, JourneyStage, Touchpoint
from kliento.organisation.models import Agent, Location, Team


def group_labels(breakdown: Breakdown, keys: set[str | None]) -> dict[str | None, str]:
    """``{group key: label}`` for the keys present, with one query at most."""
    keys = {key for key in keys if key is not None}
    if breakdown == Breakdown.NONE or not keys:
        return {}
    if breakdown == Breakdown.LANGUAGE:
        return {key: str(Language(key).label) if key in Language.values else key
                for key in keys}
    if breakdown == Breakdown.JOURNEY_STAGE:
        return {key: str(JourneyStage(key).label) if key in JourneyStage.values else key
                for key in keys}
    ids = [int(key) for key in keys]
    if breakdown == Breakdown.CHANNEL:
        return {str(c.pk): str(c) for c in Channel.objects.filter(pk__in=ids)}
    if breakdown == Breakdown.AGENT:
        return {str(a.pk): str(a) for a in Agent.objects.filter(pk__in=ids).select_related(
            "user")}
    model = {Breakdown.TOUCHPOINT: Touchpoint, Breakdown.TEAM: Team,
             Breakdown.LOCATION: Location}[breakdown]
    return {str(pk): name for pk, name in model.objects.filter(pk__in=ids).values_list(
        "pk", "name")}
