"""Managers may delete an unanswered question in the survey builder: the permission given to
the existing Manager role (group) by name, as access/0001 made it."""

from django.db import migrations

from kliento.access.grants import role_grants


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("surveys", "0007_comment_search_index"),
    ]

    operations = [role_grants(("surveys",), {"Manager": ["surveys.delete_question"]})]
