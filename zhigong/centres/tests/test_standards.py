"""The year's standards as data: seeded from seed 002, copied to a new year, edited by the
city only; what a centre lacks against its level's standard."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhigong.centres import catalogue, selectors
from zhigong.centres.models import CentreStandard
from zhigong.centres.services.registry import (
    CentreInput,
    centre_register,
    centre_update,
    essential_record,
    rule_upload,
)
from zhigong.centres.services.standards import (
    StandardInput,
    standard_update,
    standards_start_year,
)
from zhigong.centres.tests.routes import PDF, Named
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, PermissionDenied
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre

L = ServiceCentre.Level


def test_the_first_year_is_seed_002(db: None):
    made = standards_start_year(actor=SYSTEM, year=2013)
    assert len(made) == 4
    got = {s.level: (s.min_area, s.min_hall_area) for s in CentreStandard.objects.filter(year=2013)}
    assert got == {
        L.DISTRICT: (Decimal(300), Decimal(100)),
        L.STREET: (Decimal(200), None),
        L.ENTERPRISE_LARGE: (Decimal(200), None),
        L.ENTERPRISE: (Decimal(100), None),
    }
    street = CentreStandard.objects.get(year=2013, level=L.STREET)
    assert street.basic_services == [
        "policy_advice",
        "hardship_aid",
        "employment",
        "legal_aid",
        "training",
        "medical_mutual",
    ]
    assert street.essentials == list(catalogue.ESSENTIALS)


def test_a_new_year_copies_the_last_one_with_its_edits(cast: Cast):
    standards_start_year(actor=SYSTEM, year=2013)
    street = CentreStandard.objects.get(year=2013, level=L.STREET)
    standard_update(
        actor=cast.users["city_admin"],
        standard=street,
        data=StandardInput(min_area=Decimal(250), basic_services=["hardship_aid"]),
    )
    standards_start_year(actor=cast.users["city_admin"], year=2014)
    copied = CentreStandard.objects.get(year=2014, level=L.STREET)
    assert copied.min_area == Decimal(250)
    assert copied.basic_services == ["hardship_aid"]
    assert CentreStandard.objects.get(year=2013, level=L.STREET).min_area == Decimal(250)
    standards_start_year(actor=SYSTEM, year=2014)  # again: nothing new, nothing lost
    assert CentreStandard.objects.filter(year=2014).count() == 4


@pytest.mark.parametrize("who", ["district_admin", "street_staff", "other_admin", "city_org"])
def test_only_the_city_sets_standards(cast: Cast, who: str):
    standards_start_year(actor=SYSTEM, year=2013)
    street = CentreStandard.objects.get(year=2013, level=L.STREET)
    with pytest.raises(PermissionDenied):
        standard_update(
            actor=cast.users[who], standard=street, data=StandardInput(min_area=Decimal(1))
        )
    with pytest.raises(PermissionDenied):
        standards_start_year(actor=cast.users[who], year=2015)
    street.refresh_from_db()
    assert street.min_area == Decimal(200)
    assert not CentreStandard.objects.filter(year=2015).exists()


def test_a_standard_refuses_unknown_items(cast: Cast):
    standards_start_year(actor=SYSTEM, year=2013)
    street = CentreStandard.objects.get(year=2013, level=L.STREET)
    with pytest.raises(DomainError):
        standard_update(
            actor=SYSTEM,
            standard=street,
            data=StandardInput(min_area=Decimal(200), rules=["nonsense"]),
        )


def test_what_a_district_centre_lacks(cast: Cast):
    standards_start_year(actor=SYSTEM, year=2013)
    centre = centre_register(
        actor=SYSTEM,
        union=cast.unions["DA"],
        data=CentreInput(
            name="江岸区职工服务中心",
            level=L.DISTRICT,
            total_area=Decimal("250.5"),
            hall_area=Decimal(100),
            services=["policy_advice", "hardship_aid", "employment"],
            notices=list(catalogue.NOTICES)[:-1],
        ),
    )
    for key in list(catalogue.ESSENTIALS)[:5]:
        essential_record(actor=SYSTEM, centre=centre, key=key, present=True)
    essential_record(actor=SYSTEM, centre=centre, key="hotline", present=False)
    rule_upload(actor=SYSTEM, centre=centre, key="staff_code", document=Named(PDF, "守则.pdf"))
    found = selectors.shortfall(centre, 2013)
    assert found.area_short == Decimal("49.5")
    assert found.hall_short is None
    assert found.essentials == ["服务热线电话"]
    assert found.services == ["法律援助（劳动争议调解）", "职工培训", "医疗互助"]
    assert found.notices == ["工作办法"]
    assert len(found.rules) == len(catalogue.RULES) - 1
    assert not found.complete


def test_a_centre_that_has_everything_lacks_nothing(cast: Cast):
    standards_start_year(actor=SYSTEM, year=2013)
    standard = CentreStandard.objects.get(year=2013, level=L.ENTERPRISE)
    centre = centre_register(
        actor=SYSTEM,
        union=cast.unions["GA"],
        data=CentreInput(
            name="江岸区职工服务中心江城机械工作站",
            kind=ServiceCentre.Kind.STATION,
            level=L.ENTERPRISE,
            total_area=Decimal(100),
            services=standard.basic_services,
            notices=standard.notices,
        ),
    )
    for key in standard.essentials:
        essential_record(actor=SYSTEM, centre=centre, key=key, present=True)
    for key in standard.rules:
        rule_upload(actor=SYSTEM, centre=centre, key=key, document=Named(PDF, f"{key}.pdf"))
    assert selectors.shortfall(centre, 2013).complete
    # A year without a standard: nothing to compare with, not complete.
    assert selectors.shortfall(centre, 2012).standard is None
    centre = centre_update(
        actor=SYSTEM,
        centre=centre,
        data=CentreInput(
            name=centre.name,
            kind=centre.kind,
            level=L.ENTERPRISE,
            total_area=Decimal("99.99"),
            services=standard.basic_services,
            notices=standard.notices,
        ),
    )
    assert selectors.shortfall(centre, 2013).area_short == Decimal("0.01")
