"""The orders and journeys permissions given to the existing roles (groups) by name, as
access/0001 made them: serving roles see orders; leads and managers the journeys; managers
keep the rules and the markers; the integration pushes orders and engagement answers."""

from django.db import migrations

from kliento.access.grants import role_grants
from kliento.access.roles import JOURNEYS_LEADING, JOURNEYS_MANAGING, ORDERS_SERVING

GRANTS = {
    "Agent": ORDERS_SERVING,
    "Team lead": ORDERS_SERVING + JOURNEYS_LEADING,
    "Manager": ORDERS_SERVING + JOURNEYS_LEADING + JOURNEYS_MANAGING,
    "Integration": ("orders.add_order", "journeys.add_engagementanswer"),
}


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0001_initial"),
        ("orders", "0001_initial"),
        ("journeys", "0001_initial"),
    ]

    operations = [role_grants(("orders", "journeys"), GRANTS)]
