"""The service grade's default weights became reliability 0.6 and 0.1 for each other factor
(seed 002). Stored buckets hold sums of grades under the old weights: forget them so the next
fill (the worker's, or ``kliento rollups fill``) stores them regraded; meanwhile every figure
is computed live."""

from django.db import migrations


def forget_stored_buckets(apps, schema_editor):
    apps.get_model("analytics", "KpiRollup").objects.all().delete()
    apps.get_model("analytics", "RollupFillState").objects.update(filled_through=None)


class Migration(migrations.Migration):

    dependencies = [
        ("analytics", "0003_rollup_complaints"),
    ]

    operations = [
        migrations.RunPython(forget_stored_buckets, migrations.RunPython.noop),
    ]
