"""The columns of a member roster, in Chinese and English."""

from __future__ import annotations

from zhigong.unions.importing.rows import Column, header_key

COLUMNS: tuple[Column, ...] = (
    Column("name", "name", "姓名", True, ("会员姓名",)),
    Column("gender", "gender", "性别", False, ("sex",)),
    Column("id_number", "id_number", "身份证号", True, ("身份证号码", "公民身份号码", "id")),
    Column("phone", "phone", "手机号", False, ("手机号码", "手机", "联系电话", "mobile")),
    Column("ethnicity", "ethnicity", "民族", False),
    Column("political_status", "political_status", "政治面貌", False),
    Column("education", "education", "学历", False, ("文化程度",)),
    Column("union_code", "union_code", "工作单位编码", False, ("工会编码", "单位编码", "union")),
    Column("joined_on", "joined_on", "入会日期", True, ("入会时间",)),
    Column("job", "job", "岗位", False, ("职务", "岗位职务")),
)
COLUMN_BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}
FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS)
# Cells whose values are personal: masked in every report and message.
PERSONAL_FIELDS = frozenset({"id_number", "phone"})

HEADER_FIELDS: dict[str, str] = {
    header_key(name): column.field
    for column in COLUMNS
    for name in (column.english, column.chinese, *column.aliases)
}
