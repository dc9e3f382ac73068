"""Quotas of volunteers per district/county, zone and industry union and year (VOL-2, 附件1):
set one by one, or imported from a sheet in 附件1's form (序号, 区市县、产业工会, 人数, 备注,
under a title and above a total row). An import is all or nothing: any bad row and nothing is
written, every bad row reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.service import service
from zhigong.core.sheets.columns import Column, ColumnSet
from zhigong.core.sheets.errors import RowError, UnreadableSheet, place
from zhigong.core.sheets.reading import Reading
from zhigong.unions import policy
from zhigong.unions.models import Union
from zhigong.unions.roles import Perm
from zhigong.volunteers.levels import holds_quota
from zhigong.volunteers.models import VolunteerQuota

COLUMNS = ColumnSet(
    (
        Column(
            "union",
            "union",
            "区市县、产业工会",
            True,
            ("工会", "单位", "区市县产业工会", "工会名称"),
        ),
        Column("count", "count", "人数", True, ("名额", "人数名额", "分配名额")),
        Column("note", "note", "备注", False),
    )
)
MAX_COUNT = 1_000_000


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise DomainError(_("年度无效。"), fields={"year": _("请填写 2000 到 2100 之间的年份。")})


def allocates(user: Actor, union: Union) -> bool:
    """Quotas are allocated from above: ``volunteer.quota`` over the union, held at a union
    above it (a district's administrator never sets their own district's quota)."""
    return any(
        union.path.startswith(path) and union.path != path
        for path in policy.scope_paths(user, Perm.VOLUNTEER_QUOTA)
    )


@service
def quota_set(
    *, actor: Actor, union: Union, year: int, count: int, note: str = ""
) -> VolunteerQuota:
    policy.require_perm(actor, Perm.VOLUNTEER_QUOTA, union)
    if not allocates(actor, union):
        raise PermissionDenied(_("名额由上级工会分配，不能为本工会设置名额。"))
    if not holds_quota(union):
        message = _("名额只分配给区（县）总工会、开发区工会和产业工会。")
        raise DomainError(message, fields={"union": message})
    _check_year(year)
    if not 0 <= count <= MAX_COUNT:
        raise DomainError(_("人数无效。"), fields={"count": _("请填写 0 或正整数。")})
    quota = VolunteerQuota.objects.select_for_update().filter(union=union, year=year).first()
    before = quota.count if quota is not None else None
    if quota is None:
        quota = VolunteerQuota(union=union, year=year)
    quota.count, quota.note = count, note.strip()[:200]
    quota.save()
    audit_record(
        actor=actor,
        action="volunteer_quota.set",
        target=quota,
        union=union,
        changes={"count": [before, count], "year": [None, year]},
    )
    return quota


@dataclass
class QuotaImport:
    """What an import found: the rows it would write (or wrote), and every error."""

    rows: list[tuple[Union, int, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def total(self) -> int:
        return sum(count for _union, count, _note in self.rows)


def _count(text: str) -> int | None:
    digits = text.strip().replace(",", "").replace("，", "")
    if digits.endswith(".0"):
        digits = digits[:-2]
    return int(digits) if digits.isdigit() and int(digits) <= MAX_COUNT else None


def quota_sheet_read(user: Actor, source: IO[bytes] | Path, filename: str) -> QuotaImport:
    """Check every row of a sheet in 附件1's form; nothing is written."""
    found = QuotaImport()
    unions: dict[str, Union] = {}
    for candidate in policy.unions_with_perm(user, Perm.VOLUNTEER_QUOTA).filter(is_active=True):
        if holds_quota(candidate) and allocates(user, candidate):
            unions.setdefault(candidate.name, candidate)
            if candidate.short_name:
                unions.setdefault(candidate.short_name, candidate)
    seen: dict[int, tuple[int, str]] = {}
    try:
        reading = Reading(source, filename, COLUMNS)
        for sheet in reading.sheets():
            for number, (name, count_text, note) in sheet.records():
                column = sheet.layout.column
                union = unions.get("".join(name.split()))
                if union is None:
                    found.errors.append(
                        RowError(
                            number,
                            column("union"),
                            name,
                            _(
                                "找不到名为“%(name)s”的区（县）总工会、开发区或产业工会（或不在您的范围内）。"
                            )
                            % {"name": name},
                            sheet.name,
                        )
                    )
                elif union.pk in seen:
                    other, other_sheet = seen[union.pk]
                    found.errors.append(
                        RowError(
                            number,
                            column("union"),
                            name,
                            _("与%(where)s重复。")
                            % {
                                "where": place(
                                    other, other_sheet if other_sheet != sheet.name else ""
                                )
                            },
                            sheet.name,
                        )
                    )
                count = _count(str(count_text))
                if count is None:
                    found.errors.append(
                        RowError(
                            number,
                            column("count"),
                            str(count_text),
                            _("人数应为 0 或正整数。"),
                            sheet.name,
                        )
                    )
                if union is not None and count is not None and union.pk not in seen:
                    found.rows.append((union, count, note.strip()[:200]))
                if union is not None:
                    seen.setdefault(union.pk, (number, sheet.name))
        found.errors.extend(reading.errors)
    except UnreadableSheet as exc:
        found.errors.append(RowError(0, "", "", str(exc.message)))
    if not found.rows and not found.errors:
        found.errors.append(RowError(0, "", "", _("表格里没有名额数据。")))
    return found


@service
def quota_import(
    *, actor: Actor, source: IO[bytes] | Path, filename: str, year: int
) -> QuotaImport:
    """Import a sheet in 附件1's form for ``year``: every row, or none."""
    if not policy.holds(actor, Perm.VOLUNTEER_QUOTA):
        raise NotFound()
    _check_year(year)
    found = quota_sheet_read(actor, source, filename)
    if found.errors:
        return found
    for union, count, note in found.rows:
        quota_set(actor=actor, union=union, year=year, count=count, note=note)
    found.written = True
    return found
