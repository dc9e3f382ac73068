"""Role grants move here from ``accounts``, next to the policy that reads them. Only Django's
record of the model moves (``accounts.0002`` drops it there); the table keeps its name."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("unions", "0001_initial"),
        ("accounts", "0002_rolegrant_moves_to_unions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RoleGrant",
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
                            "role",
                            models.CharField(
                                choices=[
                                    ("federation_admin", "总工会管理员"),
                                    ("department_staff", "部门工作人员"),
                                    ("centre_staff", "服务中心工作人员"),
                                    ("grassroots_officer", "基层工会干部"),
                                    ("legal_volunteer", "法律志愿者"),
                                    ("member", "会员"),
                                ],
                                max_length=32,
                                verbose_name="角色",
                            ),
                        ),
                        (
                            "granted_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="授予时间"),
                        ),
                        (
                            "revoked_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="撤销时间"),
                        ),
                        (
                            "department",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="grants",
                                to="unions.department",
                            ),
                        ),
                        (
                            "granted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "revoked_by",
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
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="grants",
                                to="unions.union",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="role_grants",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "accounts_rolegrant",
                        "verbose_name": "角色授权",
                        "verbose_name_plural": "角色授权",
                        "indexes": [
                            models.Index(
                                fields=["user", "revoked_at"], name="accounts_ro_user_id_4b6996_idx"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
