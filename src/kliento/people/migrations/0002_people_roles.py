"""Everyone who serves sees scorecards and contests; leads also the people analyses; managers
run contests and export bonus payouts: the people permissions added to the existing roles
(groups) by name, as access/0001 made them."""

from django.db import migrations

from kliento.access.grants import role_grants

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


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [role_grants(("people",), GRANTS)]
