"""Create a card-verifier credential for a merchant or an event desk; the key prints once.

python manage.py create_card_verifier NAME UNION_CODE
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhigong.core.actors import SYSTEM
from zhigong.members.services.cards import card_verifier_create
from zhigong.unions.models import Union


class Command(BaseCommand):
    help = "新建验卡终端密钥（商家、活动签到处使用），密钥只显示一次。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="名称，例如“某某超市收银台”")
        parser.add_argument("union_code", help="所属工会编码")

    def handle(self, *args: Any, name: str, union_code: str, **options: Any) -> None:
        union = Union.objects.filter(code=union_code).first()
        if union is None:
            raise CommandError(f"找不到工会 {union_code}")
        if not name.strip():
            raise CommandError("名称不能为空")
        verifier, key = card_verifier_create(actor=SYSTEM, name=name, union=union)
        self.stdout.write(f"已创建验卡终端 #{verifier.pk}“{verifier.name}”（{union.name}）")
        self.stdout.write("密钥（只显示这一次，请立即保存）：")
        self.stdout.write(key)
