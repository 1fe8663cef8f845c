"""The defect permissions added to the existing roles (groups) by name, as access/0001 made
them: staff log and fix defects, leads and managers also verify and analyse, auditors log and
verify."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# As they stood when this migration was written (roles.py may grow; later grants come in
# later migrations).
DEFECTS_SERVING = ("defects.view_defect", "defects.add_defect", "defects.change_defect")
DEFECTS_LEADING = ("defects.verify_defect", "defects.view_defect_analysis")
DEFECTS_AUDITING = ("defects.view_defect", "defects.add_defect", "defects.verify_defect")

GRANTS = {
    "Agent": DEFECTS_SERVING,
    "Team lead": DEFECTS_SERVING + DEFECTS_LEADING,
    "Manager": DEFECTS_SERVING + DEFECTS_LEADING,
    "Auditor": DEFECTS_AUDITING,
}


def grant_defects(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    app_config = apps.get_app_config("defects")
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
        ("defects", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_defects, migrations.RunPython.noop)]
