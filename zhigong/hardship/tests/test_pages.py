"""The pages people use: a volunteer leaving on the portal or by staff hands the workers back,
a volunteer's choice confirmed on the pair's page, a visit logged on the portal, the todo."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhigong.hardship.models import Pairing, Visit
from zhigong.hardship.tests.conftest import make_file
from zhigong.testing.cast import Cast


def test_a_volunteer_leaves_on_the_portal_and_the_worker_is_unpaired(cast: Cast, pair: Pairing):
    response = cast.client("member").post("/me/volunteer/leave/", {"reason": "身体原因"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == "ended" and pair.end_reason == "volunteer_left"
    page = cast.client("officer").get("/staff/hardship/unpaired/").content.decode()
    assert pair.file.name in page


def test_staff_record_a_volunteers_leaving_on_the_volunteer_page(cast: Cast, pair: Pairing):
    url = f"/staff/volunteers/{pair.volunteer_id}/"
    # the unit union's officer may not (volunteer.approve is the district's and the city's)
    cast.client("officer").post(url, {"action": "leave", "reason": "工作调动"})
    pair.refresh_from_db()
    assert pair.status == "active"
    cast.client("district_admin").post(url, {"action": "leave", "reason": "工作调动"})
    pair.refresh_from_db()
    assert pair.status == "ended"


def test_a_choice_on_the_portal_is_confirmed_by_staff_on_the_pairs_page(cast: Cast, volunteer):
    file = make_file(cast)
    member = cast.client("member")
    assert file.name[:1] in member.get("/me/pairing/offers/").content.decode()
    offer = member.get(f"/me/pairing/offers/{file.pk}/").content.decode()
    assert file.id_number_masked not in offer and "大智路" not in offer
    member.post(
        f"/me/pairing/offers/{file.pk}/",
        {"service": "代购药品", "frequency": "weekly", "starts_on": timezone.localdate()},
    )
    pair = Pairing.objects.get()
    assert pair.status == "requested"
    # the volunteer cannot confirm it (they are not staff): a 404 on the workbench
    assert member.post(f"/staff/hardship/pairs/{pair.pk}/").status_code == 404
    cast.client("officer").post(
        f"/staff/hardship/pairs/{pair.pk}/", {"action": "decide", "decision": "confirm"}
    )
    pair.refresh_from_db()
    assert pair.status == "active"


def test_a_visit_logged_on_the_portal(cast: Cast, pair: Pairing):
    response = cast.client("member").post(
        f"/me/pairing/{pair.pk}/visit/",
        {
            "visited_on": timezone.localdate(),
            "minutes": "45",
            "what": "聊天，打扫卫生",
            "satisfaction": "fairly",
        },
    )
    assert response.status_code == 302
    assert Visit.objects.get().satisfaction == "fairly"
    # someone else's pair: 404, nothing written
    other = cast.client("other_officer").post(f"/me/pairing/{pair.pk}/visit/", {})
    assert other.status_code == 404 and Visit.objects.count() == 1


def test_the_alert_queue_shows_an_overdue_pair(cast: Cast, volunteer):
    from zhigong.core.actors import SYSTEM
    from zhigong.hardship.services.pairing import Agreement, pairing_create

    pair = pairing_create(
        actor=SYSTEM,
        file=make_file(cast),
        volunteer=volunteer,
        agreement=Agreement("探望", "monthly", timezone.localdate() - dt.timedelta(days=45)),
    )
    page = cast.client("street_staff").get("/staff/hardship/pairs/overdue/").content.decode()
    assert pair.file.name in page and volunteer.name in page
    other = cast.client("other_admin").get("/staff/hardship/pairs/overdue/").content.decode()
    assert pair.file.name not in other
    home = cast.client("officer").get("/staff/").content.decode()
    assert "一助一结对超过30天未走访" in home


def test_the_list_takes_as_many_queries_for_six_files_as_for_one(cast: Cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhigong.core.actors import SYSTEM
    from zhigong.hardship.services.files import file_create
    from zhigong.hardship.tests.conftest import file_input
    from zhigong.testing.cast import cast_id_number

    def add(i: int) -> None:
        body = f"42010219600101{i:02d}1"
        file_create(
            actor=SYSTEM,
            union=cast.unions["GA"],
            data=file_input(
                name="职工" + "甲乙丙丁戊己"[i - 1], id_number=cast_id_number(body), phone=""
            ),
        )

    client = cast.client("street_staff")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/hardship/").status_code == 200
        return len(queries)

    add(1)
    count()  # the first request of the session reads more (its caches)
    one = count()
    for i in range(2, 7):
        add(i)
    assert count() == one
