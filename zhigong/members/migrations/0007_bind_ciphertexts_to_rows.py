"""Every ciphertext is bound to its cell: the associated data of AES-GCM was the column
alone ("member.id_number"), and becomes table, column and the row's identity (the blind
index of the person's ID number; the member, for a change request), so a value copied onto
another row no longer decrypts. Existing values are re-encrypted here, in batches, under the
current key.
"""

from django.db import migrations

from zhigong.core import crypto

BATCH = 2000
# (model, ciphertext field, old associated data, column name it is bound to now)
TARGETS = [
    ("Member", "id_number_encrypted", "member.id_number", "id_number"),
    ("Member", "phone_encrypted", "member.phone", "phone"),
    ("MembershipApplication", "id_number_encrypted", "member.id_number", "id_number"),
    ("MembershipApplication", "phone_encrypted", "member.phone", "phone"),
    ("MemberChangeRequest", "payload_encrypted", "member.change", "payload"),
    ("MemberChangeRequest", "based_on_encrypted", "member.change", "based_on"),
]


def _row(obj):
    """A change request is bound to its member; a person's row to their ID's blind index."""
    if obj._meta.model_name == "memberchangerequest":
        return obj.member_id
    return obj.id_number_index


def rebind(apps, schema_editor):
    for model_name, field, old_context, column in TARGETS:
        model = apps.get_model("members", model_name)
        table = model._meta.db_table
        last = 0
        while True:
            rows = list(
                model.objects.filter(pk__gt=last).exclude(**{field: ""}).order_by("pk")[:BATCH]
            )
            if not rows:
                break
            for obj in rows:
                plain = crypto.decrypt(getattr(obj, field), context=old_context)
                context = crypto.bound_to(table, column, _row(obj))
                setattr(obj, field, crypto.encrypt(plain, context=context))
            model.objects.bulk_update(rows, [field])
            last = rows[-1].pk


def unbind(apps, schema_editor):
    for model_name, field, old_context, column in TARGETS:
        model = apps.get_model("members", model_name)
        table = model._meta.db_table
        rows = list(model.objects.exclude(**{field: ""}))
        for obj in rows:
            plain = crypto.decrypt(
                getattr(obj, field), context=crypto.bound_to(table, column, _row(obj))
            )
            setattr(obj, field, crypto.encrypt(plain, context=old_context))
        model.objects.bulk_update(rows, [field], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("members", "0006_member_left_on")]

    operations = [migrations.RunPython(rebind, unbind, elidable=False)]
