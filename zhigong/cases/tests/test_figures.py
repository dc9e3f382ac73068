"""Case figures over the tree: kept by the services, equal to a rebuild, read as a page with
charts and per child union."""

from __future__ import annotations

from django.urls import reverse

from zhigong.cases import figure_tables, figures
from zhigong.cases.services.handling import case_accept, case_reply
from zhigong.cases.services.requester import case_rate
from zhigong.cases.tests.conftest import submit
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.unions.figures import median_from_histogram


def _work(cast: Cast, clock) -> None:
    for n, stars in ((1, 5), (2, 4), (3, 2)):  # answered 1, 2 and 3 working days later
        clock("2025-11-03 09:00")
        case = submit(cast)
        case_accept(actor=SYSTEM, case=case)
        clock(f"2025-11-0{3 + n} 10:00")
        case_reply(actor=SYSTEM, case=case, body="答复")
        case_rate(actor=cast.users["member"], case=case, rating=stars)
    submit(cast, who="outsider", name="赵六", phone="13900001111", district=cast.unions["DB"])


def test_the_figures_follow_the_work_and_equal_a_rebuild(cast: Cast, centres, clock):
    _work(cast, clock)
    kept = {u: figures.of_union(cast.unions[u]) for u in ("CITY", "DA", "GA", "DB")}
    figures.rebuild()
    assert {u: figures.of_union(cast.unions[u]) for u in kept} == kept
    da = figure_tables.summary(kept["DA"])
    assert (da.received, da.replied, da.replied_on_time, da.median_reply_days) == (3, 3, 3, 2.0)
    assert (da.rated, da.rating_average, da.satisfied_share) == (3, 3.67, 66.7)
    assert figure_tables.summary(kept["CITY"]).received == 4
    assert figure_tables.summary(kept["DB"]).open == 1


def test_median_of_a_histogram():
    assert median_from_histogram({}) is None
    assert median_from_histogram({"1": 1, "3": 1}) == 2.0
    assert median_from_histogram({"0": 2, "5": 1, "30": 1}) == 2.5
    assert median_from_histogram({"4": 3}) == 4.0


def test_the_figures_page_for_a_district(cast: Cast, centres, clock):
    _work(cast, clock)
    page = cast.client("district_admin").get(reverse("staff:cases:figures")).content.decode()
    assert "江岸区总工会维权与咨询统计" in page
    main = page.split('<main id="main">', 1)[1]
    assert "<svg" in main and "<script" not in main  # charts drawn on the server, no script
    assert "大智街道工会" in page  # the child row
    city = cast.client("city_admin").get(reverse("staff:cases:figures"), {"union": "DA"})
    assert "江岸区总工会维权与咨询统计" in city.content.decode()
    assert (
        cast.client("other_admin").get(reverse("staff:cases:figures"), {"union": "DA"}).status_code
        == 200
    )
    assert cast.client("volunteer").get(reverse("staff:cases:figures")).status_code == 404
