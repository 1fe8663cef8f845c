"""Leads read the recurring questions, managers also name topics and publish FAQ entries:
the questions permissions added to the existing roles (groups) by name, as access/0001
made them."""

from django.db import migrations

from kliento.access.grants import role_grants

from kliento.access.roles import QUESTIONS_LEADING, QUESTIONS_MANAGING

GRANTS = {"Team lead": QUESTIONS_LEADING, "Manager": QUESTIONS_LEADING + QUESTIONS_MANAGING}


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0001_initial"),
        ("questions", "0001_initial"),
    ]

    operations = [role_grants(("questions",), GRANTS)]
