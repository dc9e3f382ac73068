"""The staff registration page (a paper form, with its photo), the queue, and the API."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.urls import reverse

from zhigong.testing.cast import Cast, cast_id_number
from zhigong.volunteers.choices import VolunteerStatus as S
from zhigong.volunteers.files import photo_dir
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.tests.conftest import give_quota
from zhigong.volunteers.tests.routes import PNG

WANG_ID = cast_id_number("42010219700101002")


class Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def paper_form(**changes: object) -> dict[str, object]:
    return {
        "union": "SA",
        "name": "王芳",
        "id_number": WANG_ID,
        "phone": "13700001111",
        "health": "good",
        "employer": "大智街道社区",
        "identity": "retired",
        "statement": "本人自愿参加。",
        "service_areas": ["pairing", "culture"],
        **changes,
    }


def test_the_street_registers_a_paper_form_with_its_photo(cast: Cast):
    give_quota(cast, 5)
    client = cast.client("street_staff")
    url = reverse("staff:volunteers:register")
    # a "photo" that is not an image is refused beside the field, nothing is stored
    page = client.post(url, paper_form(photo=Upload(b"%PDF-1.4", "照片.png")))
    assert page.status_code == 200 and "的内容不是它的扩展名所说的文件类型" in page.content.decode()
    page = client.post(url, paper_form(photo=Upload(b"%PDF-1.4", "照片.pdf")))
    assert page.status_code == 200 and "只能上传 JPG 或 PNG 图片" in page.content.decode()
    assert not Volunteer.objects.exists()
    response = client.post(url, paper_form(photo=Upload(PNG, "照片.png")))
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.entered_by == cast.users["street_staff"] and volunteer.applicant is None
    stored = Path(volunteer.photo_path)
    assert stored.parent == photo_dir() and stored.is_file()
    photo = cast.client("officer").get(reverse("staff:volunteers:photo", args=[volunteer.pk]))
    assert photo.status_code == 404  # GA's officer does not see SA's registrations
    photo = cast.client("district_admin").get(
        reverse("staff:volunteers:photo", args=[volunteer.pk])
    )
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    # a union out of the clerk's scope is an error beside the field
    page = client.post(url, paper_form(union="SB", id_number=cast_id_number("42010219800101003")))
    assert page.status_code == 200 and Volunteer.objects.count() == 1
    # the clerk who entered it sees it, but the queue of the next clerk holds it
    assert "王芳" not in client.get(reverse("staff:volunteers:waiting")).content.decode()


def test_the_api_apply_status_and_opinion(cast: Cast):
    give_quota(cast, 5)
    member = cast.client("member")
    body = {
        "health": "good",
        "employer": "武汉江城机械有限公司",
        "identity": "worker",
        "statement": "自愿加入",
        "service_areas": ["pairing"],
    }
    response = member.post(
        "/api/v1/volunteers/mine", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "submitted"
    again = member.post(
        "/api/v1/volunteers/mine", json.dumps(body), content_type="application/json"
    )
    assert again.status_code == 409
    volunteer = Volunteer.objects.get()
    url = f"/api/v1/volunteers/{volunteer.pk}/opinion"
    out_of_scope = cast.client("other_officer").post(
        url, json.dumps({"approve": True}), content_type="application/json"
    )
    assert out_of_scope.status_code == 404
    volunteer.refresh_from_db()
    assert volunteer.status == S.SUBMITTED
    officer = cast.client("officer")
    assert [v["id"] for v in officer.get("/api/v1/volunteers/waiting").json()["items"]] == [
        volunteer.pk
    ]
    answer = officer.post(url, json.dumps({"approve": True}), content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "unit_approved"
    listed = cast.client("district_admin").get("/api/v1/volunteers").json()["items"]
    assert listed[0]["name"] == "张伟"
    quotas = cast.client("district_admin").get("/api/v1/volunteers/quotas").json()
    assert quotas == [
        {
            "union": "江岸区总工会",
            "union_code": "DA",
            "year": quotas[0]["year"],
            "quota": 5,
            "used": 0,
            "left": 5,
            "waiting": 1,
        }
    ]


def test_the_street_corrects_a_returned_paper_form(cast: Cast):
    from zhigong.volunteers.tests.routes import returned_paper_form

    volunteer = returned_paper_form(cast)
    url = reverse("staff:volunteers:correct", args=[volunteer.pk])
    assert cast.client("officer").get(url).status_code == 404  # GA's officer: not over SA
    client = cast.client("street_staff")
    page = client.get(url).content.decode()
    assert "请补充照片" in page
    data = {k: v for k, v in paper_form().items() if k not in ("union", "name", "id_number")}
    response = client.post(url, {**data, "photo": Upload(PNG, "照片.png")})
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == S.SUBMITTED and volunteer.attempt == 2 and volunteer.photo_path
    # whoever submitted it again gives no opinion on it
    assert volunteer.entered_by == cast.users["street_staff"]
    assert client.get(url).status_code == 404  # no longer returned
