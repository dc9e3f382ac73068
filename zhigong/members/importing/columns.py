"""The columns of a member roster, in Chinese and English."""

from __future__ import annotations

from zhigong.core.sheets.columns import Column, ColumnSet

COLUMNS = ColumnSet(
    (
        Column("name", "name", "姓名", True, ("会员姓名",)),
        Column("gender", "gender", "性别", False, ("sex",)),
        # Text only: an ID number Excel stored as a number has lost its last digits.
        Column(
            "id_number",
            "id_number",
            "身份证号",
            True,
            ("身份证号码", "公民身份号码", "id"),
            text_only=True,
        ),
        # 联系电话 is often the mobile, but may be a landline beside a 手机号码 column.
        Column("phone", "phone", "手机号", False, ("手机号码", "手机", "mobile"), ("联系电话",)),
        Column("ethnicity", "ethnicity", "民族", False),
        Column("political_status", "political_status", "政治面貌", False),
        Column("education", "education", "学历", False, ("文化程度",)),
        Column(
            "union_code", "union_code", "工作单位编码", False, ("工会编码", "单位编码", "union")
        ),
        Column("joined_on", "joined_on", "入会日期", True, ("入会时间",)),
        # 职务 (a title: 主任, 科长) is the job only when the sheet has no 岗位 column.
        Column("job", "job", "岗位", False, ("岗位职务",), ("职务",)),
    )
)
FIELDS: tuple[str, ...] = COLUMNS.fields
# Cells whose values are personal: masked in every report and message.
PERSONAL_FIELDS = frozenset({"id_number", "phone"})
