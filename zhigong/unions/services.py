"""Every write to the union tree. Each service authorises, validates, writes and audits.

``actor`` is a ``User`` whose grants the policy module checks, or ``SYSTEM`` (a management
command run by an operator on the server, the demo): only the platform creates new roots.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record, diff
from zhigong.core.errors import Conflict, DomainError
from zhigong.core.service import service
from zhigong.unions import figures, policy, validation
from zhigong.unions.models import (
    Department,
    ServiceCentre,
    Union,
    UnionKind,
    centre_level_for,
)
from zhigong.unions.roles import DepartmentKind, Perm


def _authorise(actor: Actor, perm: Perm, union: Union | None) -> None:
    if union is None:  # a new root
        policy.require_perm_above_roots(actor, perm)
    else:
        policy.require_perm(actor, perm, union)


def _snapshot(union: Union) -> dict[str, Any]:
    return {
        "code": union.code,
        "name": union.name,
        "short_name": union.short_name,
        "kind": union.kind,
        "level": union.level,
        "region_code": union.region_code,
        "is_active": union.is_active,
        "parent": union.parent_path and _code_at(union.parent_path),
    }


def _code_at(path: str) -> str:
    return Union.objects.filter(path=path).values_list("code", flat=True).first() or ""


def _validate(*, code: str, name: str, kind: str, level: str, region_code: str) -> tuple[str, str]:
    errors: dict[str, str] = {}
    if message := validation.check_code(code):
        errors["code"] = message
    if message := validation.check_name(name):
        errors["name"] = message
    norm_kind = validation.normalise_kind(kind)
    norm_level = validation.normalise_level(level)
    errors.update(validation.check_kind_level(norm_kind, norm_level, kind, level))
    if message := validation.check_region_code(region_code):
        errors["region_code"] = message
    if errors:
        raise DomainError(_("请检查标出的字段。"), fields=errors)
    assert norm_kind is not None and norm_level is not None
    return norm_kind, norm_level


@service
def union_create(
    *,
    actor: Actor,
    parent: Union | None,
    code: str,
    name: str,
    kind: str,
    level: str = "",
    region_code: str = "",
    short_name: str = "",
    reason: str = "",
) -> Union:
    _authorise(actor, Perm.UNION_MANAGE, parent)
    code, name = code.strip(), name.strip()
    norm_kind, norm_level = _validate(
        code=code, name=name, kind=kind, level=level, region_code=region_code
    )
    if Union.objects.filter(code=code).exists():
        raise Conflict(_("编码“%(code)s”已被使用。") % {"code": code}, fields={"code": code})
    fields = {
        "code": code,
        "name": name,
        "short_name": short_name.strip(),
        "kind": norm_kind,
        "level": norm_level,
        "region_code": region_code,
    }
    union: Union  # treebeard's manager has no type hints
    if parent is None:
        union = Union.objects.add_root(create_kwargs=fields)
    else:
        parent.refresh_from_db()
        union = Union.objects.add_child(parent, create_kwargs=fields)
    audit_record(
        actor=actor,
        action="union.create",
        target=union,
        union=union,
        reason=reason,
        changes=diff({}, _snapshot(union)),
    )
    return union


@service
def union_update(
    *,
    actor: Actor,
    union: Union,
    name: str,
    short_name: str = "",
    region_code: str | None = None,
    reason: str = "",
) -> Union:
    """Rename a union (and correct its short name or region code)."""
    _authorise(actor, Perm.UNION_MANAGE, union)
    before = _snapshot(union)
    errors: dict[str, str] = {}
    if message := validation.check_name(name):
        errors["name"] = message
    if region_code is not None and (message := validation.check_region_code(region_code)):
        errors["region_code"] = message
    if errors:
        raise DomainError(_("请检查标出的字段。"), fields=errors)
    union.name = name.strip()
    union.short_name = short_name.strip()
    if region_code is not None:
        union.region_code = region_code
    union.save(update_fields=["name", "short_name", "region_code", "updated_at"])
    audit_record(
        actor=actor,
        action="union.update",
        target=union,
        union=union,
        reason=reason,
        changes=diff(before, _snapshot(union)),
    )
    return union


@service
def union_move(*, actor: Actor, union: Union, new_parent: Union, reason: str = "") -> Union:
    """Move a union (with its whole subtree) under another parent."""
    _authorise(actor, Perm.UNION_MANAGE, union)
    _authorise(actor, Perm.UNION_MANAGE, new_parent)
    union.refresh_from_db()
    new_parent.refresh_from_db()
    if new_parent.path.startswith(union.path):
        raise DomainError(
            _("不能把工会移动到它自己或它的下级之下。"),
            code="move_into_own_subtree",
            fields={"parent": _("不能移到它自己或它的下级之下。")},
        )
    if union.parent_path == new_parent.path:
        return union
    if union.depth == 1:  # moving a root under another: the whole tree changes
        policy.require_perm_above_roots(actor, Perm.UNION_MANAGE)
    before = _snapshot(union)
    old_ancestor_paths = union.ancestor_paths()
    Union.objects.move(union, new_parent, pos="last-child")
    union.refresh_from_db()
    # The subtree's figures (members, and every other topic) follow it to its new ancestors.
    figures.subtree_moved(union, old_ancestor_paths)
    audit_record(
        actor=actor,
        action="union.move",
        target=union,
        union=union,
        reason=reason,
        changes=diff(before, _snapshot(union)),
    )
    return union


@service
def union_set_active(*, actor: Actor, union: Union, active: bool, reason: str = "") -> Union:
    """Deactivate (or reactivate) a union. Deactivating needs a reason and covers the subtree."""
    _authorise(actor, Perm.UNION_MANAGE, union)
    if not active and not reason.strip():
        raise DomainError(_("停用工会必须填写理由。"), fields={"reason": _("请填写理由。")})
    if not active and any(s.path == union.path for s in policy.scopes_of(actor)):
        # Deactivating the union one's own authority hangs on would lock oneself out.
        raise DomainError(_("不能停用您自己任职的工会，请由上级办理。"), code="own_union")
    before = _snapshot(union)
    scope = Union.objects.filter(path__startswith=union.path)
    if not active:
        count = scope.filter(is_active=True).update(is_active=False)
    else:
        count = Union.objects.filter(pk=union.pk).update(is_active=True)
    union.refresh_from_db()
    changes = diff(before, _snapshot(union))
    if not active:
        changes["subtree_deactivated"] = [0, count]
    audit_record(
        actor=actor,
        action="union.activate" if active else "union.deactivate",
        target=union,
        union=union,
        reason=reason,
        changes=changes,
    )
    return union


@service
def department_create(
    *, actor: Actor, union: Union, kind: str, name: str = "", reason: str = ""
) -> Department:
    _authorise(actor, Perm.UNION_MANAGE, union)
    if union.kind != UnionKind.FEDERATION:
        raise DomainError(_("只有总工会可以设立部门。"), code="not_federation")
    if kind not in DepartmentKind.values:
        raise DomainError(_("未知的部门类别。"), fields={"kind": kind})
    if union.departments.filter(kind=kind).exists():
        raise Conflict(_("该总工会已有这个部门。"))
    department = Department.objects.create(
        union=union, kind=kind, name=name.strip() or str(DepartmentKind(kind).label)
    )
    audit_record(
        actor=actor,
        action="department.create",
        target=department,
        union=union,
        reason=reason,
        changes=diff({}, {"kind": kind, "name": department.name}),
    )
    return department


@service
def centre_create(
    *,
    actor: Actor,
    union: Union,
    name: str,
    kind: str = ServiceCentre.Kind.CENTRE,
    address: str = "",
    hotline: str = "",
    reason: str = "",
) -> ServiceCentre:
    _authorise(actor, Perm.CENTRE_MANAGE, union)
    if not name.strip():
        raise DomainError(_("请检查标出的字段。"), fields={"name": _("名称不能为空。")})
    if kind not in ServiceCentre.Kind.values:
        raise DomainError(_("未知的服务中心类别。"), fields={"kind": kind})
    centre = ServiceCentre.objects.create(
        union=union,
        name=name.strip(),
        kind=kind,
        level=centre_level_for(union),
        region_code=union.region_code or "",
        address=address.strip(),
        hotline=hotline.strip(),
    )
    audit_record(
        actor=actor,
        action="centre.create",
        target=centre,
        union=union,
        reason=reason,
        changes=diff(
            {},
            {
                "name": centre.name,
                "kind": kind,
                "address": centre.address,
                "hotline": centre.hotline,
            },
        ),
    )
    return centre
