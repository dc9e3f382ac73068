"""The year's building standards per level (CTR-1..5 as data), the city's coverage targets
(CTR-6) and the model centres named each year (CTR-9).

Standards and targets are the city's: ``centre.standards`` at a root of the tree. A new year
starts as a copy of the last one (or of seed 002 when there is none), then is edited."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from zhigong.centres import catalogue, permissions
from zhigong.centres.models import CentreStandard, CoverageTarget, ModelCentre
from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record, diff
from zhigong.core.errors import DomainError, PermissionDenied
from zhigong.core.service import service
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre, Union
from zhigong.unions.roles import Perm

MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(year: int) -> int:
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise DomainError(_("年度应在 2000 到 2100 之间。"), fields={"year": _("年度无效。")})
    return int(year)


def _require_city(actor: Actor) -> None:
    if not permissions.can_set_standards(actor):
        raise PermissionDenied(_("建设标准和目标由市总工会制定。"))


@service
def standards_start_year(*, actor: Actor, year: int) -> list[CentreStandard]:
    """The standards of ``year`` for every level not yet there: a copy of the latest earlier
    year's, or seed 002's."""
    _require_city(actor)
    year = _year(year)
    made = []
    for level in ServiceCentre.Level.values:
        if CentreStandard.objects.filter(year=year, level=level).exists():
            continue
        last = CentreStandard.objects.filter(level=level, year__lt=year).order_by("-year").first()
        values = (
            {
                "min_area": last.min_area,
                "min_hall_area": last.min_hall_area,
                "basic_services": list(last.basic_services),
                "optional_services": list(last.optional_services),
                "essentials": list(last.essentials),
                "notices": list(last.notices),
                "rules": list(last.rules),
            }
            if last
            else catalogue.seed_standard(level)
        )
        standard = CentreStandard.objects.create(year=year, level=level, **values)
        audit_record(
            actor=actor,
            action="centre_standard.start",
            target=standard,
            changes={"year": [None, year], "level": [None, level]},
        )
        made.append(standard)
    return made


@dataclass
class StandardInput:
    min_area: Decimal
    min_hall_area: Decimal | None = None
    basic_services: list[str] = field(default_factory=list)
    optional_services: list[str] = field(default_factory=list)
    essentials: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


@service
def standard_update(
    *, actor: Actor, standard: CentreStandard, data: StandardInput
) -> CentreStandard:
    _require_city(actor)
    problems: dict[str, str] = {}
    if data.min_area is None or not Decimal(0) <= data.min_area <= Decimal("999999"):
        problems["min_area"] = _("面积应在 0 到 999999 平方米之间。")
    if data.min_hall_area is not None and not Decimal(0) <= data.min_hall_area <= Decimal("999999"):
        problems["min_hall_area"] = _("面积应在 0 到 999999 平方米之间。")
    lists = {
        "basic_services": "services",
        "optional_services": "services",
        "essentials": "essentials",
        "notices": "notices",
        "rules": "rules",
    }
    for key, cat in lists.items():
        known = catalogue.CATALOGUES[cat]
        if any(k not in known for k in getattr(data, key)):
            problems[key] = _("含有未知的项目。")
    if set(data.basic_services) & set(data.optional_services):
        problems["optional_services"] = _("同一项目不能既是基本服务又是拓展服务。")
    if problems:
        raise DomainError(_("请检查标出的字段。"), fields=problems)
    locked = CentreStandard.objects.select_for_update().get(pk=standard.pk)
    fields = ["min_area", "min_hall_area", *lists]
    before = {k: getattr(locked, k) for k in fields}
    for key in fields:
        value = getattr(data, key)
        if key in lists:
            order = list(catalogue.CATALOGUES[lists[key]])
            value = [k for k in order if k in set(value)]
        setattr(locked, key, value)
    locked.save()
    after = {k: getattr(locked, k) for k in fields}
    audit_record(
        actor=actor,
        action="centre_standard.update",
        target=locked,
        changes=diff(_plain(before), _plain(after)),
    )
    return locked


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}


@service
def target_set(
    *, actor: Actor, union: Union, year: int, measure: str, value: Decimal
) -> CoverageTarget:
    """The city's target of ``measure`` for ``year`` (a share in % or a number of
    enterprises)."""
    if union not in permissions.city_unions(actor):
        policy.require(False, user=actor, union=union)
    year = _year(year)
    if measure not in CoverageTarget.Measure.values:
        raise DomainError(_("未知的指标。"), fields={"measure": _("未知的指标。")})
    share = measure != CoverageTarget.Measure.ENTERPRISES_COVERED
    if value is None or value < 0 or (share and value > 100) or value > Decimal("999999"):
        message = _("比例应在 0 到 100 之间。") if share else _("企业数应在 0 到 999999 之间。")
        raise DomainError(message, fields={"value": message})
    row = (
        CoverageTarget.objects.select_for_update()
        .filter(union=union, year=year, measure=measure)
        .first()
    )
    before = str(row.value) if row else None
    if row is None:
        row = CoverageTarget.objects.create(union=union, year=year, measure=measure, value=value)
    else:
        row.value = value
        row.save(update_fields=["value", "updated_at"])
    audit_record(
        actor=actor,
        action="centre_target.set",
        target=row,
        union=union,
        changes={
            "year": [year, year],
            "measure": [measure, measure],
            "value": [before, str(value)],
        },
    )
    return row


@service
def model_centre_name(
    *, actor: Actor, union: Union, centre: ServiceCentre, year: int, note: str = ""
) -> ModelCentre:
    """A district, bureau or industry union names a centre of its subtree its model centre of
    ``year`` (CTR-9)."""
    policy.require_perm(actor, Perm.CENTRE_MANAGE, union)
    year = _year(year)
    if not permissions.names_model_centres(union):
        raise DomainError(_("示范职工服务中心由区、局（总公司）、产业工会评选。"))
    if not centre.union.path.startswith(union.path) or not centre.is_active:
        message = _("只能从本系统（单位）的有效服务中心（站）中评选。")
        raise DomainError(message, fields={"centre": message})
    if ModelCentre.objects.filter(centre=centre, year=year).exists():
        message = _("该服务中心已是本年度的示范职工服务中心。")
        raise DomainError(message, fields={"centre": message})
    row = ModelCentre.objects.create(union=union, centre=centre, year=year, note=note.strip()[:255])
    audit_record(
        actor=actor,
        action="model_centre.name",
        target=row,
        union=union,
        changes={"centre": [None, centre.name], "year": [None, year]},
    )
    return row
