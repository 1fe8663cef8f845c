"""Managers may delete an unanswered question in the survey builder: the permission given to
the existing Manager role (group) by name, as access/0001 made it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_to_managers(apps, schema_editor):
    # Permissions are normally made after the last migration; the role needs it now.
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Manager")
    group.permissions.add(Permission.objects.get(content_type__app_label="surveys",
                                                 codename="delete_question"))


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("surveys", "0007_comment_search_index"),
    ]

    operations = [migrations.RunPython(grant_to_managers, migrations.RunPython.noop)]
