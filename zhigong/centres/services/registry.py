"""The registry of centres and stations (ORG-3, CTR-1..5): register, edit, the six essentials
with a photo each, the management rules as documents. A union's staff with ``centre.manage``
register centres for the unions of their subtree; another district's centre is unknown."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zhigong.centres import catalogue, files, permissions
from zhigong.centres.models import CentreEssential, CentreRule
from zhigong.centres.naming import name_problem
from zhigong.core import private_files, regions
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record, diff
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre, Union
from zhigong.unions.roles import Perm

MAX_AREA = Decimal("999999.99")


@dataclass
class CentreInput:
    """What a clerk types about a centre (the register and edit forms, the API)."""

    name: str
    kind: str = ServiceCentre.Kind.CENTRE
    level: str = ServiceCentre.Level.STREET
    address: str = ""
    region_code: str = ""
    opening_hours: str = ""
    hotline: str = ""
    total_area: Decimal | None = None
    hall_area: Decimal | None = None
    staff_full_time: int = 0
    staff_part_time: int = 0
    staff_volunteers: int = 0
    staff_public_posts: int = 0
    services: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    funding_share: Decimal | None = None
    is_active: bool = True


def _clean(data: CentreInput) -> dict[str, Any]:
    """The fields to write, or every problem at once (nothing written)."""
    problems: dict[str, str] = {}
    name = (data.name or "").strip()
    if data.kind not in ServiceCentre.Kind.values:
        problems["kind"] = _("请选择服务中心或工作站。")
    elif problem := name_problem(data.kind, name):
        problems["name"] = problem
    if data.level not in ServiceCentre.Level.values:
        problems["level"] = _("请选择建设标准层级。")
    code = (data.region_code or "").strip()
    if code and regions.region(code) is None:
        problems["region_code"] = _("“%(code)s”不是有效的行政区划代码（GB/T 2260，6 位数字）。") % {
            "code": code
        }
    for key in ("total_area", "hall_area"):
        value = getattr(data, key)
        if value is not None and not (Decimal(0) <= value <= MAX_AREA):
            problems[key] = _("面积应在 0 到 999999.99 平方米之间。")
    if (
        data.total_area is not None
        and data.hall_area is not None
        and "hall_area" not in problems
        and data.hall_area > data.total_area
    ):
        problems["hall_area"] = _("服务大厅面积不能大于总面积。")
    for key in ("staff_full_time", "staff_part_time", "staff_volunteers", "staff_public_posts"):
        if not 0 <= int(getattr(data, key) or 0) <= 100000:
            problems[key] = _("人数应在 0 到 100000 之间。")
    if data.funding_share is not None and not (Decimal(0) <= data.funding_share <= 100):
        problems["funding_share"] = _("比例应在 0 到 100 之间。")
    for key, cat in (("services", catalogue.SERVICES), ("notices", catalogue.NOTICES)):
        unknown = [k for k in getattr(data, key) if k not in cat]
        if unknown:
            problems[key] = _("未知的项目：%(keys)s。") % {"keys": "、".join(unknown)}
    if problems:
        raise DomainError(_("请检查标出的字段。"), fields=problems)
    values = asdict(data)
    values.update(
        name=name,
        address=data.address.strip(),
        region_code=code,
        opening_hours=data.opening_hours.strip(),
        hotline=data.hotline.strip(),
        services=[k for k in catalogue.SERVICES if k in set(data.services)],
        notices=[k for k in catalogue.NOTICES if k in set(data.notices)],
    )
    return values


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}


@service
def centre_register(*, actor: Actor, union: Union, data: CentreInput) -> ServiceCentre:
    policy.require_perm(actor, Perm.CENTRE_MANAGE, union)
    values = _clean(data)
    centre = ServiceCentre.objects.create(union=union, **values)
    audit_record(
        actor=actor,
        action="centre.register",
        target=centre,
        union=union,
        changes=diff({}, _plain(values)),
    )
    return centre


@service
def centre_update(*, actor: Actor, centre: ServiceCentre, data: CentreInput) -> ServiceCentre:
    permissions.require(permissions.can_manage(actor, centre), user=actor, centre=centre)
    values = _clean(data)
    locked = ServiceCentre.objects.select_for_update().get(pk=centre.pk)
    before = {k: getattr(locked, k) for k in values}
    for key, value in values.items():
        setattr(locked, key, value)
    locked.save()
    audit_record(
        actor=actor,
        action="centre.update",
        target=locked,
        union=locked.union,
        changes=diff(_plain(before), _plain(values)),
    )
    return locked


@service
def essential_record(
    *, actor: Actor, centre: ServiceCentre, key: str, present: bool, photo: Any = None
) -> CentreEssential:
    """Say whether the centre has one of the six essentials; a photo (JPG/PNG) is its
    evidence and replaces the one before."""
    permissions.require(permissions.can_manage(actor, centre), user=actor, centre=centre)
    if key not in catalogue.ESSENTIALS:
        raise DomainError(_("未知的“六有”项目。"), fields={"key": _("未知的“六有”项目。")})
    upload = (
        private_files.check_upload(photo, field="photo", accept=private_files.IMAGES)
        if photo is not None
        else None
    )
    row, _created = CentreEssential.objects.select_for_update().get_or_create(
        centre=centre, key=key
    )
    before = {"present": row.present, "photo": bool(row.photo_path)}
    row.present = present
    old_photo = row.photo_path

    def keep(checked: private_files.Upload, stored: Any) -> CentreEssential:
        row.photo_path, row.photo_type = str(stored), checked.content_type
        return row

    if upload is not None:
        private_files.store_each(files.centre_dir(centre.pk), [upload], keep)
    row.save()
    audit_record(
        actor=actor,
        action="centre.essential",
        target=centre,
        union=centre.union,
        changes=diff(before, {"present": present, "photo": bool(row.photo_path)})
        | {"key": [key, key]},
    )
    if upload is not None and old_photo:
        private_files.remove([Path(old_photo)])
    return row


@service
def rule_upload(*, actor: Actor, centre: ServiceCentre, key: str, document: Any) -> CentreRule:
    """File one of the management rules the centre has (CTR-5): a PDF, JPG or PNG."""
    permissions.require(permissions.can_manage(actor, centre), user=actor, centre=centre)
    if key not in catalogue.RULES:
        raise DomainError(_("未知的管理制度。"), fields={"key": _("未知的管理制度。")})
    if document is None:
        raise DomainError(_("请选择文件。"), fields={"document": _("请选择文件。")})
    upload = private_files.check_upload(document, field="document")

    def keep(checked: private_files.Upload, stored: Any) -> CentreRule:
        return CentreRule.objects.create(
            centre=centre,
            key=key,
            file_name=checked.name,
            file_path=str(stored),
            file_type=checked.content_type,
            uploaded_by=acting_user(actor),
        )

    (rule,) = private_files.store_each(files.centre_dir(centre.pk), [upload], keep)
    audit_record(
        actor=actor,
        action="centre.rule",
        target=centre,
        union=centre.union,
        changes={"rule": ["", key], "file": ["", rule.file_name]},
    )
    return rule
