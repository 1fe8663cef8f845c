"""Managers keep the company's settings: the permissions given to the existing Manager role
(group) by name, as access/0001 made it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGER_PERMISSIONS = ("view_companysettings", "change_companysettings")


def grant_to_managers(apps, schema_editor):
    # Permissions are normally made after the last migration; the role needs them now.
    app_config = apps.get_app_config("organisation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Manager")
    for codename in MANAGER_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label="organisation",
                                                     codename=codename))


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisation", "0003_company_settings"),
    ]

    operations = [migrations.RunPython(grant_to_managers, migrations.RunPython.noop)]
