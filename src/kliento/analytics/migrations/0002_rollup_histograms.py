"""Percentiles in the rollups become mergeable histograms. Stored buckets are forgotten (the
fill state goes back to empty): until the worker's fill or ``kliento rollups fill`` stores
them again, every figure is computed live, so nothing shown is wrong meanwhile."""

from django.db import migrations, models


def forget_stored_buckets(apps, schema_editor):
    apps.get_model("analytics", "KpiRollup").objects.all().delete()
    apps.get_model("analytics", "RollupFillState").objects.update(filled_through=None)


class Migration(migrations.Migration):

    dependencies = [
        ("analytics", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forget_stored_buckets, migrations.RunPython.noop),
        migrations.RemoveField(model_name="kpirollup", name="first_response_p50"),
        migrations.RemoveField(model_name="kpirollup", name="first_response_p90"),
        migrations.RemoveField(model_name="kpirollup", name="resolution_p50"),
        migrations.RemoveField(model_name="kpirollup", name="resolution_p90"),
        migrations.AddField(model_name="kpirollup", name="first_response_sketch",
                            field=models.JSONField(null=True)),
        migrations.AddField(model_name="kpirollup", name="resolution_sketch",
                            field=models.JSONField(null=True)),
    ]
