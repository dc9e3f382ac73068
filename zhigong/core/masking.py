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


def mask_given_name(value: str | None) -> str:
    """``张三丰`` → ``张**``: the surname only, for a public page (a worker's appeal)."""
    if not value:
        return ""
    return value[0] + "*" * max(len(value) - 1, 1)


def mask_address(value: str | None) -> str:
    """``武汉市江岸区解放大道1234号`` → ``武汉市江岸区****``: down to the district at most (the
    first 区/县/市 within the first ten characters), never the street number."""
    if not value:
        return ""
    head = value[:10]
    cut = max(head.rfind(c) for c in "区县市")
    return (value[: cut + 1] if cut >= 0 else value[:3]) + "****"
