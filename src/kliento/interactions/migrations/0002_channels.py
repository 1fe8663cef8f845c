from django.db import migrations

# Default first-response targets: a phone or chat customer is waiting on the line, an e-mail
# writer expects an answer within the working morning.
CHANNEL_TARGETS = {
    "phone": 60, "chat": 120, "store": 300, "email": 4 * 3600, "social": 2 * 3600,
    "web": 4 * 3600, "delivery": 8 * 3600,
}


def create_channels(apps, schema_editor):
    Channel = apps.get_model("interactions", "Channel")
    for code, target in CHANNEL_TARGETS.items():
        Channel.objects.get_or_create(code=code,
                                      defaults={"first_response_target_seconds": target})


class Migration(migrations.Migration):
    dependencies = [("interactions", "0001_initial")]
    operations = [migrations.RunPython(create_channels, migrations.RunPython.noop)]
