"""The privacy permissions, given to the Manager role (the audit log, export, erasure)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGER_PERMISSIONS = ("view_audit_log", "export_customer", "erase_customer")


def grant_to_managers(apps, schema_editor):
    # Permissions are normally made after the last migration; the role needs them now.
    app_config = apps.get_app_config("privacy")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Manager")
    for codename in MANAGER_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label="privacy",
                                                     codename=codename))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Privacy",
            fields=[],
            options={
                "verbose_name": "privacy",
                "permissions": [
                    ("view_audit_log", "Can read the audit log"),
                    ("export_customer", "Can export everything held about a customer"),
                    ("erase_customer", "Can erase a customer's identifying data"),
                ],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(grant_to_managers, migrations.RunPython.noop),
    ]
