"""Demo special hardship appeals (特殊困难求助台) in every state: a draft, raised and waiting
for verification, verified and waiting for the district's help centre, returned, withdrawn,
published (one featured), published with its period ended and waiting to be closed, and
closed stories with their outcome (one featured), with pledges of members and donors.

They go through the appeals services with the demo's staff accounts (大智街道's enterprise
officer raises, 大智街道's centre verifies, 江岸区's centre publishes), so the audit log reads
as real work. Once the demo tree holds appeals, nothing is added."""

from __future__ import annotations

import datetime as dt
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhigong.accounts.models import User
from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.services.decisions import (
    PublishInput,
    appeal_close,
    appeal_feature,
    appeal_publish,
    appeal_return,
    appeal_verify,
)
from zhigong.appeals.services.pledges import (
    PledgeInput,
    pledge_by_member,
    pledge_fulfil,
    pledge_record,
)
from zhigong.appeals.services.raising import (
    AppealInput,
    appeal_create,
    appeal_raise,
    appeal_withdraw,
)
from zhigong.core.actors import SYSTEM
from zhigong.core.idnumber import check_digit
from zhigong.demo import data
from zhigong.unions.models import Union


@dataclass
class AppealsResult:
    created: int = 0
    pledges: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class _Plan:
    state: str
    name: str
    born: str  # yyyymmdd
    title: str
    story: str
    needs: str
    amount: int | None
    public_title: str = ""
    public_story: str = ""
    outcome: str = ""
    featured: bool = False


def _plans() -> list[_Plan]:
    return [
        _Plan("published", "刘建国", "19720314", "一线焊工刘建国身患白血病急需救助",
              "刘建国在公司焊接车间工作二十年，今年确诊急性白血病，需骨髓移植，妻子无固定工作，女儿读高二。",
              "骨髓移植及后续治疗费用", 200000,
              "焊工刘师傅身患白血病，急需骨髓移植",
              "刘师傅在焊接车间工作二十年，今年确诊急性白血病，需要骨髓移植。妻子无固定工作，女儿正读高二。",
              featured=True),
        _Plan("published", "陈桂芳", "19800921", "单亲母亲陈桂芳家中失火",
              "陈桂芳独自抚养两个孩子，上月家中失火，衣物家电全部烧毁。",
              "衣物、被褥、家电；孩子的学习用品", None,
              "单亲妈妈陈女士家中失火，急需生活物资",
              "陈女士独自抚养两个孩子，上月家中失火，衣物和家电全部烧毁，孩子们的书本也没了。"),
        _Plan("expired", "赵志明", "19650507", "老职工赵志明因病致贫",
              "赵志明患尿毒症多年，每周透析三次，家庭收入微薄。", "医疗费用", 30000,
              "老职工赵师傅因病致贫", "赵师傅患尿毒症多年，每周透析三次，家庭收入微薄。"),
        _Plan("closed", "王秀英", "19780112", "王秀英丈夫车祸重伤",
              "王秀英丈夫车祸重伤住院，家中还有年迈的婆婆。", "医疗费用；护理服务", 80000,
              "王女士丈夫车祸重伤，一家人急需帮助",
              "王女士的丈夫遭遇车祸重伤住院，家中还有年迈的婆婆需要照顾。",
              outcome="在职工和社会各界的帮助下，共筹得善款 8.6 万元，志愿者轮流上门护理婆婆，王女士的丈夫已康复出院。",
              featured=True),
        _Plan("closed", "孙丽", "19900830", "孙丽孩子患先天性心脏病",
              "孙丽的孩子患先天性心脏病，需要手术。", "手术费用", 60000,
              "孙女士的孩子患先天性心脏病", "孙女士的孩子患先天性心脏病，需要尽快手术。",
              outcome="孩子已在武汉亚洲心脏病医院完成手术，术后恢复良好。"),
        _Plan("verified", "周海", "19830416", "周海工伤致残生活困难",
              "周海在工作中受伤致残，工伤赔付尚未到位。", "生活救助", 20000),
        _Plan("raised", "吴敏", "19950221", "吴敏母亲重病",
              "吴敏的母亲患乳腺癌，需要化疗。", "医疗费用", 50000),
        _Plan("returned", "郑强", "19770719", "郑强下岗后家庭困难",
              "郑强下岗后一直未找到工作。", "就业帮扶", None),
        _Plan("withdrawn", "钱伟", "19880603", "钱伟家中老人病重",
              "钱伟的父亲中风住院。", "医疗费用", 10000),
        _Plan("draft", "何静", "19920115", "何静孩子上学困难",
              "何静的孩子考上大学，学费无着。", "助学金", 8000),
    ]  # fmt: skip


