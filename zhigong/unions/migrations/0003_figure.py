"""One table of figures per union subtree, topic, dimension and value (the figures kit)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("unions", "0002_rolegrant")]

    operations = [
        migrations.CreateModel(
            name="Figure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("topic", models.CharField(max_length=24)),
                ("dimension", models.CharField(max_length=24)),
                ("value", models.CharField(max_length=32)),
                ("count", models.BigIntegerField(default=0)),
                (
                    "union",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="unions.union",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("union", "topic", "dimension", "value"),
                        name="figure_one_row_per_key",
                    )
                ],
            },
        ),
    ]
