"""The registry: the naming rule of seed 002 §5.2, registering in one's subtree, edits,
the six essentials and the rules, the funding band."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhigong.centres import selectors
from zhigong.centres.models import CentreEssential, CentreRule
from zhigong.centres.naming import name_problem
from zhigong.centres.services.registry import (
    CentreInput,
    centre_register,
    centre_update,
    essential_record,
    rule_upload,
)
from zhigong.centres.tests.routes import PDF, PNG, Named, cast_station
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.models import AuditEvent
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre

K = ServiceCentre.Kind


@pytest.mark.parametrize(
    "kind,name",
    [
        (K.CENTRE, "江岸区职工服务中心"),
        (K.CENTRE, "武汉市职工服务中心"),
        (K.STATION, "江岸区职工服务中心大智街道工作站"),
        (K.STATION, "东湖高新区职工服务中心武汉光谷电子有限公司工作站"),
    ],
)
def test_names_that_follow_the_rule(kind: str, name: str):
    assert name_problem(kind, name) == ""


@pytest.mark.parametrize(
    "kind,name",
    [
        (K.CENTRE, "江岸区帮扶中心"),
        (K.CENTRE, "职工服务中心"),
        (K.CENTRE, "江岸区职工服务中心大智街道工作站"),
        (K.STATION, "大智街道工作站"),
        (K.STATION, "江岸区职工服务中心"),
        (K.STATION, "江岸区职工服务中心工作站"),
        (K.STATION, "武汉江城机械有限公司职工服务站"),
    ],
)
def test_names_that_break_the_rule_are_refused_in_chinese(cast: Cast, kind: str, name: str):
    assert "职工服务中心" in name_problem(kind, name)
    with pytest.raises(DomainError) as caught:
        centre_register(
            actor=cast.users["district_admin"],
            union=cast.unions["SA"],
            data=CentreInput(name=name, kind=kind),
        )
    assert "name" in caught.value.fields
    assert not ServiceCentre.objects.filter(name=name).exists()


def test_a_district_registers_a_street_station_with_its_record(cast: Cast):
    station = centre_register(
        actor=cast.users["district_admin"],
        union=cast.unions["SA"],
        data=CentreInput(
            name="江岸区职工服务中心大智街道工作站",
            kind=K.STATION,
            level=ServiceCentre.Level.STREET,
            region_code="420102",
            total_area=Decimal("210.5"),
            hall_area=Decimal("80"),
            staff_full_time=2,
            staff_volunteers=5,
            services=["hardship_aid", "policy_advice"],
            notices=["pledge"],
        ),
    )
    assert station.union == cast.unions["SA"]
    assert station.services == ["policy_advice", "hardship_aid"]  # the catalogue's order
    assert AuditEvent.objects.filter(action="centre.register", target_id=str(station.pk)).exists()


def test_another_districts_union_is_unknown_and_nothing_is_written(cast: Cast):
    before = ServiceCentre.objects.count()
    with pytest.raises(NotFound):
        centre_register(
            actor=cast.users["district_admin"],
            union=cast.unions["SB"],
            data=CentreInput(name="武昌区职工服务中心积玉桥街道工作站", kind=K.STATION),
        )
    assert ServiceCentre.objects.count() == before


def test_someone_out_of_sight_is_refused_and_nothing_changes(cast: Cast):
    station = cast_station(cast)
    # The officer's centre.view covers GA only: SA's station is unknown to them.
    with pytest.raises(NotFound):
        centre_update(
            actor=cast.users["officer"],
            centre=station,
            data=CentreInput(name=station.name, kind=K.STATION, total_area=Decimal(1)),
        )
    station.refresh_from_db()
    assert station.total_area is None
    assert CentreEssential.objects.get(centre=station, key="hall").present


def test_bad_fields_are_all_reported_and_nothing_is_written(cast: Cast):
    with pytest.raises(DomainError) as caught:
        centre_register(
            actor=cast.users["district_admin"],
            union=cast.unions["SA"],
            data=CentreInput(
                name="江岸区职工服务中心",
                region_code="999999",
                total_area=Decimal(50),
                hall_area=Decimal(80),
                funding_share=Decimal(120),
                services=["nonsense"],
            ),
        )
    assert set(caught.value.fields) >= {"region_code", "hall_area", "funding_share", "services"}
    assert not ServiceCentre.objects.exists()


def test_an_edit_is_saved_and_audited(cast: Cast):
    station = cast_station(cast)
    centre_update(
        actor=cast.users["street_staff"],
        centre=station,
        data=CentreInput(name=station.name, kind=K.STATION, total_area=Decimal(250)),
    )
    station.refresh_from_db()
    assert station.total_area == Decimal(250)
    assert AuditEvent.objects.filter(action="centre.update").exists()


def test_essentials_take_images_only_and_rules_documents(cast: Cast):
    station = cast_station(cast)
    with pytest.raises(DomainError):
        essential_record(
            actor=SYSTEM, centre=station, key="plaque", present=True, photo=Named(PDF, "a.pdf")
        )
    assert not CentreEssential.objects.filter(centre=station, key="plaque").exists()
    essential_record(
        actor=SYSTEM, centre=station, key="plaque", present=True, photo=Named(PNG, "牌.png")
    )
    assert CentreEssential.objects.get(centre=station, key="plaque").photo_type == "image/png"
    with pytest.raises(DomainError):
        rule_upload(actor=SYSTEM, centre=station, key="nonsense", document=Named(PDF, "x.pdf"))
    assert CentreRule.objects.filter(centre=station).count() == 1


@pytest.mark.parametrize(
    "share,warned", [(None, False), ("10", False), ("20", False), ("9.99", True), ("20.01", True)]
)
def test_the_funding_band_of_a_district_centre(cast: Cast, share: str | None, warned: bool):
    centre = centre_register(
        actor=SYSTEM,
        union=cast.unions["DA"],
        data=CentreInput(
            name="江岸区职工服务中心",
            level=ServiceCentre.Level.DISTRICT,
            funding_share=Decimal(share) if share else None,
        ),
    )
    assert bool(selectors.funding_warning(centre)) is warned
