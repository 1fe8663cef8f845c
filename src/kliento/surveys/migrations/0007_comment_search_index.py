"""On PostgreSQL, a trigram index on the folded comment, so that the responses inbox's
search ("velavo" finds "VĖLAVO") reads the index instead of every row. The indexed
expression is exactly the one ``comment_search.Folded`` writes, or the planner ignores it.
SQLite has no trigram indexes; there the search scans (its databases are small)."""

from django.db import migrations

from kliento.surveys.comment_search import folded_sql


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS survey_response_comment_trgm ON surveys_surveyresponse "
        f"USING gin (({folded_sql('comment')}) gin_trgm_ops)")


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS survey_response_comment_trgm")


class Migration(migrations.Migration):

    dependencies = [("surveys", "0006_history")]

    operations = [migrations.RunPython(index_create, index_drop)]
