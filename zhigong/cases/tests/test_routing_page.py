"""The workbench page where a federation's administrators set its routing rule (CASE-1)."""

from __future__ import annotations

from django.urls import reverse

from zhigong.cases.models import RoutingRule
from zhigong.cases.tests.conftest import submit
from zhigong.core.actors import SYSTEM
from zhigong.core.models import AuditEvent
from zhigong.testing.cast import Cast
from zhigong.unions.models import ServiceCentre
from zhigong.unions.services import centre_create

URL = reverse("staff:cases:routing")


def test_an_administrator_names_the_centre_and_new_cases_go_there(
    cast: Cast, centres: dict[str, ServiceCentre]
):
    station = centre_create(actor=SYSTEM, union=cast.unions["SA"], name="江岸区某街道职工服务站")
    client = cast.client("district_admin")
    page = client.get(URL, {"union": "DA"}).content.decode()
    assert "江岸区职工服务中心" in page  # where a case goes now: the federation's own centre

    response = client.post(f"{URL}?union=DA", {"kind": "rights", "centre": station.pk})

    assert response.status_code == 302
    rule = RoutingRule.objects.get(union=cast.unions["DA"], kind="rights")
    assert rule.centre == station
    assert AuditEvent.objects.filter(action="case_routing.set").exists()
    assert submit(cast).centre == station
    assert submit(cast, kind="legal").centre == centres["DA"]  # only rights requests move


def test_choosing_no_centre_removes_the_rule(cast: Cast, centres: dict[str, ServiceCentre]):
    client = cast.client("district_admin")
    client.post(f"{URL}?union=DA", {"kind": "", "centre": centres["DA"].pk})
    assert RoutingRule.objects.filter(union=cast.unions["DA"], kind="").exists()

    client.post(f"{URL}?union=DA", {"kind": "", "centre": ""})

    assert not RoutingRule.objects.filter(union=cast.unions["DA"]).exists()


def test_a_centre_of_another_district_is_refused_and_nothing_changes(
    cast: Cast, centres: dict[str, ServiceCentre]
):
    response = cast.client("district_admin").post(
        f"{URL}?union=DA", {"kind": "rights", "centre": centres["DB"].pk}
    )

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not RoutingRule.objects.exists()


def test_another_districts_federation_is_unknown(cast: Cast, centres: dict[str, ServiceCentre]):
    client = cast.client("other_admin")
    assert client.get(URL, {"union": "DA"}).status_code == 404
    response = client.post(f"{URL}?union=DA", {"kind": "rights", "centre": centres["DA"].pk})
    assert response.status_code == 404
    assert not RoutingRule.objects.exists()
    # a union that is not a federation is no more settable than an unknown code
    assert cast.client("city_admin").get(URL, {"union": "GA"}).status_code == 404
    assert cast.client("city_admin").get(URL, {"union": "NOPE"}).status_code == 404


def test_the_city_sees_the_federations_below_it(cast: Cast, centres: dict[str, ServiceCentre]):
    page = cast.client("city_admin").get(URL).content.decode()
    assert "武汉市总工会的分派规则" in page
    assert "江岸区总工会" in page and "武昌区总工会" in page
