"""The privacy permissions, given to the Manager role (the audit log, export, erasure)."""

from django.db import migrations

from kliento.access.grants import role_grants

MANAGER_PERMISSIONS = ("view_audit_log", "export_customer", "erase_customer")


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
        role_grants(("privacy",), {"Manager": [f"privacy.{codename}"
                                               for codename in MANAGER_PERMISSIONS]}),
    ]
