"""The checks an appeal passes (HARD-2, seed 003 §19): the grassroots union verifies the
facts (someone other than who raised it: how, when, by whom), then the help centre of the
district or city publishes it on the portal for a set period with a public text it may edit
for privacy, or either returns it with reasons; the centre closes it with its outcome and
may feature the story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.appeals import permissions, pictures
from zhigong.appeals.choices import AppealStatus, VerifyMethod
from zhigong.appeals.models import APPEAL_FLOW, HardshipAppeal
from zhigong.appeals.privacy import public_text_problem
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.core.workflow import transition

DEFAULT_DAYS = 30  # how long an appeal stays on the portal unless the centre says otherwise
MAX_DAYS = 366


def _locked(appeal: HardshipAppeal) -> HardshipAppeal:
    return (
        HardshipAppeal.objects.select_for_update(of=("self",))
        .select_related("union", "help_centre")
        .get(pk=appeal.pk)
    )


def _needs_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise DomainError(_("退回须填写理由。"), fields={"reason": _("请填写理由。")})
    return reason


@service
def appeal_verify(
    *, actor: Actor, appeal: HardshipAppeal, methods: list[str], notes: str
) -> HardshipAppeal:
    """The grassroots union confirms the facts: how it checked them (a home visit, the
    documents, the neighbours…) and what it found."""
    appeal = _locked(appeal)
    if permissions.raised_it(actor, appeal) and permissions.can_view(actor, appeal):
        raise DomainError(
            _("提出求助的人不能核实它，请由本工会其他工作人员核实。"), code="raised_it"
        )
    permissions.require(permissions.can_verify(actor, appeal), user=actor, appeal=appeal)
    chosen = list(dict.fromkeys(methods))
    errors: dict[str, str] = {}
    if not chosen or any(m not in VerifyMethod.values for m in chosen):
        errors["methods"] = _("请选择核实方式。")
    notes = notes.strip()
    if not notes:
        errors["notes"] = _("请写明核实情况。")
    if errors:
        raise DomainError(_("核实信息不完整。"), fields=errors)
    appeal.verify_methods, appeal.verify_notes = chosen, notes[:2000]
    appeal.verified_by, appeal.verified_at = acting_user(actor), timezone.now()
    appeal.returned_reason = ""
    transition(
        appeal,
        APPEAL_FLOW,
        AppealStatus.VERIFIED,
        actor=actor,
        union=appeal.union,
        changes={"verify_methods": [None, chosen]},
    )
    return appeal


@service
def appeal_return(*, actor: Actor, appeal: HardshipAppeal, reason: str) -> HardshipAppeal:
    """Send it back to the raising union with reasons: the verifier (a raised appeal) or
    the help centre (a verified one)."""
    appeal = _locked(appeal)
    if appeal.status == AppealStatus.RAISED:
        allowed, union = permissions.can_verify(actor, appeal), appeal.union
    else:
        allowed = appeal.status == AppealStatus.VERIFIED and permissions.holds_centre(actor, appeal)
        union = permissions.centre_union(appeal)
    permissions.require(allowed, user=actor, appeal=appeal)
    appeal.returned_reason = _needs_reason(reason)
    transition(
        appeal, APPEAL_FLOW, AppealStatus.RETURNED, actor=actor, union=union, reason=reason.strip()
    )
    return appeal


@dataclass
class PublishInput:
    public_title: str
    public_story: str
    starts: dt.date | None = None
    ends: dt.date | None = None
    picture_ids: tuple[int, ...] = ()


@service
def appeal_publish(*, actor: Actor, appeal: HardshipAppeal, data: PublishInput) -> HardshipAppeal:
    """Publish on the portal from ``starts`` (today by default) to ``ends`` (30 days later
    by default), with the public text and the pictures chosen."""
    appeal = _locked(appeal)
    if permissions.raised_it(actor, appeal) and permissions.holds_centre(actor, appeal):
        raise DomainError(_("提出求助的人不能发布它。"), code="raised_it")
    permissions.require(permissions.can_publish(actor, appeal), user=actor, appeal=appeal)
    errors: dict[str, str] = {}
    title, story = data.public_title.strip(), data.public_story.strip()
    for name, text, limit in (("public_title", title, 80), ("public_story", story, 4000)):
        if not text:
            errors[name] = _("此项必填。")
        elif len(text) > limit:
            errors[name] = _("最多 %(n)d 个字。") % {"n": limit}
        elif problem := public_text_problem(appeal, text):
            errors[name] = problem
    today = timezone.localdate()
    starts = data.starts or today
    ends = data.ends or starts + dt.timedelta(days=DEFAULT_DAYS)
    if starts < today:
        errors["starts"] = _("发布开始日期不能早于今天。")
    if ends < starts:
        errors["ends"] = _("发布结束日期不能早于开始日期。")
    elif (ends - starts).days > MAX_DAYS:
        errors["ends"] = _("发布期最长一年。")
    chosen = list(appeal.pictures.filter(pk__in=data.picture_ids))
    if len(chosen) != len(set(data.picture_ids)):
        errors["pictures"] = _("请从本求助的图片中选择。")
    if errors:
        raise DomainError(_("发布信息有误，请按提示修改。"), fields=errors)
    appeal.public_title, appeal.public_story = title, story
    appeal.publish_starts, appeal.publish_ends = starts, ends
    appeal.published_by, appeal.published_at = acting_user(actor), timezone.now()
    transition(
        appeal,
        APPEAL_FLOW,
        AppealStatus.PUBLISHED,
        actor=actor,
        union=permissions.centre_union(appeal),
        changes={"publish_starts": [None, str(starts)], "publish_ends": [None, str(ends)]},
    )
    written: list[str] = []
    try:
        for picture in chosen:
            picture.public_path = pictures.make_public_copy(picture)
            written.append(picture.public_path)
            picture.save(update_fields=["public_path"])
    except Exception:
        pictures.remove(written)
        raise
    return appeal


@service
def appeal_close(
    *, actor: Actor, appeal: HardshipAppeal, outcome: str, amount_raised: Decimal | None = None
) -> HardshipAppeal:
    """End it with its outcome (the help received), which the portal then tells as a story.
    The public copies of its pictures are removed: they are served only while published."""
    appeal = _locked(appeal)
    permissions.require(permissions.can_close(actor, appeal), user=actor, appeal=appeal)
    outcome = outcome.strip()
    if not outcome:
        raise DomainError(_("请填写帮扶结果。"), fields={"outcome": _("请填写帮扶结果。")})
    if public_text_problem(appeal, outcome):
        message = public_text_problem(appeal, outcome)
        raise DomainError(message, fields={"outcome": message})
    if amount_raised is not None and amount_raised < 0:
        raise DomainError(_("金额不能为负。"), fields={"amount_raised": _("金额不能为负。")})
    appeal.outcome, appeal.amount_raised = outcome[:4000], amount_raised
    appeal.closed_by, appeal.closed_at = acting_user(actor), timezone.now()
    transition(
        appeal,
        APPEAL_FLOW,
        AppealStatus.CLOSED,
        actor=actor,
        union=permissions.centre_union(appeal),
    )
    public = list(appeal.pictures.exclude(public_path="").values_list("public_path", flat=True))
    appeal.pictures.update(public_path="")
    transaction.on_commit(lambda: pictures.remove(public))
    return appeal


@service
def appeal_feature(*, actor: Actor, appeal: HardshipAppeal, featured: bool) -> HardshipAppeal:
    """Put a published or closed story first on the portal (and on its home), or take it off."""
    appeal = _locked(appeal)
    permissions.require(permissions.can_feature(actor, appeal), user=actor, appeal=appeal)
    if appeal.featured != featured:
        appeal.featured = featured
        appeal.save(update_fields=["featured", "updated_at"])
        audit_record(
            actor=actor,
            action="appeal.feature" if featured else "appeal.unfeature",
            target=appeal,
            union=permissions.centre_union(appeal),
            changes={"featured": [not featured, featured]},
        )
    return appeal
