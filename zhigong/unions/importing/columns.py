"""The columns of a union import, in Chinese and English."""

from __future__ import annotations

from zhigong.core.sheets.columns import Column, ColumnSet

COLUMNS = ColumnSet(
    (
        Column("code", "code", "编码", True, ("工会编码",)),
        Column("name", "name", "名称", True, ("工会名称",)),
        Column("short_name", "short_name", "简称", False, ("工会简称",)),
        Column("kind", "kind", "类型", True, ("工会类型",)),
        Column("level", "level", "级别", False, ("工会级别",)),
        Column("parent_code", "parent_code", "上级编码", True, ("上级工会编码", "parent")),
        Column(
            "region_code", "region_code", "行政区划代码", False, ("行政区划", "区划代码", "region")
        ),
    )
)
