"""Route entries of the centres app (``tests/test_routes.py`` walks them over the cast).

The cast's station: 江岸区职工服务中心大智街道工作站 at SA, with a photo of its hall and one
rule's document. ``centre.view`` over SA: the city's and the district's administrators and
the street's centre staff; everyone else gets 404 on its pages (the station is unknown to
them). The lists are for whoever holds ``centre.view`` anywhere; the standards' editing is
the city's (``centre.standards`` at the root)."""

from __future__ import annotations

import io

from django.utils import timezone

from zhigong.centres.models import CentreStandard
from zhigong.centres.services.registry import (
    CentreInput,
    centre_register,
    essential_record,
    rule_upload,
)
from zhigong.centres.services.standards import standards_start_year
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"

# centre.view somewhere.
VIEWERS = {
    "city_admin",
    "district_admin",
    "street_staff",
    "officer",
    "other_admin",
    "other_officer",
}
# centre.manage somewhere.
MANAGERS = {"city_admin", "district_admin", "street_staff", "other_admin"}
# centre.view (and centre.manage) over SA, where the cast's station is.
OVER_SA = {"city_admin", "district_admin", "street_staff"}
CITY = {"city_admin"}
STATION = "江岸区职工服务中心大智街道工作站"


class Named(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def cast_station(cast: Cast) -> ServiceCentre:
    found = ServiceCentre.objects.filter(name=STATION).first()
    if found is not None:
        return found
    station = centre_register(
        actor=SYSTEM,
        union=cast.unions["SA"],
        data=CentreInput(
            name=STATION,
            kind=ServiceCentre.Kind.STATION,
            level=ServiceCentre.Level.STREET,
            address="武汉市江岸区大智路 1 号",
            region_code="420102",
            opening_hours="周一至周五 9:00–17:00",
            hotline="027-82800000",
            total_area=None,
            services=["policy_advice", "hardship_aid"],
        ),
    )
    essential_record(
        actor=SYSTEM, centre=station, key="hall", present=True, photo=Named(PNG, "大厅.png")
    )
    rule_upload(actor=SYSTEM, centre=station, key="staff_code", document=Named(PDF, "守则.pdf"))
    return station


def cast_standard(cast: Cast) -> CentreStandard:
    year = timezone.localdate().year
    standards_start_year(actor=SYSTEM, year=year)
    return CentreStandard.objects.get(year=year, level=ServiceCentre.Level.STREET)
