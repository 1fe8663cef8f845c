"""Giving new permissions to the existing roles from a data migration.

Permissions are normally made after the last migration (``post_migrate``); a migration that
hands them to the roles (groups, by name) needs them at once. Every app's "roles" migration
was the same dozen lines; this is them once. Its meaning must not change: migrations that
already ran on a deployment call it too.
"""

from collections.abc import Iterable, Mapping

from django.contrib.auth.management import create_permissions
from django.db import migrations


def role_grants(app_labels: Iterable[str],
                grants: Mapping[str, Iterable[str]]) -> migrations.RunPython:
    """A ``RunPython`` making the permissions of ``app_labels`` and adding each role's
    ``"app_label.codename"`` names to the group of that name (made when missing)."""
    app_labels, grants = tuple(app_labels), {role: tuple(names) for role, names in grants.items()}

    def grant(apps, schema_editor):
        for label in app_labels:
            app_config = apps.get_app_config(label)
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        for role, names in grants.items():
            group, _ = Group.objects.get_or_create(name=role)
            for name in names:
                app_label, codename = name.split(".")
                group.permissions.add(Permission.objects.get(
                    content_type__app_label=app_label, codename=codename))

    return migrations.RunPython(grant, migrations.RunPython.noop)
