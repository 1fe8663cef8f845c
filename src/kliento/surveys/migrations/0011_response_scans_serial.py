"""On PostgreSQL, answers are read without parallel workers. With them, the planner took a
parallel full scan of the interaction_id index (the table's physical order) filtered on
responded_on as cheaper than the responded_on index, for a dashboard focused on a team
(answers joined to their interactions): it read all 200,000 answers of the 1M benchmark to
keep the last 8 days' 4,800 (71–87 ms against 30–40 by date). Answers are read a week or a
few days at a time, which needs no parallel scan; SQLite has no such setting."""

from django.db import migrations


def serial(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE surveys_surveyresponse SET (parallel_workers = 0)")


def parallel(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE surveys_surveyresponse RESET (parallel_workers)")


class Migration(migrations.Migration):

    dependencies = [("surveys", "0010_survey_audience")]

    operations = [migrations.RunPython(serial, parallel)]
