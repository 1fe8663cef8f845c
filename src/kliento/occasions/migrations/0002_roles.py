"""The occasions permissions added to the existing roles (groups) by name, as access/0001
made them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# As they stood when this migration was written (roles.py may grow; later grants come in
# later migrations).
SERVING = ("occasions.view_nameday", "occasions.change_offerassignment")
LEADING = ("occasions.view_offerexperiment",)
MANAGING = ("occasions.add_nameday", "occasions.add_offerexperiment",
            "occasions.launch_offerexperiment")
GRANTS = {
    "Agent": SERVING,
    "Team lead": SERVING + LEADING,
    "Manager": SERVING + LEADING + MANAGING,
    "Integration": ("occasions.change_offerassignment",),
}


def grant_occasions(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    app_config = apps.get_app_config("occasions")
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
        ("occasions", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_occasions, migrations.RunPython.noop)]
