"""Managers and team leads plan staffing: the workforce permissions added to the existing
roles (groups) by name, as access/0001 made them."""

from django.db import migrations

from kliento.access.grants import role_grants

from kliento.access.roles import WORKFORCE_LEADING, WORKFORCE_MANAGING

GRANTS = {"Team lead": WORKFORCE_LEADING, "Manager": WORKFORCE_LEADING + WORKFORCE_MANAGING}


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0001_initial"),
        ("workforce", "0001_initial"),
    ]

    operations = [role_grants(("workforce",), GRANTS)]
