"""Everyone who serves sees scorecards and contests; leads also the people analyses; managers
run contests and export bonus payouts: the people permissions added to the existing roles
(groups) by name, as access/0001 made them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# As they stood when this migration was written (roles.py may grow; later grants come in
# later migrations).
PEOPLE_SERVING = ("people.view_scorecard", "people.view_contest")
PEOPLE_LEADING = ("people.view_people_analytics", "people.view_training")
PEOPLE_MANAGING = ("people.add_contest", "people.change_contest", "people.view_bonusrule",
                   "people.add_bonusrule", "people.change_bonusrule", "people.export_payouts",
                   "people.add_training", "people.change_training")
GRANTS = {
    "Agent": PEOPLE_SERVING,
    "Team lead": PEOPLE_SERVING + PEOPLE_LEADING,
    "Manager": PEOPLE_SERVING + PEOPLE_LEADING + PEOPLE_MANAGING,
}


def grant_people(apps, schema_editor):
    # Permissions are normally made after the last migration; the roles need them now.
    app_config = apps.get_app_config("people")
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
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_people, migrations.RunPython.noop)]
