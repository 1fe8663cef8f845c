"""Leads read the recurring questions, managers also name topics and publish FAQ entries:
the questions permissions added to the existing roles (groups) by name, as access/0001
made them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from kliento.access.roles import QUESTIONS_LEADING, QUESTIONS_MANAGING

GRANTS = {"Team lead": QUESTIONS_LEADING, "Manager": QUESTIONS_LEADING + QUESTIONS_MANAGING}


def grant_questions(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    app_config = apps.get_app_config("questions")
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
        ("questions", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_questions, migrations.RunPython.noop)]
