"""Managers and team leads plan staffing: the workforce permissions added to the existing
roles (groups) by name, as access/0001 made them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from kliento.access.roles import WORKFORCE_LEADING, WORKFORCE_MANAGING

GRANTS = {"Team lead": WORKFORCE_LEADING, "Manager": WORKFORCE_LEADING + WORKFORCE_MANAGING}


def grant_planning(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    app_config = apps.get_app_config("workforce")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                         codename=codename))


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0001_initial"),
        ("workforce", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_planning, migrations.RunPython.noop)]
