"""Managers make employee-survey rounds: the permission added to the existing Manager group."""

from django.db import migrations

from kliento.access.grants import role_grants


class Migration(migrations.Migration):

    dependencies = [("people", "0003_employee_surveys")]

    operations = [role_grants(("people",), {"Manager": ["people.add_employeesurvey"]})]
