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
        # One add, so the group's history records one change rather than one per permission.
        wanted = [tuple(name.split(".")) for name in ROLE_PERMISSIONS[role]]
        found = {(permission.content_type.app_label, permission.codename): permission
                 for permission in Permission.objects.select_related("content_type").filter(
                     codename__in=[codename for _app, codename in wanted])}
        group.permissions.add(*(found[key] for key in wanted))  # KeyError: a name is wrong
    return group


@transaction.atomic
def user_role_assign(user, *roles: Role) -> None:
    user.groups.add(*(role_ensure(role) for role in roles))
    audit_event_record(AuditEvent.Action.ROLE_ASSIGNED, obj=user,
                       detail={"roles": [str(role) for role in roles]})
    # Django caches permissions on the user object: drop them so the new role counts now.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)
