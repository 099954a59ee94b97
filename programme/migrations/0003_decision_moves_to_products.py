"""`Decision` now lives in products (products migration 0004 moved its table and rows)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("products", "0004_decision_moves_here"),
        ("programme", "0002_statisticspage"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="cohortyear",
                    name="decision",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="products.decision",
                        verbose_name="Quyết định công nhận",
                    ),
                ),
                migrations.DeleteModel(name="Decision"),
            ],
            database_operations=[],
        ),
    ]
