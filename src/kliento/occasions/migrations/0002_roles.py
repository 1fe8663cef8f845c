"""The occasions permissions added to the existing roles (groups) by name, as access/0001
made them."""

from django.db import migrations

from kliento.access.grants import role_grants

# As they stood when this migration was written (roles.py may grow; later grants come in
# later migrations).
SERVING = ("occasions.view_nameday", "occasions.change_offerassignment")
LEADING = ("occasions.view_offerexperiment",)
MANAGING = ("occasions.add_nameday", "occasions.add_offerexperiment",
            "occasions.launch_offerexperiment")
GRANTS = {
    "Agent": SERVING,
    "Team lead": SERVING + LEADING,
    "Manager": SERVING + LEADING + MANAGING,
    "Integration": ("occasions.change_offerassignment",),
}


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0001_initial"),
        ("occasions", "0001_initial"),
    ]

    operations = [role_grants(("occasions",), GRANTS)]
