"""The broken-promise share joins the rollups (complaints, and those after a broken or late
promise). Stored buckets are forgotten so the next fill stores them with it."""

from django.db import migrations, models


def forget_stored_buckets(apps, schema_editor):
    apps.get_model("analytics", "KpiRollup").objects.all().delete()
    apps.get_model("analytics", "RollupFillState").objects.update(filled_through=None)


class Migration(migrations.Migration):

    dependencies = [
        ("analytics", "0002_rollup_histograms"),
    ]

    operations = [
        migrations.RunPython(forget_stored_buckets, migrations.RunPython.noop),
        migrations.AddField(model_name="kpirollup", name="complaints",
                            field=models.IntegerField(default=0)),
        migrations.AddField(model_name="kpirollup", name="complaints_after_broken_promise",
                            field=models.IntegerField(default=0)),
    ]
