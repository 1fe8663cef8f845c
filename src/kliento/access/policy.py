"""The one authorisation question every page and API operation asks: may this user do this
(to this object)? Pages and the API call these functions and nothing else, so they cannot
disagree."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from kliento.access.reach import reaches_everyone, within_reach


def may(user, permission: str, obj: Model | None = None) -> bool:
    return user.has_perm(permission, obj) if obj is not None else user.has_perm(permission)


def authorize(user, permission: str, obj: Model | None = None) -> None:
    """Return quietly when ``user`` may; raise ``PermissionDenied`` (403) when their role
    may not do this at all or the object is one they may see but not change, and ``Http404``
    when the object is out of their reach: whether it exists is not theirs to know."""
    if may(user, permission, obj):
        return
    if obj is None or not user.has_perm(permission):
        raise PermissionDenied
    meta = obj._meta
    if user.has_perm(f"{meta.app_label}.view_{meta.model_name}", obj):
        raise PermissionDenied
    raise Http404


def visible(user, permission: str, queryset: QuerySet) -> QuerySet:
    """``queryset`` narrowed to what ``user`` may ``permission``: nothing without the
    permission, their reach with it."""
    if not user.has_perm(permission):
        return queryset.none()
    return within_reach(user, queryset, permission)


def authorize_handover(user, to_user) -> None:
    """May ``user`` give work (a promise, a case) to ``to_user``? To themselves; to a member
    of a team they lead; to anyone when they reach everyone. Else 403: taking over or
    handing out others' work is a lead's or a manager's call."""
    if to_user is None or to_user.pk == user.pk or reaches_everyone(user):
        return
    if type(to_user)._default_manager.filter(pk=to_user.pk, agent__team__lead=user).exists():
        return
    raise PermissionDenied
