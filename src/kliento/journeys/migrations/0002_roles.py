"""The orders and journeys permissions given to the existing roles (groups) by name, as
access/0001 made them: serving roles see orders; leads and managers the journeys; managers
keep the rules and the markers; the integration pushes orders and engagement answers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from kliento.access.roles import JOURNEYS_LEADING, JOURNEYS_MANAGING, ORDERS_SERVING

GRANTS = {
    "Agent": ORDERS_SERVING,
    "Team lead": ORDERS_SERVING + JOURNEYS_LEADING,
    "Manager": ORDERS_SERVING + JOURNEYS_LEADING + JOURNEYS_MANAGING,
    "Integration": ("orders.add_order", "journeys.add_engagementanswer"),
}


def grant(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    for label in ("orders", "journeys"):
        app_config = apps.get_app_config(label)
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
        ("orders", "0001_initial"),
        ("journeys", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
