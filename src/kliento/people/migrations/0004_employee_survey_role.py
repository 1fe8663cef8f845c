"""Managers make employee-survey rounds: the permission added to the existing Manager group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("people")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Manager")
    group.permissions.add(Permission.objects.get(content_type__app_label="people",
                                                 codename="add_employeesurvey"))


class Migration(migrations.Migration):

    dependencies = [("people", "0003_employee_surveys")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
