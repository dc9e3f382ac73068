"""Quotas (VOL-2): the district's approval is refused beyond its quota unless the city
allows it with a reason; two approvals at the same moment never over-fill it; the import of
a sheet in 附件1's form is all or nothing."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Sequence

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError, PermissionDenied
from zhigong.core.sheets.writing import open_workbook
from zhigong.testing.cast import Cast, cast_id_number
from zhigong.unions.models import Union
from zhigong.unions.services import union_create
from zhigong.volunteers.choices import VolunteerStatus as S
from zhigong.volunteers.models import Volunteer, VolunteerQuota
from zhigong.volunteers.selectors import quota_rows
from zhigong.volunteers.services import approval
from zhigong.volunteers.services.approval import volunteer_decide
from zhigong.volunteers.services.quotas import quota_import, quota_set
from zhigong.volunteers.services.registration import volunteer_register
from zhigong.volunteers.tests.conftest import apply, form, give_quota

# 附件1 of seed 001: the 19 unions and their quotas, 5,800 in all.
SEED_QUOTAS = [
    ("中山区总工会", 300), ("西岗区总工会", 300), ("沙河口区总工会", 300), ("甘井子区总工会", 400),
    ("金州新区总工会", 400), ("旅顺口区总工会", 300), ("高新区总工会", 300), ("保税区总工会", 300),
    ("瓦房店市总工会", 300), ("普兰店市总工会", 300), ("庄河市总工会", 300), ("长海县总工会", 200),
    ("长兴岛区总工会", 200), ("花园口区总工会", 200), ("机械重工工会", 400), ("海员工会", 400),
    ("财贸工会", 300), ("轻纺工会", 300), ("教育工会", 300),
]  # fmt: skip


def unit_approved(cast: Cast, n: int, codes: tuple[str, ...] = ("SA",)) -> list[Volunteer]:
    """``n`` non-members registered at the unions ``codes`` in turn, past the unit's opinion."""
    found = []
    for i in range(n):
        code = codes[i % len(codes)]
        v = volunteer_register(
            actor=SYSTEM,
            data=form(
                name=f"志愿者{i}",
                id_number=cast_id_number(f"42010219700101{i:03d}"),
                phone=f"1370000{i:04d}",
            ),
            union=cast.unions[code],
        )
        found.append(volunteer_decide(actor=cast.users["street_staff"], volunteer=v, approve=True))
    return found


def test_beyond_the_quota_the_district_is_refused_and_the_city_may_allow(cast: Cast):
    give_quota(cast, 1)
    first, second = unit_approved(cast, 2)
    volunteer_decide(actor=cast.users["district_admin"], volunteer=first, approve=True)
    with pytest.raises(DomainError) as refused:
        volunteer_decide(actor=cast.users["district_admin"], volunteer=second, approve=True)
    assert refused.value.code == "quota_full" and "名额 1 人已用完" in str(refused.value.message)
    second.refresh_from_db()
    assert second.status == S.UNIT_APPROVED and not second.opinions.filter(step="district").exists()
    # the city (volunteer.quota at CITY) may, with a reason
    with pytest.raises(DomainError) as refused:
        volunteer_decide(actor=cast.users["city_admin"], volunteer=second, approve=True)
    assert "over_quota_reason" in refused.value.fields
    second = volunteer_decide(
        actor=cast.users["city_admin"],
        volunteer=second,
        approve=True,
        over_quota_reason="抗洪抢险急需",
    )
    assert second.status == S.DISTRICT_APPROVED and second.over_quota_reason == "抗洪抢险急需"
    [row] = [r for r in quota_rows(cast.users["city_admin"]) if r.union.code == "DA"]
    assert (row.quota, row.used, row.left) == (1, 2, -1)


def test_no_quota_for_the_year_is_refused(cast: Cast):
    [volunteer] = unit_approved(cast, 1)
    with pytest.raises(DomainError) as refused:
        volunteer_decide(actor=cast.users["district_admin"], volunteer=volunteer, approve=True)
    assert "没有" in str(refused.value.message)


def test_a_returned_or_withdrawn_place_is_freed(cast: Cast):
    give_quota(cast, 1)
    first, second = unit_approved(cast, 2)
    first = volunteer_decide(actor=cast.users["district_admin"], volunteer=first, approve=True)
    volunteer_decide(
        actor=cast.users["city_admin"], volunteer=first, approve=False, reason="不符合条件"
    )
    second = volunteer_decide(actor=cast.users["district_admin"], volunteer=second, approve=True)
    assert second.status == S.DISTRICT_APPROVED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_the_same_moment_never_over_fill(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
):
    counted = approval.places_taken

    def slow_count(union: Union, year: int) -> int:
        found = counted(union, year)
        time.sleep(0.5)  # both approvals have counted before either writes, unless locked
        return found

    monkeypatch.setattr(approval, "places_taken", slow_count)
    give_quota(cast, 1)
    # at two unit unions under the same district: nothing but the quota's row is shared
    waiting = unit_approved(cast, 2, ("SA", "GA"))
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(volunteer: Volunteer) -> None:
        try:
            start.wait()
            volunteer_decide(actor=cast.users["district_admin"], volunteer=volunteer, approve=True)
            outcomes.append("approved")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(v,)) for v in waiting]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "quota_full"]
    assert Volunteer.objects.filter(status=S.DISTRICT_APPROVED).count() == 1


