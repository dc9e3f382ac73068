"""Coverage against the city's targets (CTR-6) and the model centres of the year (CTR-9)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhigong.centres import selectors
from zhigong.centres.models import ModelCentre
from zhigong.centres.services.registry import CentreInput, centre_register
from zhigong.centres.services.standards import model_centre_name, target_set
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre

K = ServiceCentre.Kind


def _centre(cast: Cast, code: str, name: str, kind: str = K.CENTRE) -> ServiceCentre:
    return centre_register(
        actor=SYSTEM, union=cast.unions[code], data=CentreInput(name=name, kind=kind)
    )


def test_progress_per_subtree(cast: Cast):
    _centre(cast, "DA", "江岸区职工服务中心")
    _centre(cast, "SA", "江岸区职工服务中心大智街道工作站", K.STATION)
    _centre(cast, "GA", "江岸区职工服务中心江城机械工作站", K.STATION)
    whole, parts = selectors.progress(
        cast.unions["CITY"], selectors.children_of(cast.unions["CITY"])
    )
    assert (whole.districts, whole.districts_converted) == (2, 1)
    assert whole.districts_share == Decimal("50.0")
    assert (whole.streets, whole.streets_covered, whole.enterprises_covered) == (2, 1, 1)
    da, db = parts
    assert (da.union, da.districts_converted, da.streets_covered, da.enterprises_covered) == (
        cast.unions["DA"],
        1,
        1,
        1,
    )
    assert (db.districts_converted, db.streets, db.streets_covered) == (0, 1, 0)
    assert db.streets_share == Decimal("0.0")
    missing = list(selectors.without_centre(cast.unions["CITY"]))
    assert missing == [cast.unions["DB"], cast.unions["SB"]]


def test_an_inactive_centre_covers_nothing(cast: Cast):
    centre = _centre(cast, "SA", "江岸区职工服务中心大智街道工作站", K.STATION)
    ServiceCentre.objects.filter(pk=centre.pk).update(is_active=False)
    whole, _ = selectors.progress(cast.unions["DA"])
    assert whole.streets_covered == 0


def test_the_city_sets_targets_and_a_district_cannot(cast: Cast):
    target_set(
        actor=cast.users["city_admin"],
        union=cast.unions["CITY"],
        year=2013,
        measure="streets_covered",
        value=Decimal(80),
    )
    target_set(
        actor=cast.users["city_admin"],
        union=cast.unions["CITY"],
        year=2013,
        measure="streets_covered",
        value=Decimal(85),
    )
    assert selectors.targets_for(cast.unions["SA"], 2013) == {"streets_covered": Decimal(85)}
    with pytest.raises(DomainError):
        target_set(
            actor=SYSTEM,
            union=cast.unions["CITY"],
            year=2013,
            measure="streets_covered",
            value=Decimal(101),
        )
    with pytest.raises(PermissionDenied):  # sees the city, sets no targets
        target_set(
            actor=cast.users["city_org"],
            union=cast.unions["CITY"],
            year=2013,
            measure="streets_covered",
            value=Decimal(1),
        )
    with pytest.raises(NotFound):
        target_set(
            actor=cast.users["district_admin"],
            union=cast.unions["CITY"],
            year=2013,
            measure="streets_covered",
            value=Decimal(1),
        )
    assert selectors.targets_for(cast.unions["CITY"], 2013)["streets_covered"] == Decimal(85)


def test_model_centres_and_who_has_none(cast: Cast):
    station = _centre(cast, "SA", "江岸区职工服务中心大智街道工作站", K.STATION)
    missing = list(selectors.without_model_centre(cast.unions["CITY"], 2013))
    assert missing == [cast.unions["DA"], cast.unions["DB"]]
    model_centre_name(
        actor=cast.users["district_admin"], union=cast.unions["DA"], centre=station, year=2013
    )
    assert list(selectors.without_model_centre(cast.unions["CITY"], 2013)) == [cast.unions["DB"]]
    assert [m.centre for m in selectors.model_centres(cast.unions["CITY"], 2013)] == [station]
    with pytest.raises(DomainError):  # twice the same year
        model_centre_name(actor=SYSTEM, union=cast.unions["DA"], centre=station, year=2013)
    with pytest.raises(DomainError):  # a street does not name model centres
        model_centre_name(actor=SYSTEM, union=cast.unions["SA"], centre=station, year=2014)
    with pytest.raises(DomainError):  # only from its own subtree
        model_centre_name(actor=SYSTEM, union=cast.unions["DB"], centre=station, year=2014)
    with pytest.raises(NotFound):  # another district's admin cannot name for DA
        model_centre_name(
            actor=cast.users["other_admin"], union=cast.unions["DA"], centre=station, year=2014
        )
    assert ModelCentre.objects.count() == 1
