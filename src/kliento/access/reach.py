"""Whose records a person may reach: their own, their team's, or — with ``reach_everyone`` —
everyone's.

Each scoped model says once which of its relations make a record someone's own and which make
it a team's. The same condition filters lists and decides single objects, so the list a person
sees and the objects they may open can never disagree.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q, QuerySet

REACH_EVERYONE = "access.reach_everyone"


@dataclass(frozen=True)
class Reach:
    own: tuple[str, ...]  # paths to a User: a record is yours through any of them
    team: tuple[str, ...] = ()  # paths to a Team: a record is your team's when you lead it
    # A join through a to-many relation repeats rows: filter by key instead of joining.
    to_many: bool = False


@dataclass
class _Registration:
    reach: Reach
    by_permission: dict[str, Reach] = field(default_factory=dict)


_registry: dict[type[models.Model], _Registration] = {}


def register(model: type[models.Model], reach: Reach, **by_permission: Reach) -> None:
    """Declare ``model``'s reach; ``by_permission`` narrows it for single permissions
    (keyword ``app__codename`` for ``app.codename``), e.g. only the owner may e-mail the
    customer about their promise, not the owner's lead."""
    _registry[model] = _Registration(
        reach, {name.replace("__", ".", 1): value for name, value in by_permission.items()})


def reach_of(model: type[models.Model], permission: str | None = None) -> Reach | None:
    registration = _registry.get(model)
    if registration is None:
        return None
    return registration.by_permission.get(permission or "", registration.reach)


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def reaches_everyone(user) -> bool:
    return user.has_perm(REACH_EVERYONE)


def reach_condition(user, reach: Reach) -> Q:
    """Records within ``reach`` of ``user``; ``Q()`` (all) for those who reach everyone."""
    if reaches_everyone(user):
        return Q()
    condition = Q(pk__in=[])
    for path in reach.own:
        condition |= Q(**{path: user})
    for path in reach.team:
        condition |= Q(**{f"{path}__lead": user})
    return condition


def within_reach(user, queryset: QuerySet, permission: str | None = None) -> QuerySet:
    reach = reach_of(queryset.model, permission)
    if reach is None:
        raise LookupError(f"{queryset.model.__name__} has no reach registered")
    condition = reach_condition(user, reach)
    if not condition:
        return queryset
    if reach.to_many:
        return queryset.filter(pk__in=queryset.model._default_manager.filter(condition)
                               .values("pk"))
    return queryset.filter(condition)


def is_within_reach(user, obj: models.Model, permission: str | None = None) -> bool:
    model = type(obj)
    return within_reach(user, model._default_manager.filter(pk=obj.pk), permission).exists()