def seed_sheet(rows: Sequence[tuple[str, object]] = SEED_QUOTAS) -> io.BytesIO:
    """附件1 as a clerk keeps it: a title, the header, the rows, a total row."""
    out = io.BytesIO()
    workbook = open_workbook(out)
    sheet = workbook.add_worksheet("名额")
    sheet.write_string(0, 0, "附件1")
    sheet.write_string(1, 0, "工会服务帮扶志愿者名额分配表")
    for i, heading in enumerate(("序号", "区市县、产业工会", "人 数", "备 注")):
        sheet.write_string(2, i, heading)
    for n, (name, count) in enumerate(rows, start=1):
        sheet.write_number(2 + n, 0, n)
        sheet.write_string(2 + n, 1, name)
        if isinstance(count, int):
            sheet.write_number(2 + n, 2, count)
        else:
            sheet.write_string(2 + n, 2, str(count))
    sheet.write_string(3 + len(rows), 1, "合       计")
    sheet.write_number(3 + len(rows), 2, 5800)
    workbook.close()
    out.seek(0)
    return out


def seed_unions(cast: Cast) -> None:
    for i, (name, _count) in enumerate(SEED_QUOTAS):
        industry = name.endswith("工会") and not name.endswith("总工会")
        union_create(
            actor=SYSTEM,
            parent=cast.unions["CITY"],
            code=f"Q{i}",
            name=name,
            kind="industry" if industry else "federation",
            level="" if industry else "county",
        )


def test_the_seed_table_imports_5800_in_all(cast: Cast):
    seed_unions(cast)
    year = timezone.localdate().year
    found = quota_import(
        actor=cast.users["city_admin"], source=seed_sheet(), filename="附件1.xlsx", year=year
    )
    assert found.errors == [] and found.written
    assert len(found.rows) == 19 and found.total == 5800
    assert sum(VolunteerQuota.objects.filter(year=year).values_list("count", flat=True)) == 5800


def test_an_import_with_a_bad_row_writes_nothing(cast: Cast):
    seed_unions(cast)
    rows = [*SEED_QUOTAS[:3], ("大连市不存在工会", 100), ("海员工会", "三百"), ("中山区总工会", 10)]
    found = quota_import(
        actor=cast.users["city_admin"], source=seed_sheet(rows), filename="q.xlsx", year=2026
    )
    assert not found.written and not VolunteerQuota.objects.exists()
    messages = {(e.row, e.column): e.message for e in found.errors}
    assert ("找不到" in messages[(7, "区市县、产业工会")]) and ("人数" in messages[(8, "人 数")])
    assert "重复" in messages[(9, "区市县、产业工会")]


def test_a_district_never_sets_its_own_quota(cast: Cast):
    with pytest.raises(PermissionDenied):
        quota_set(
            actor=cast.users["district_admin"], union=cast.unions["DA"], year=2026, count=9999
        )
    assert not VolunteerQuota.objects.exists()
    quota_set(actor=cast.users["city_admin"], union=cast.unions["DA"], year=2026, count=300)
    upload = seed_sheet([("江岸区总工会", 9999)])
    found = quota_import(
        actor=cast.users["district_admin"], source=upload, filename="q.xlsx", year=2026
    )
    assert not found.written and VolunteerQuota.objects.get().count == 300
    response = cast.client("district_admin").post(
        reverse("staff:volunteers:quotas"),
        {"action": "set", "union": "DA", "year": 2026, "count": 9999},
    )
    assert response.status_code == 200 and VolunteerQuota.objects.get().count == 300


def test_a_district_imports_only_its_own(cast: Cast):
    seed_unions(cast)
    found = quota_import(
        actor=cast.users["district_admin"], source=seed_sheet(), filename="q.xlsx", year=2026
    )
    assert not found.written and len(found.errors) == 19


def test_the_quota_page_shows_used_and_left_and_imports(cast: Cast):
    seed_unions(cast)
    give_quota(cast, 5)
    client = cast.client("city_admin")
    upload = seed_sheet()
    upload.name = "附件1.xlsx"
    year = timezone.localdate().year
    response = client.post(
        reverse("staff:volunteers:quotas"), {"action": "import", "year": year, "file": upload}
    )
    assert response.status_code == 302
    page = client.get(reverse("staff:volunteers:quotas")).content.decode()
    assert "教育工会" in page and "5805" in page
    # a district sees its own row, and may not import
    page = cast.client("district_admin").get(reverse("staff:volunteers:quotas")).content.decode()
    assert "江岸区总工会" in page and "教育工会" not in page
    assert apply(cast).status == S.SUBMITTED
