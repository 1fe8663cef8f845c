"""The access permissions and the five starting roles (groups), created once; from then on the
deployment edits them in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from kliento.access.roles import ROLE_PERMISSIONS


def create_roles(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Apps migrated after this one (workforce), and models added to an app later (the
    # organisation's company settings), grant their roles' permissions themselves.
    migrated = {model._meta.app_label for model in apps.get_models()}
    made = set(Permission.objects.values_list("content_type__app_label", "codename"))
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        for name in names:
            app_label, codename = name.split(".")
            if app_label not in migrated or (app_label == "organisation"
                                             and (app_label, codename) not in made):
                continue
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                         codename=codename))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("customers", "0001_initial"),
        ("interactions", "0004_interaction_cause"),
        ("promises", "0003_promise_notify_customer_permission"),
        ("recovery", "0001_initial"),
        ("surveys", "0004_invitation_survey_customer_indexed_by_composites"),
        ("audits", "0003_audit_history_is_protected"),
        ("imports", "0004_import_status_storing"),
        ("webhooks", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Access",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
            ],
            options={
                "verbose_name": "access",
                "permissions": [
                    ("reach_everyone", "Can see and change everyone's promises, cases, "
                                       "customers and scorecards, not only their own and "
                                       "their team's"),
                    ("view_dashboard", "Can see the dashboard"),
                    ("explore_measures", "Can explore measures by team, agent and period, "
                                         "and download them"),
                ],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
