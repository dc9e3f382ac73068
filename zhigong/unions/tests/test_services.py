"""Union tree services: create, rename, move, deactivate; each authorised and audited."""

from __future__ import annotations

import pytest

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from zhigong.core.models import AuditEvent
from zhigong.unions.models import Union
from zhigong.unions.services import (
    centre_create,
    department_create,
    union_create,
    union_move,
    union_set_active,
    union_update,
)


def test_create_child_is_audited(cast):
    before = AuditEvent.objects.count()
    union = union_create(
        actor=cast.users["district_admin"],
        parent=cast.unions["SA"],
        code="GA2",
        name="新企业工会",
        kind="基层工会",
    )
    assert union.kind == "grassroots" and union.path.startswith(cast.unions["SA"].path)
    event = AuditEvent.objects.latest("seq")
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "union.create" and event.actor_label == "district_admin"


def test_create_rejects_bad_fields_with_messages(cast):
    with pytest.raises(DomainError) as err:
        union_create(
            actor=cast.users["city_admin"],
            parent=cast.unions["CITY"],
            code="bad code",
            name="",
            kind="nonsense",
            region_code="12",
        )
    assert set(err.value.fields) == {"code", "name", "kind", "region_code"}


def test_create_duplicate_code_conflicts(cast):
    with pytest.raises(Conflict):
        union_create(
            actor=SYSTEM, parent=cast.unions["CITY"], code="DA", name="重复", kind="street"
        )


def test_federation_needs_level_and_others_must_not_have_one(cast):
    with pytest.raises(DomainError) as err:
        union_create(
            actor=SYSTEM, parent=cast.unions["CITY"], code="X1", name="x", kind="federation"
        )
    assert "level" in err.value.fields
    with pytest.raises(DomainError):
        union_create(
            actor=SYSTEM,
            parent=cast.unions["CITY"],
            code="X2",
            name="x",
            kind="street",
            level="city",
        )


def test_other_district_cannot_create_and_nothing_changes(cast):
    count = Union.objects.count()
    with pytest.raises(NotFound):
        union_create(
            actor=cast.users["other_admin"],
            parent=cast.unions["DA"],
            code="Z",
            name="z",
            kind="street",
        )
    assert Union.objects.count() == count


def test_officer_cannot_create(cast):
    with pytest.raises(PermissionDenied):
        union_create(
            actor=cast.users["officer"],
            parent=cast.unions["GA"],
            code="Z",
            name="z",
            kind="grassroots",
        )


def test_rename_records_before_and_after(cast):
    union_update(
        actor=cast.users["district_admin"],
        union=cast.unions["SA"],
        name="大智街道总工会",
        reason="更名",
    )
    event = AuditEvent.objects.latest("seq")
    assert event.changes["name"] == ["大智街道工会", "大智街道总工会"]
    assert event.reason == "更名"


def test_move_keeps_subtree_and_refuses_own_descendant(cast):
    admin = cast.users["city_admin"]
    union_move(
        actor=admin, union=cast.unions["SA"], new_parent=cast.unions["DB"], reason="区划调整"
    )
    ga = Union.objects.get(code="GA")
    assert ga.path.startswith(Union.objects.get(code="DB").path)
    assert Union.objects.find_problems() == ([], [], [], [], [])
    with pytest.raises(DomainError) as err:
        union_move(actor=admin, union=Union.objects.get(code="DB"), new_parent=ga, reason="x")
    assert err.value.code == "move_into_own_subtree"


def test_district_admin_cannot_move_into_other_district(cast):
    with pytest.raises(NotFound):
        union_move(
            actor=cast.users["district_admin"],
            union=cast.unions["SA"],
            new_parent=cast.unions["DB"],
            reason="x",
        )
    assert Union.objects.get(code="SA").path.startswith(cast.unions["DA"].path)


def test_deactivate_needs_reason_and_covers_subtree(cast):
    admin = cast.users["district_admin"]
    with pytest.raises(DomainError):
        union_set_active(actor=admin, union=cast.unions["SA"], active=False, reason="")
    union_set_active(actor=admin, union=cast.unions["SA"], active=False, reason="企业注销")
    assert not Union.objects.get(code="GA").is_active
    with pytest.raises(DomainError):
        union_set_active(actor=admin, union=cast.unions["DA"], active=False, reason="x")


def test_department_only_in_federations(cast):
    with pytest.raises(DomainError):
        department_create(actor=SYSTEM, union=cast.unions["SA"], kind="legal")
    with pytest.raises(Conflict):
        department_create(actor=SYSTEM, union=cast.unions["DA"], kind="legal")


def test_centre_create_by_centre_staff_in_scope(cast):
    centre = centre_create(
        actor=cast.users["street_staff"],
        union=cast.unions["SA"],
        name="江岸区职工服务中心大智街道工作站",
        kind="station",
        hotline="027-12345678",
    )
    assert centre.union == cast.unions["SA"]
    with pytest.raises(NotFound):
        centre_create(actor=cast.users["street_staff"], union=cast.unions["SB"], name="x")
