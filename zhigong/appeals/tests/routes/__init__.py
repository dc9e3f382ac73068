"""Route entries of the appeals app (``tests/test_routes.py`` walks them over the cast).

The cast's appeals are about 张伟 (the cast's member at GA), raised by the system (so nobody
of the cast asked for them): a draft, one raised and waiting for verification, one verified
and waiting for the district's help centre, and one published with a public picture."""

from __future__ import annotations

import io
from decimal import Decimal

from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.services.decisions import PublishInput, appeal_publish, appeal_verify
from zhigong.appeals.services.raising import AppealInput, appeal_create, appeal_raise
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

# A JPEG with an EXIF segment (its GPS position must not reach the portal).
JPEG = (
    b"\xff\xd8"
    + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\xff\xe1\x00\x16Exif\x00\x00GPS 30.58N 114.29E"
    + b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00"
    + b"\x00" * 32
    + b"\xff\xd9"
)
ADDRESS = "武汉市江岸区解放大道1234号5栋2单元301室"

# appeal.view somewhere: the list; verify or publish somewhere: the queue.
VIEWERS = {
    "city_admin",
    "district_admin",
    "other_admin",
    "street_staff",
    "officer",
    "other_officer",
}
# appeal.view over GA, where the cast's appeals were raised.
OVER_GA = {"city_admin", "district_admin", "street_staff", "officer"}
# appeal.raise (and verify) over GA.
GA_UNION = {"street_staff", "officer"}
# appeal.publish at DA, the help centre of GA's appeals.
CENTRE = {"city_admin", "district_admin"}
RAISERS = {"street_staff", "officer", "other_officer"}


class Picture(io.BytesIO):
    name = "家中情况.jpg"


def appeal_input(**changes: object) -> AppealInput:
    name, body, _phone = CAST_MEMBERS["GA"]
    data: dict[str, object] = {
        "title": "张伟师傅身患重病急需救助",
        "story": "张伟师傅今年突发尿毒症，每周透析三次，家中还有正在上学的孩子。",
        "needs": "医疗费用救助；子女助学。",
        "locality": "江岸区大智街道",
        "address": ADDRESS,
        "amount_sought": Decimal("50000"),
        "name": name,
        "id_number": cast_id_number(body),
    }
    return AppealInput(**{**data, **changes})  # type: ignore[arg-type]


def make(cast: Cast, to: str, *, pictures: int = 1) -> HardshipAppeal:
    """An appeal of GA about 张伟 brought to status ``to`` by the system."""
    appeal = appeal_create(
        actor=SYSTEM,
        union=cast.unions["GA"],
        data=appeal_input(),
        uploads=[Picture(JPEG) for _ in range(pictures)],
    )
    if to == "draft":
        return appeal
    appeal = appeal_raise(actor=SYSTEM, appeal=appeal)
    if to == "raised":
        return appeal
    appeal = appeal_verify(
        actor=SYSTEM, appeal=appeal, methods=["home_visit"], notes="入户走访，情况属实。"
    )
    if to == "verified":
        return appeal
    return appeal_publish(
        actor=SYSTEM,
        appeal=appeal,
        data=PublishInput(
            public_title="张师傅身患重病急需救助",
            public_story="张师傅突发尿毒症，每周透析三次，孩子正在上学，家庭生活困难。",
            picture_ids=tuple(appeal.pictures.values_list("pk", flat=True)),
        ),
    )


def cast_appeal(cast: Cast, status: str) -> HardshipAppeal:
    found = HardshipAppeal.objects.filter(status=status, union=cast.unions["GA"]).first()
    return found if found is not None else make(cast, status)
