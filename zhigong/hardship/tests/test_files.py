"""Hardship files: opening one (member or not), the household sealed at rest, masked on the
list, the API and the export, a logged reveal, help given, closing, and scope."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError, NotFound
from zhigong.core.models import AccessLog
from zhigong.hardship.models import HardshipFile, HelpGiven
from zhigong.hardship.sensitive import opened
from zhigong.hardship.services.files import file_close, file_create, file_reveal, help_record
from zhigong.hardship.tests.conftest import WORKERS, file_input
from zhigong.members.personal import id_number_of
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

PLAIN_ID = cast_id_number(WORKERS["GA"][1])


def test_an_officer_opens_a_file_for_a_worker_who_is_not_a_member(cast: Cast):
    file = file_create(actor=cast.users["officer"], union=cast.unions["GA"], data=file_input())
    assert file.member is None and file.birth_date.year == 1956 and file.gender == "female"
    assert file.id_number_masked == "420102********" + PLAIN_ID[-4:]
    assert PLAIN_ID not in file.id_number_encrypted and id_number_of(file) == PLAIN_ID
    # health and income are one ciphertext, not in the clear
    assert "尿毒症" not in file.sensitive_encrypted and "1800" not in file.sensitive_encrypted
    household = opened(file)
    assert household.members[0].health == "尿毒症透析"
    assert household.per_capita(file.household_size) == Decimal("900.00")


def test_a_members_file_links_the_member_record(cast: Cast):
    name, body, phone = CAST_MEMBERS["GA"]
    file = file_create(
        actor=cast.users["officer"],
        union=cast.unions["GA"],
        data=file_input(name=name, id_number=cast_id_number(body), phone=phone),
    )
    assert file.member == cast.members["GA"]


def test_a_bad_id_number_is_refused_beside_the_field_and_nothing_is_written(cast: Cast):
    with pytest.raises(DomainError) as caught:
        file_create(
            actor=cast.users["officer"],
            union=cast.unions["GA"],
            data=file_input(id_number="420102195601010000"),
        )
    assert "id_number" in caught.value.fields
    assert HardshipFile.objects.count() == 0


def test_one_open_file_per_person(cast: Cast, file: HardshipFile):
    with pytest.raises(Conflict):
        file_create(actor=SYSTEM, union=cast.unions["GA"], data=file_input())


def test_staff_of_another_district_cannot_open_a_file_at_ga(cast: Cast):
    with pytest.raises(DomainError):
        file_create(actor=cast.users["other_officer"], union=cast.unions["GA"], data=file_input())
    assert HardshipFile.objects.count() == 0


def test_a_reveal_needs_the_permission_and_a_reason_and_is_logged(cast: Cast, file: HardshipFile):
    with pytest.raises(NotFound):  # out of scope: as unknown
        file_reveal(actor=cast.users["other_admin"], file=file, reason="核对")
    with pytest.raises(DomainError):  # in scope without hardship.reveal: refused
        file_reveal(actor=cast.users["officer"], file=file, reason="核对")
    assert AccessLog.objects.count() == 0
    shown = file_reveal(actor=cast.users["street_staff"], file=file, reason="入户核对")
    assert shown.id_number == PLAIN_ID and shown.household.address.startswith("江岸区")
    log = AccessLog.objects.get()
    assert log.subject_id == str(file.pk) and "health" in log.fields and log.reason == "入户核对"


def test_the_detail_page_masks_until_a_logged_reveal(cast: Cast, file: HardshipFile):
    url = f"/staff/hardship/{file.pk}/"
    page = cast.client("street_staff").get(url).content.decode()
    assert PLAIN_ID not in page and "尿毒症" not in page and file.id_number_masked in page
    revealed = cast.client("street_staff").post(url, {"action": "reveal", "reason": "入户核对"})
    text = revealed.content.decode()
    assert PLAIN_ID in text and "尿毒症透析" in text and "900.00" in text
    assert "no-store" in revealed["Cache-Control"]
    assert AccessLog.objects.filter(subject_id=str(file.pk)).count() == 1


def test_the_list_api_and_export_are_masked(cast: Cast, file: HardshipFile):
    staff = cast.client("district_admin")
    for url in ("/staff/hardship/", "/api/v1/hardship/files", f"/api/v1/hardship/files/{file.pk}"):
        response = staff.get(url)
        text = json.dumps(response.json(), ensure_ascii=False) if "api" in url else ""
        text = text or response.content.decode()
        assert file.name in text and PLAIN_ID not in text and "1370000" not in text
        assert "尿毒症" not in text and "大智路" not in text
    response = staff.get("/staff/hardship/export/")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][:4] == ["序号", "姓名", "性别", "身份证号码"]
    assert rows[1][1] == file.name and rows[1][3] == file.id_number_masked
    assert not any(PLAIN_ID in str(cell) or "尿毒症" in str(cell) for row in rows for cell in row)


def test_help_given_is_recorded_and_money_needs_an_amount(cast: Cast, file: HardshipFile):
    import datetime as dt

    officer = cast.users["officer"]
    with pytest.raises(DomainError) as caught:
        help_record(
            actor=officer,
            file=file,
            kind="money",
            given_on=dt.date(2026, 1, 20),
            what="春节慰问金",
            union=cast.unions["GA"],
        )
    assert "amount" in caught.value.fields
    help_record(
        actor=officer,
        file=file,
        kind="money",
        given_on=dt.date(2026, 1, 20),
        what="春节慰问金",
        union=cast.unions["GA"],
        amount=Decimal("500"),
    )
    assert HelpGiven.objects.get().amount == Decimal("500")


def test_a_denied_write_from_another_district_changes_nothing(cast: Cast, file: HardshipFile):
    other = cast.client("other_officer")
    before = HardshipFile.objects.values().get(pk=file.pk)
    for action in ("help", "close"):
        response = other.post(
            f"/staff/hardship/{file.pk}/", {"action": action, "kind": "money", "reason": "moved"}
        )
        assert response.status_code == 404
    assert cast.client("other_officer").post(f"/staff/hardship/{file.pk}/edit/").status_code == 404
    assert HardshipFile.objects.values().get(pk=file.pk) == before
    assert HelpGiven.objects.count() == 0


def test_closing_needs_a_reason_and_ends_the_pair(cast: Cast, pair):
    file = pair.file
    with pytest.raises(DomainError):
        file_close(actor=cast.users["officer"], file=file, reason="other")
    file_close(actor=cast.users["officer"], file=file, reason="out_of_hardship")
    file.refresh_from_db()
    pair.refresh_from_db()
    assert file.status == "closed" and pair.status == "ended" and pair.end_reason == "file_closed"
