"""Role grants move to ``unions`` (``unions.0002`` takes the model over; the table stays)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RoleGrant")],
            database_operations=[],
        )
    ]
