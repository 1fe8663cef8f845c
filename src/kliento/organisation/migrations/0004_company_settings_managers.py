"""Managers keep the company's settings: the permissions given to the existing Manager role
(group) by name, as access/0001 made it."""

from django.db import migrations

from kliento.access.grants import role_grants

MANAGER_PERMISSIONS = ("view_companysettings", "change_companysettings")


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisation", "0003_company_settings"),
    ]

    operations = [role_grants(("organisation",), {"Manager": [f"organisation.{codename}"
                                               for codename in MANAGER_PERMISSIONS]})]
