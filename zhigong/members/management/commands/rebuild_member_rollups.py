"""``manage.py rebuild_member_rollups``: recompute the member figures of every union."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from zhigong.members.figures import counting


class Command(BaseCommand):
    help = "从会员表重新计算每个工会（含全部下级）的会员统计。可随时运行，每晚自动运行一次。"

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rows = counting.rebuild()
        self.stdout.write(
            _("会员统计已重建：共 %(rows)d 行，用时 %(seconds).2f 秒。")
            % {"rows": rows, "seconds": time.perf_counter() - started}
        )
