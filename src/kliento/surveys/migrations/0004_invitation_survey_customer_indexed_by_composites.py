"""The invitation's survey and customer lose their own indexes: the unique (survey,
interaction) and the (customer, created_at) indexes lead with them and serve every lookup, and
each answer rewrites the invitation's row in all of its indexes. Only the indexes go; the
foreign keys stay as they are (Django's AlterField would drop and re-check them)."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {"survey": "surveys_invitation_survey_id_d0534764",
           "customer": "surveys_invitation_customer_id_070370bb"}


class Migration(migrations.Migration):

    dependencies = [
        ("customers", "0001_initial"),
        ("surveys", "0003_survey_questions_stamp"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="invitation", name="customer",
                    field=models.ForeignKey(
                        db_index=False, on_delete=django.db.models.deletion.PROTECT,
                        related_name="survey_invitations", to="customers.customer",
                        verbose_name="customer"),
                ),
                migrations.AlterField(
                    model_name="invitation", name="survey",
                    field=models.ForeignKey(
                        db_index=False, on_delete=django.db.models.deletion.PROTECT,
                        related_name="invitations", to="surveys.survey",
                        verbose_name="survey"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "surveys_invitation" ("{field}_id")')
                for field, name in INDEXES.items()
            ],
        ),
    ]
