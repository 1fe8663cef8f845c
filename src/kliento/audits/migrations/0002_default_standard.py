from django.db import migrations

from kliento.audits.default_standard import DEFAULT_CRITERIA, DEFAULT_STANDARD_NAME


def create_default_standard(apps, schema_editor):
    ServiceStandard = apps.get_model("audits", "ServiceStandard")
    StandardCriterion = apps.get_model("audits", "StandardCriterion")
    if ServiceStandard.objects.filter(is_default=True).exists():
        return
    standard, created = ServiceStandard.objects.get_or_create(
        name=DEFAULT_STANDARD_NAME, defaults={"is_default": True})
    if not created:
        return
    StandardCriterion.objects.bulk_create(
        StandardCriterion(
            standard=standard, position=position, weight=weight,
            for_visits="visit" in kinds, for_calls="call" in kinds, for_emails="email" in kinds,
            **{f"text_{language}": text for language, text in texts.items()},
        )
        for position, (weight, kinds, texts) in enumerate(DEFAULT_CRITERIA, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial")]
    operations = [migrations.RunPython(create_default_standard, migrations.RunPython.noop)]
