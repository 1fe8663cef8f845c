"""The defect permissions added to the existing roles (groups) by name, as access/0001 made
them: staff log and fix defects, leads and managers also verify and analyse, auditors log and
verify."""

from django.db import migrations

from kliento.access.grants import role_grants

# As they stood when this migration was written (roles.py may grow; later grants come in
# later migrations).
DEFECTS_SERVING = ("defects.view_defect", "defects.add_defect", "defects.change_defect")
DEFECTS_LEADING = ("defects.verify_defect", "defects.view_defect_analysis")
DEFECTS_AUDITING = ("defects.view_defect", "defects.add_defect", "defects.verify_defect")

GRANTS = {
    "Agent": DEFECTS_SERVING,
    "Team lead": DEFECTS_SERVING + DEFECTS_LEADING,
    "Manager": DEFECTS_SERVING + DEFECTS_LEADING,
    "Auditor": DEFECTS_AUDITING,
}


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0001_initial"),
        ("defects", "0001_initial"),
    ]

    operations = [role_grants(("defects",), GRANTS)]
