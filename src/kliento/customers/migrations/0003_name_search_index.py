"""On PostgreSQL, a trigram index on the folded name, so that the customer search ("zuolaite"
finds "Žuolaitė") reads the index instead of every customer. The indexed expression is exactly
the one ``text_folding.Folded`` writes, or the planner ignores it. SQLite scans (small data)."""

from django.db import migrations

from kliento.database.text_folding import folded_sql


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS customer_name_folded_trgm ON customers_customer "
        f"USING gin (({folded_sql('full_name')}) gin_trgm_ops)")


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS customer_name_folded_trgm")


class Migration(migrations.Migration):

    dependencies = [("customers", "0002_consent_erasure_and_history")]

    operations = [migrations.RunPython(index_create, index_drop)]
