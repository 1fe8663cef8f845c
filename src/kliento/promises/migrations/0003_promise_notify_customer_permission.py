from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("promises", "0002_ledger_status_link_and_history"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="promise",
            options={
                "ordering": ["due_at"],
                "permissions": [("notify_customer", "Can e-mail the customer about a promise")],
                "verbose_name": "promise",
                "verbose_name_plural": "promises",
            },
        ),
    ]
