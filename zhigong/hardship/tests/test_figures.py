"""The volunteers-and-hardship figures (issue 13 part 9): numbers against hand-made data,
the scope (404 outside it), and a fixed number of queries whatever the size of the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhigong.hardship import figures
from zhigong.hardship.models import Visit
from zhigong.hardship.tests.conftest import make_file, make_pair, other_volunteer
from zhigong.testing.cast import Cast, cast_id_number
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_models import ServiceHours, ServiceProject
from zhigong.volunteers.services.registration import VolunteerInput, volunteer_register

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = "/staff/hardship/figures/"


def _registered(cast: Cast, name: str, body: str, code: str) -> Volunteer:
    return volunteer_register(
        actor=cast.users["street_staff"],
        data=VolunteerInput(
            name=name,
            id_number=cast_id_number(body),
            phone="13600002222",
            health="good",
            employer="大智街道社区",
            identity="public",
            statement="自愿",
            service_areas=["pairing"],
        ),
        union=cast.unions[code],
    )


def _month_ago(months: int) -> dt.date:
    y, m = TODAY.year, TODAY.month - months
    while m < 1:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1)


def _data(cast: Cast) -> None:
    """张伟 (GA) and 刘洋 (SA) approved (DA's quota 10); one waiting and one who left at SA;
    a pair at GA with visits; open files at SA and GB without a volunteer; hours."""
    pair = make_pair(cast)
    liu = other_volunteer(cast)
    _registered(cast, "周敏", "42010219810909002", "SA")
    gone = _registered(cast, "孙强", "42010219820101003", "SA")
    Volunteer.objects.filter(pk=gone.pk).update(status="left")
    make_file(cast, "SA")
    make_file(cast, "GB")
    project = ServiceProject.objects.create(
        title="社区义诊",
        content="义诊",
        service_area="clinic",
        starts_on=TODAY.replace(month=1, day=1) - dt.timedelta(days=400),
        ends_on=TODAY,
        volunteers_needed=5,
        origin="union",
        status="under_way",
        union=cast.unions["SA"],
        city_union=cast.unions["CITY"],
    )

    def hours(volunteer: Volunteer, on: dt.date, n: str, status: str) -> None:
        ServiceHours.objects.create(
            project=project,
            volunteer=volunteer,
            served_on=on,
            hours=Decimal(n),
            what="义诊",
            status=status,
        )

    hours(pair.volunteer, TODAY, "2.5", "confirmed")
    hours(liu, TODAY, "1.0", "confirmed")
    hours(liu, TODAY, "4.0", "pending")  # not confirmed: not counted
    hours(liu, TODAY.replace(year=TODAY.year - 1), "3.0", "confirmed")  # last year
    for on in (TODAY, TODAY, _month_ago(5), _month_ago(13)):
        Visit.objects.create(
            pairing=pair, visited_on=on, minutes=30, what="代购药品", satisfaction="satisfied"
        )


def test_numbers_of_the_city_and_of_a_district(cast: Cast) -> None:
    _data(cast)
    city = figures.of_union(cast.unions["CITY"])
    by_code = {r.code: r for r in city.volunteers}
    da, db = cast.unions["DA"].code, cast.unions["DB"].code
    assert (by_code[da].approved, by_code[da].waiting, by_code[da].left) == (2, 1, 1)
    assert (by_code[db].approved, by_code[db].waiting, by_code[db].left) == (0, 0, 0)
    quotas = {q.code: q for q in city.quotas}
    assert (quotas[da].quota, quotas[da].used, quotas[da].left) == (10, 2, 8)
    assert quotas[db].quota is None and quotas[db].used == 0
    assert city.hours == {da: Decimal("3.5")}
    assert city.pairs == {da: 1}
    assert city.unpaired == {da: 1, db: 1}
    assert list(city.visits) == sorted(city.visits) and len(city.visits) == 12
    assert city.visits[TODAY.strftime("%Y-%m")] == 2
    assert city.visits[_month_ago(5).strftime("%Y-%m")] == 1
    assert sum(city.visits.values()) == 3  # 13 months ago is not shown

    district = figures.of_union(cast.unions["DA"])
    sa = cast.unions["SA"].code
    assert [(r.code, r.approved, r.waiting, r.left) for r in district.volunteers] == [(sa, 2, 1, 1)]
    assert [(q.code, q.quota, q.used) for q in district.quotas] == [(da, 10, 2)]
    assert district.pairs == {sa: 1} and district.unpaired == {sa: 1}
    assert district.hours == {sa: Decimal("3.5")}

    last_year = figures.of_union(cast.unions["DA"], year=TODAY.year - 1)
    assert last_year.hours == {sa: Decimal("3.0")}

    other = figures.of_union(cast.unions["DB"])
    assert other.pairs == {} and other.hours == {} and sum(other.visits.values()) == 0
    assert other.unpaired == {cast.unions["SB"].code: 1}


def test_page_and_api_show_the_numbers(cast: Cast) -> None:
    _data(cast)
    page = cast.client("district_admin").get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "志愿者（按工会）" in html
    data = cast.client("district_admin").get("/api/v1/hardship/figures").json()
    assert data["union"] == cast.unions["DA"].code
    sa = cast.unions["SA"].code
    assert data["active_pairs"] == {sa: 1}
    assert data["confirmed_hours"] == {sa: "3.5"}
    assert data["volunteers"][0]["approved"] == 2


def test_another_district_is_404(cast: Cast) -> None:
    _data(cast)
    other = cast.unions["DB"].code
    for who in ("district_admin", "street_staff", "officer"):
        client = cast.client(who)
        assert client.get(URL, {"union": other}).status_code == 404
        assert client.get("/api/v1/hardship/figures", {"union": other}).status_code == 404
    assert cast.client("other_admin").get(URL, {"union": cast.unions["GA"].code}).status_code == 404
    assert cast.client("member").get(URL).status_code in (403, 404)
    assert cast.client("city_admin").get(URL, {"union": other}).status_code == 200


def _queries(cast: Cast) -> int:
    client = cast.client("city_admin")
    client.get(URL)  # warm the session and the chart cache
    with CaptureQueriesContext(connection) as seen:
        assert client.get(URL).status_code == 200
    return len(seen)


def test_a_fixed_number_of_queries_whatever_the_data(cast: Cast) -> None:
    _data(cast)
    few = _queries(cast)
    pair = make_pair(cast)
    Visit.objects.bulk_create(
        Visit(
            pairing=pair,
            visited_on=_month_ago(i % 11),
            minutes=20,
            what="走访",
            satisfaction="fairly",
        )
        for i in range(60)
    )
    for i in range(5):
        _registered(cast, f"志愿{i}", f"42010219830101{i + 10:03d}", "SA")
    assert _queries(cast) == few
    assert few <= 20
