"""The audit chain's models, taken over from the ``audit`` app under their old table names
(``audit.0003`` drops them from that app's state; no table is touched)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_load_holidays"),
        ("audit", "0003_chain_moves_to_core"),
        ("unions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("seq", models.PositiveBigIntegerField(unique=True)),
                        ("occurred_at", models.DateTimeField(db_index=True, verbose_name="时间")),
                        ("actor_label", models.CharField(max_length=150, verbose_name="操作人")),
                        (
                            "action",
                            models.CharField(db_index=True, max_length=64, verbose_name="操作"),
                        ),
                        ("target_type", models.CharField(max_length=64, verbose_name="对象类型")),
                        ("target_id", models.CharField(max_length=64, verbose_name="对象")),
                        (
                            "target_label",
                            models.CharField(blank=True, max_length=255, verbose_name="对象名称"),
                        ),
                        ("union_path", models.CharField(blank=True, db_index=True, max_length=255)),
                        ("reason", models.TextField(blank=True, verbose_name="理由")),
                        (
                            "changes",
                            models.JSONField(blank=True, default=dict, verbose_name="变更"),
                        ),
                        ("prev_hash", models.CharField(max_length=64)),
                        ("hash", models.CharField(max_length=64, unique=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "union",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="unions.union",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "审计事件",
                        "verbose_name_plural": "审计事件",
                        "ordering": ["-seq"],
                        "db_table": "audit_auditevent",
                    },
                ),
                migrations.CreateModel(
                    name="AccessLog",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="时间"
                            ),
                        ),
                        ("actor_label", models.CharField(max_length=150, verbose_name="查看人")),
                        ("subject_type", models.CharField(max_length=64)),
                        ("subject_id", models.CharField(max_length=64)),
                        (
                            "subject_label",
                            models.CharField(blank=True, max_length=255, verbose_name="对象"),
                        ),
                        ("fields", models.CharField(max_length=128, verbose_name="字段")),
                        ("reason", models.TextField(verbose_name="理由")),
                        ("union_path", models.CharField(blank=True, db_index=True, max_length=255)),
                        (
                            "channel",
                            models.CharField(default="page", max_length=16, verbose_name="渠道"),
                        ),
                        (
                            "actor",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "敏感信息查看记录",
                        "verbose_name_plural": "敏感信息查看记录",
                        "ordering": ["-at"],
                        "db_table": "audit_accesslog",
                    },
                ),
            ],
            database_operations=[],
        )
    ]
