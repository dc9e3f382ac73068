"""A login's encrypted phone is bound to its username (table, column and row as AES-GCM
associated data), no longer to the column alone; existing values are re-encrypted."""

from django.db import migrations

from zhigong.core import crypto

OLD = "user.phone"


def rebind(apps, schema_editor):
    user_model = apps.get_model("accounts", "User")
    table = user_model._meta.db_table
    rows = list(user_model.objects.exclude(phone_encrypted=""))
    for user in rows:
        plain = crypto.decrypt(user.phone_encrypted, context=OLD)
        user.phone_encrypted = crypto.encrypt(
            plain, context=crypto.bound_to(table, "phone", user.username)
        )
    user_model.objects.bulk_update(rows, ["phone_encrypted"], batch_size=2000)


def unbind(apps, schema_editor):
    user_model = apps.get_model("accounts", "User")
    table = user_model._meta.db_table
    rows = list(user_model.objects.exclude(phone_encrypted=""))
    for user in rows:
        context = crypto.bound_to(table, "phone", user.username)
        plain = crypto.decrypt(user.phone_encrypted, context=context)
        user.phone_encrypted = crypto.encrypt(plain, context=OLD)
    user_model.objects.bulk_update(rows, ["phone_encrypted"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_token_revocation")]

    operations = [migrations.RunPython(rebind, unbind, elidable=False)]
