"""The audit chains become keyed (HMAC with ZHIGONG_AUDIT_KEY, which is not in the
database), the access log becomes a chain too, references to accounts and unions are
protected (nulling one would change a chained row), and on PostgreSQL both tables refuse
UPDATE and DELETE.

The existing audit chain is checked with its old, unkeyed hashes before it is rehashed:
a chain that was already broken is not silently blessed (run ``manage.py audit_verify`` on
the previous version to see where).
"""

import hashlib
import hmac
import json

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GENESIS = "0" * 64
BATCH = 5000


def _body(payload):
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)


def _keyed(prev, payload):
    message = f"{prev}|{_body(payload)}".encode()
    return hmac.new(settings.ZHIGONG_AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def _event_payload(e):
    return {
        "seq": e.seq,
        "occurred_at": e.occurred_at.isoformat(),
        "actor_id": e.actor_id,
        "actor_label": e.actor_label,
        "action": e.action,
        "target_type": e.target_type,
        "target_id": e.target_id,
        "target_label": e.target_label,
        "union_id": e.union_id,
        "union_path": e.union_path,
        "reason": e.reason,
        "changes": e.changes,
    }


def _access_payload(a):
    return {
        "seq": a.seq,
        "at": a.at.isoformat(),
        "actor_id": a.actor_id,
        "actor_label": a.actor_label,
        "subject_type": a.subject_type,
        "subject_id": a.subject_id,
        "subject_label": a.subject_label,
        "fields": a.fields,
        "reason": a.reason,
        "union_path": a.union_path,
        "channel": a.channel,
    }


def rechain(apps, schema_editor):
    event_model = apps.get_model("core", "AuditEvent")
    old_prev, new_prev, last = GENESIS, GENESIS, 0
    while True:
        rows = list(event_model.objects.filter(seq__gt=last).order_by("seq")[:BATCH])
        if not rows:
            break
        for e in rows:
            old = hashlib.sha256(f"{old_prev}|{_body(_event_payload(e))}".encode()).hexdigest()
            if e.prev_hash != old_prev or e.hash != old:
                raise RuntimeError(
                    f"audit event #{e.seq} does not match the unkeyed chain; it was changed "
                    "before this upgrade. Investigate with audit_verify on the previous "
                    "version before migrating."
                )
            old_prev = e.hash
            new_hash = _keyed(new_prev, _event_payload(e))
            event_model.objects.filter(pk=e.pk).update(prev_hash=new_prev, hash=new_hash)
            new_prev, last = new_hash, e.seq
    access_model = apps.get_model("core", "AccessLog")
    prev = GENESIS
    for seq, a in enumerate(access_model.objects.order_by("at", "id").iterator(), start=1):
        a.seq = seq
        new_hash = _keyed(prev, _access_payload(a))
        access_model.objects.filter(pk=a.pk).update(seq=seq, prev_hash=prev, hash=new_hash)
        prev = new_hash


APPEND_ONLY = """
CREATE OR REPLACE FUNCTION zhigong_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%% is append-only: rows are never changed or deleted', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION zhigong_append_only();
CREATE TRIGGER audit_accesslog_append_only BEFORE UPDATE OR DELETE ON audit_accesslog
    FOR EACH ROW EXECUTE FUNCTION zhigong_append_only();
"""
NOT_APPEND_ONLY = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_accesslog_append_only ON audit_accesslog;
DROP FUNCTION IF EXISTS zhigong_append_only();
"""


def append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY)


def not_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NOT_APPEND_ONLY)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_chain"),
        ("unions", "0003_figure"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="union",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="unions.union",
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="actor",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="at",
            field=models.DateTimeField(db_index=True, verbose_name="时间"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="seq",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslog",
            name="hash",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="accesslog",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="hash",
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.RunPython(append_only, not_append_only, elidable=False),
    ]
