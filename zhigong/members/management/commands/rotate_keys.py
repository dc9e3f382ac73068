"""Re-encrypt every ciphertext that is not under the current key, in batches, while the site runs.

    python manage.py rotate_keys [--batch 5000]

Put the new key first in ``ZHIGONG_ENCRYPTION_KEYS`` (keep the old ones after it so they can
still decrypt), deploy, then run this. Rows are chosen by their key-id prefix ("<keyid>$"),
so the command can be interrupted and run again: it carries on where it stopped. Each batch
is its own transaction, and each row is written only if it still holds the value that was
read (a row the site changed meanwhile is already under the current key). Blind indexes are
keyed separately and do not change. When it reports nothing left, the old key can go.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction
from django.db.models import Q

from zhigong.core import crypto

ENCRYPTED = "_encrypted"


def targets() -> list[tuple[type[models.Model], str, str]]:
    """(model, ciphertext field, the column it is bound to) of every encrypted column of
    every installed app: by convention a field ``<column>_encrypted`` on a model that says how
    its ciphertexts are bound (``sealing_context(column)``), so a new service's personal
    data are rotated without anyone remembering to list them here (a test holds the
    convention)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name.endswith(ENCRYPTED):
                found.append((model, field.name, field.name.removesuffix(ENCRYPTED)))
    return sorted(found, key=lambda t: (t[0]._meta.label, t[1]))


def stale(model: type[models.Model], field: str, current: str) -> models.QuerySet[Any]:
    """Rows whose ciphertext is not under the current key (empty values are skipped)."""
    return model._default_manager.exclude(
        Q(**{f"{field}__startswith": f"{current}$"}) | Q(**{field: ""})
    )


def rotate_batch(
    model: type[models.Model], field: str, column: str, *, after: Any, batch: int
) -> tuple[int, Any]:
    """Re-encrypt up to ``batch`` stale rows with a primary key above ``after``, each under
    its own cell's binding.

    Returns (rows rewritten, last primary key seen); the last key is None when none were left.
    """
    current = crypto.key_ring().current_id
    with transaction.atomic():
        rows = list(stale(model, field, current).filter(pk__gt=after).order_by("pk")[:batch])
        if not rows:
            return 0, None
        done = 0
        manager = model._default_manager
        for row in rows:
            old = getattr(row, field)
            context = row.sealing_context(column)
            new = crypto.encrypt(crypto.decrypt(old, context=context), context=context)
            done += manager.filter(pk=row.pk, **{field: old}).update(**{field: new})
    return done, rows[-1].pk


def rotate_all(batch: int = 5000, out: Any = None) -> dict[str, int]:
    """Rotate every target; returns rows rewritten per "Model.field"."""
    current = crypto.key_ring().current_id
    result: dict[str, int] = {}
    for model, field, column in targets():
        label = f"{model.__name__}.{field}"
        total = stale(model, field, current).count()
        done = 0
        after: Any = 0
        if out is not None:
            out(f"{label}: {total} 条待重新加密")
        while total:
            count, last = rotate_batch(model, field, column, after=after, batch=batch)
            if last is None:
                break
            done += count
            after = last
            if out is not None:
                out(f"  {label}: {done}/{total}")
        result[label] = done
    return result


class Command(BaseCommand):
    help = "用当前密钥重新加密所有旧密钥下的密文（分批进行，可中断后继续）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=5000, help="每批行数（默认 5000）")

    def handle(self, *args: Any, batch: int, **options: Any) -> None:
        current = crypto.key_ring().current_id
        self.stdout.write(f"当前密钥：{current}")
        result = rotate_all(batch=max(1, batch), out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"完成，共重新加密 {sum(result.values())} 条。"))
