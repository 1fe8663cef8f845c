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


FOCUS_DIMENSIONS = (Breakdown.CHANNEL, Breakdown.JOURNEY_STAGE, Breakdown.TOUCHPOINT,
                    Breakdown.LOCATION, Breakdown.TEAM, Breakdown.LANGUAGE, Breakdown.AGENT)


def focus_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every group one can focus the dashboard on, by breakdown, for a grouped select."""
    found = {
        Breakdown.CHANNEL: [(str(c.pk), str(c)) for c in Channel.objects.all()],
        Breakdown.JOURNEY_STAGE: [(value, str(label)) for value, label in JourneyStage.choices],
        Breakdown.TOUCHPOINT: [(str(pk), name) for pk, name in Touchpoint.objects.values_list(
            "pk", "name")],
        Breakdown.LOCATION: [(str(pk), name) for pk, name in Location.objects.values_list(
            "pk", "name")],
        Breakdown.TEAM: [(str(pk), name) for pk, name in Team.objects.values_list("pk", "name")],
        Breakdown.LANGUAGE: [(value, str(label)) for value, label in Language.choices],
        Breakdown.AGENT: [(str(a.pk), str(a)) for a in Agent.objects.select_related("user")],
    }
    return [
        (breakdown.value, sorted(((f"{breakdown}:{key}", label) for key, label in options),
                                 key=lambda option: option[1]))
        for breakdown in FOCUS_DIMENSIONS if (options := found[breakdown])
    ]
