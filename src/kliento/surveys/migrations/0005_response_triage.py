"""Tags, notes and an assignee on survey responses (the responses inbox), and the serving
roles may change responses within their reach (tag, note, assign)."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SERVING_ROLES = ("Agent", "Team lead", "Manager")


def grant_triage(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="surveys",
                                        codename="change_surveyresponse")
    for name in SERVING_ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0004_invitation_survey_customer_indexed_by_composites"),
        ("access", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ResponseTag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("name", models.CharField(max_length=40, verbose_name="tag")),
                ("response", models.ForeignKey(
                    db_index=False, on_delete=django.db.models.deletion.CASCADE,
                    related_name="tags", to="surveys.surveyresponse",
                    verbose_name="survey response")),
            ],
            options={
                "verbose_name": "response tag", "verbose_name_plural": "response tags",
                "ordering": ["name"],
                "indexes": [models.Index(fields=["name"], name="response_tag_name")],
                "constraints": [models.UniqueConstraint(fields=("response", "name"),
                                                        name="response_tag_once")],
            },
        ),
        migrations.CreateModel(
            name="ResponseNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("text", models.TextField(verbose_name="note")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                ("author", models.ForeignKey(
                    null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                    to=settings.AUTH_USER_MODEL, verbose_name="author")),
                ("response", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="notes",
                    to="surveys.surveyresponse", verbose_name="survey response")),
            ],
            options={
                "verbose_name": "response note", "verbose_name_plural": "response notes",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ResponseAssignment",
            fields=[
                ("response", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                    related_name="assignment", serialize=False, to="surveys.surveyresponse",
                    verbose_name="survey response")),
                ("assigned_at", models.DateTimeField(verbose_name="assigned at")),
                ("assigned_by", models.ForeignKey(
                    null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                    to=settings.AUTH_USER_MODEL, verbose_name="assigned by")),
                ("assignee", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="assigned_responses", to=settings.AUTH_USER_MODEL,
                    verbose_name="assigned to")),
            ],
            options={
                "verbose_name": "response assignment",
                "verbose_name_plural": "response assignments",
            },
        ),
        migrations.RunPython(grant_triage, migrations.RunPython.noop),
    ]