def _png(width: int = 48, height: int = 32, rgb: tuple[int, int, int] = (214, 96, 77)) -> bytes:
    """A small solid-colour PNG: the demo's picture of an appeal."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class _Picture:
    def __init__(self, name: str, content: bytes) -> None:
        self.name, self._content = name, content
        self.size = len(content)

    def read(self, limit: int = -1) -> bytes:
        return self._content


def appeals_loaded() -> bool:
    return HardshipAppeal.objects.filter(union__code__startswith=data.CITY_CODE).exists()


_DEMO_USERS = ("officer_jiangcheng", "dazhi_centre", "jiangan_centre", "member_wang")


def seed_appeals(*, say: Callable[[str], None] | None = None) -> AppealsResult:
    started = time.perf_counter()
    result = AppealsResult()
    enterprise = Union.objects.filter(code=f"{data.CITY_CODE}-420102-S01-G001").first()
    if appeals_loaded() or enterprise is None:
        result.already_loaded = True
        result.seconds = time.perf_counter() - started
        return result
    users = {u.username: u for u in User.objects.filter(username__in=_DEMO_USERS)}
    raiser = users.get("officer_jiangcheng", SYSTEM)
    verifier = users.get("dazhi_centre", SYSTEM)
    centre = users.get("jiangan_centre", SYSTEM)
    with transaction.atomic():
        for number, plan in enumerate(_plans(), start=1):
            appeal = _raise(plan, number, enterprise, raiser)
            result.created += 1
            result.pledges += _walk(appeal, plan, raiser, verifier, centre, users)
    if say:
        say(f"demo appeals: {result.created}, pledges {result.pledges}")
    result.seconds = time.perf_counter() - started
    return result


def _raise(plan: _Plan, number: int, union: Union, raiser: Any) -> HardshipAppeal:
    body = f"420102{plan.born}{number:03d}"
    return appeal_create(
        actor=raiser,
        union=union,
        data=AppealInput(
            title=plan.title,
            story=plan.story,
            needs=plan.needs,
            locality="江岸区大智街道",
            address=f"武汉市江岸区大智路{10 + number}号{number}栋{number}01室",
            amount_sought=Decimal(plan.amount) if plan.amount else None,
            name=plan.name,
            id_number=body + check_digit(body),
            phone=f"1350000{number:04d}",
        ),
        uploads=[_Picture("家中情况.png", _png())],
    )


def _walk(
    appeal: HardshipAppeal, plan: _Plan, raiser: Any, verifier: Any, centre: Any, users: Any
) -> int:
    if plan.state == "draft":
        return 0
    appeal = appeal_raise(actor=raiser, appeal=appeal)
    if plan.state == "raised":
        return 0
    if plan.state == "withdrawn":
        appeal_withdraw(actor=raiser, appeal=appeal, reason="职工家属已筹得费用，撤回求助。")
        return 0
    if plan.state == "returned":
        appeal_return(actor=verifier, appeal=appeal, reason="请补充失业登记证明和家庭收入情况。")
        return 0
    appeal = appeal_verify(
        actor=verifier,
        appeal=appeal,
        methods=["home_visit", "documents", "neighbours"],
        notes="入户走访，查验病历和收入证明，走访邻居同事，情况属实。",
    )
    if plan.state == "verified":
        return 0
    appeal = appeal_publish(
        actor=centre,
        appeal=appeal,
        data=PublishInput(
            public_title=plan.public_title,
            public_story=plan.public_story,
            picture_ids=tuple(appeal.pictures.values_list("pk", flat=True)),
        ),
    )
    pledges = _pledges(appeal, raiser, users)
    if plan.featured:
        appeal_feature(actor=centre, appeal=appeal, featured=True)
    if plan.state == "expired":  # published 40 days ago for 30 days: waits to be closed
        starts = timezone.localdate() - dt.timedelta(days=40)
        HardshipAppeal.objects.filter(pk=appeal.pk).update(
            publish_starts=starts, publish_ends=starts + dt.timedelta(days=30)
        )
    if plan.state == "closed":
        appeal_close(
            actor=centre,
            appeal=appeal,
            outcome=plan.outcome,
            amount_raised=Decimal(plan.amount or 0) * Decimal("1.05"),
        )
    return pledges


def _pledges(appeal: HardshipAppeal, raiser: Any, users: dict[str, Any]) -> int:
    made = [
        pledge_record(
            actor=raiser,
            appeal=appeal,
            data=PledgeInput(
                kind="money",
                amount=Decimal("5000"),
                donor_name="武汉江城机械有限公司工会",
                is_organisation=True,
                contact="13500009999",
            ),
        ),
        pledge_record(
            actor=raiser,
            appeal=appeal,
            data=PledgeInput(kind="service", description="每周两次上门护理", donor_name="李慧"),
        ),
    ]
    pledge_fulfil(actor=raiser, pledge=made[0])
    wang = users.get("member_wang")
    if wang is not None:
        pledge_by_member(
            actor=wang,
            appeal=appeal,
            data=PledgeInput(kind="money", amount=Decimal("300"), anonymous=True),
        )
        return 3
    return 2
