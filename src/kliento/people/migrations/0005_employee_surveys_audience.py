from django.db import migrations


def mark_employee_surveys(apps, schema_editor):
    """The surveys behind existing employee survey rounds were made before a survey knew its
    audience; they are employees' and must leave every customer view."""
    Survey = apps.get_model("surveys", "Survey")
    EmployeeSurvey = apps.get_model("people", "EmployeeSurvey")
    Survey.objects.filter(
        pk__in=EmployeeSurvey.objects.values("survey_id")).update(audience="employees")


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0004_employee_survey_role"),
        ("surveys", "0010_survey_audience"),
    ]

    operations = [
        migrations.RunPython(mark_employee_surveys, migrations.RunPython.noop),
    ]
