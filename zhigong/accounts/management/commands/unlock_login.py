"""``manage.py unlock_login USERNAME --reason …``: lift an account's lock-out before its time
(the person proved who they are some other way). Audited, as the admin action is."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhigong.accounts.models import User
from zhigong.accounts.services import login_unlock
from zhigong.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Lift a login lock-out (audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="why (recorded in the audit log)")

    def handle(self, *args: Any, username: str, reason: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为 {username} 的账号。")
        lifted = login_unlock(actor=SYSTEM, user=user, reason=reason)
        self.stdout.write("已解除锁定。" if lifted else "该账号没有被锁定。")
