"""Print the role→permission table as Markdown (docs/permissions.md is this output)."""

from typing import Any

from django.core.management.base import BaseCommand

from zhigong.unions.roles import permissions_table_markdown


class Command(BaseCommand):
    help = "Print the role→permission table as Markdown."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(permissions_table_markdown(), ending="")
