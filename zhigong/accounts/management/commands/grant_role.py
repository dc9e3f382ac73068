"""Grant a role from the command line: how the first federation administrator is made."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zhigong.accounts.models import User
from zhigong.accounts.services import role_grant, user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.unions.models import Department, Union
from zhigong.unions.roles import Role


class Command(BaseCommand):
    help = "授予角色 Grant ROLE at UNION_CODE to USERNAME (optionally creating the user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("union_code")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--department", help="部门类别 department kind, e.g. legal")
        parser.add_argument("--create", action="store_true", help="create the user if missing")
        parser.add_argument("--password", help="password for a new user")
        parser.add_argument("--full-name", default="", help="姓名 for a new user")
        parser.add_argument("--phone", default="", help="手机号 for a new user")

    @transaction.atomic
    def handle(self, *args: Any, **opts: Any) -> None:
        union = Union.objects.filter(code=opts["union_code"]).first()
        if union is None:
            raise CommandError(f"找不到工会编码 {opts['union_code']}")
        department = None
        if opts["department"]:
            department = Department.objects.filter(union=union, kind=opts["department"]).first()
            if department is None:
                raise CommandError(f"{union.name} 没有部门 {opts['department']}")
        user = User.objects.filter(username=opts["username"]).first()
        try:
            if user is None:
                if not opts["create"]:
                    raise CommandError(f"用户 {opts['username']} 不存在；加 --create 创建")
                if not opts["password"]:
                    raise CommandError("新用户需要 --password")
                user = user_create(
                    actor=SYSTEM,
                    username=opts["username"],
                    password=opts["password"],
                    full_name=opts["full_name"],
                    phone=opts["phone"],
                    union=union,
                )
                self.stdout.write(f"已创建用户 {user.username}")
            grant = role_grant(
                actor=SYSTEM,
                user=user,
                union=union,
                role=opts["role"],
                department=department,
                reason="grant_role command",
            )
        except DomainError as exc:
            details = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已授予 {user.username} 在 {union.name}（{union.code}）的角色 {grant.get_role_display()}"
            )
        )
