"""Member figures move onto the figures kit (``unions.Figure``, topic "members"): the rows
are copied over as they are, then the members-only table goes."""

from django.db import migrations

TOPIC = "members"


def copy_rows(apps, schema_editor):
    rollup = apps.get_model("members", "MemberRollup")
    figure = apps.get_model("unions", "Figure")
    rows = rollup.objects.order_by("id").values_list("union_id", "dimension", "value", "count")
    batch = []
    for union_id, dimension, value, count in rows.iterator(chunk_size=10_000):
        batch.append(
            figure(union_id=union_id, topic=TOPIC, dimension=dimension, value=value, count=count)
        )
        if len(batch) >= 10_000:
            figure.objects.bulk_create(batch)
            batch = []
    figure.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    rollup = apps.get_model("members", "MemberRollup")
    figure = apps.get_model("unions", "Figure")
    rows = figure.objects.filter(topic=TOPIC).values_list("union_id", "dimension", "value", "count")
    rollup.objects.bulk_create(
        rollup(union_id=u, dimension=d, value=v, count=n) for u, d, v, n in rows
    )
    figure.objects.filter(topic=TOPIC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_transfer_decision_reason"),
        ("unions", "0003_figure"),
    ]

    operations = [
        migrations.RunPython(copy_rows, copy_back),
        migrations.DeleteModel(name="MemberRollup"),
    ]
