"""Writes: giving people their roles."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from kliento.access.roles import ROLE_PERMISSIONS, Role
from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record


def role_ensure(role: Role) -> Group:
    """The role's group, created with its starting permissions if it is missing (after a
    flush, or in a database made without migrations). An existing group is left as the
    deployment edited it."""
    group, created = Group.objects.get_or_create(name=str(role))
    if created:
        for name in ROLE_PERMISSIONS[role]:
            app_label, codename = name.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                         codename=codename))
    return group


@transaction.atomic
def user_role_assign(user, *roles: Role) -> None:
    user.groups.add(*(role_ensure(role) for role in roles))
    audit_event_record(AuditEvent.Action.ROLE_ASSIGNED, obj=user,
                       detail={"roles": [str(role) for role in roles]})
    # Django caches permissions on the user object: drop them so the new role counts now.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)
