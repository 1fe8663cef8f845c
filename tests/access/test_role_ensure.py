"""``role_ensure``: a missing role group comes back with exactly its starting permissions."""

import pytest
from django.contrib.auth.models import Group

from kliento.access.roles import ROLE_PERMISSIONS, Role
from kliento.access.services import role_ensure

pytestmark = pytest.mark.django_db


def _granted(group: Group) -> set[str]:
    return {f"{app}.{codename}" for app, codename
            in group.permissions.values_list("content_type__app_label", "codename")}


@pytest.mark.parametrize("role", list(Role))
def test_a_missing_group_is_made_with_its_starting_permissions(role):
    migrated = _granted(Group.objects.get(name=str(role)))
    Group.objects.filter(name=str(role)).delete()
    group = role_ensure(role)
    assert _granted(group) == set(ROLE_PERMISSIONS[role]) == migrated


def test_an_edited_group_is_left_as_the_deployment_made_it():
    group = Group.objects.get(name=str(Role.AGENT))
    group.permissions.clear()
    assert not _granted(role_ensure(Role.AGENT))
