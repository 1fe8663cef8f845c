"""Employee survey rounds made before a survey knew its audience: mark their surveys as
employees', so their answers leave every customer view. The customer measures' stored
buckets may hold those answers' eNPS, so they are forgotten when any survey was marked; the
next fill (the worker's, or ``kliento rollups fill``) stores them again from customers'
answers only, and meanwhile every figure is computed live."""

from django.db import migrations


def mark_employee_surveys(apps, schema_editor):
    Survey = apps.get_model("surveys", "Survey")
    EmployeeSurvey = apps.get_model("people", "EmployeeSurvey")
    marked = Survey.objects.filter(
        pk__in=EmployeeSurvey.objects.values("survey_id")).update(audience="employees")
    if marked:
        apps.get_model("analytics", "KpiRollup").objects.all().delete()
        apps.get_model("analytics", "RollupFillState").objects.update(filled_through=None)


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0004_employee_survey_role"),
        ("surveys", "0010_survey_audience"),
        ("analytics", "0005_monthly_report_mailing"),
    ]

    operations = [
        migrations.RunPython(mark_employee_surveys, migrations.RunPython.noop),
    ]
