"""The audit chain's models move to ``core`` (every service, ``core``'s own ``transition()``
included, writes to it). Only Django's record of the models moves; the tables stay as they are
(``core.0003`` takes them over under the same names)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_accesslog"),
        # members.0003 reads the audit log through this app's state: it runs first.
        ("members", "0003_transfer_decision_reason"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AccessLog"),
                migrations.DeleteModel(name="AuditEvent"),
            ],
            database_operations=[],
        )
    ]
