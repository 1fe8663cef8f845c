from django.db import migrations

CHANNEL_CODES = ["phone", "email", "chat", "store", "web", "social", "delivery"]


def create_channels(apps, schema_editor):
    Channel = apps.get_model("interactions", "Channel")
    for code in CHANNEL_CODES:
        Channel.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("interactions", "0001_initial")]
    operations = [migrations.RunPython(create_channels, migrations.RunPython.noop)]
