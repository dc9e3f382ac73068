"""Masking of personal data for every place a value is shown: pages, lists, exports, logs."""

from __future__ import annotations


def mask_id_number(value: str | None) -> str:
    """``420102199001011234`` → ``420102********1234``."""
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str:
    """``13812345678`` → ``138****5678``."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str | None) -> str:
    """``张三丰`` → ``张*丰``; ``李四`` → ``李*``."""
    if not value:
        return ""
    if len(value) == 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


MASKERS = {"id_number": mask_id_number, "phone": mask_phone, "name": mask_name}
