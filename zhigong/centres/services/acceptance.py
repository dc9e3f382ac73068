"""The acceptance round (CTR-7, CTR-8, seed 002 §6): the city opens a round; a centre's own
union staff self-inspect item by item and write the report; the district, bureau or industry
union submits the application form for the centres it proposes; the city's working group
inspects (看, 查, 谈) and the grade follows from grading.py; another city operator approves;
the result is published on the portal for a period and then final.

Maker-checker: inspection and approval need ``centre.inspect`` at the city root (a district
holding it over its own subtree never inspects), and whoever inspected never approves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.centres import checklist, files, grading, permissions
from zhigong.centres.models import (
    Acceptance,
    AcceptanceApplication,
    AcceptanceGrade,
    AcceptanceItem,
    AcceptanceRound,
    AcceptanceStatus,
    CentreStandard,
)
from zhigong.core import calendar, private_files
from zhigong.core.actors import Actor, acting_user
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError, NotFound, PermissionDenied
from zhigong.core.service import service
from zhigong.core.workflow import Workflow, transition
from zhigong.unions import policy
from zhigong.unions.models import ServiceCentre, Union
from zhigong.unions.roles import Perm

S = AcceptanceStatus
ACCEPTANCE_FLOW = Workflow(
    "acceptance",
    AcceptanceStatus,
    {
        S.SELF_INSPECTING: {S.SUBMITTED},
        S.RETURNED: {S.SUBMITTED},
        S.SUBMITTED: {S.INSPECTED, S.RETURNED},
        S.INSPECTED: {S.GRADED, S.RETURNED},
        S.GRADED: {S.APPROVED, S.INSPECTED},
        S.APPROVED: {S.PUBLISHED},
        S.PUBLISHED: {S.FINAL},
    },
)
SELF_EDITABLE = (S.SELF_INSPECTING, S.RETURNED)
GRADED_OR_LATER = (S.GRADED, S.APPROVED, S.PUBLISHED, S.FINAL)
RANK = [g.value for g in grading.Grade]  # best first


def _require_city(actor: Actor, message: str = "") -> None:
    if not permissions.inspects(actor):
        raise PermissionDenied(message or _("验收由市总工会工作组进行。"))


def _require_manage(actor: Actor, acceptance: Acceptance) -> None:
    permissions.require(
        permissions.can_manage(actor, acceptance.centre), user=actor, centre=acceptance.centre
    )


def _require_inspector(actor: Actor, acceptance: Acceptance) -> None:
    if not permissions.can_view(actor, acceptance.centre):
        raise NotFound()
    _require_city(actor)


def _text(value: str, limit: int, field: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        message = _("不能超过 %(n)d 个字。") % {"n": limit}
        raise DomainError(message, fields={field: message})
    return value


@dataclass
class RoundInput:
    year: int
    standard_year: int
    self_inspection_due: dt.date
    application_due: dt.date
    inspection_due: dt.date
    publication_days: int = 5


@service
def round_open(*, actor: Actor, data: RoundInput) -> AcceptanceRound:
    """The city opens the year's round against one year's standards."""
    if not permissions.can_set_standards(actor):
        raise PermissionDenied(_("验收批次由市总工会设定。"))
    if AcceptanceRound.objects.filter(year=data.year).exists():
        raise DomainError(_("该年度的验收批次已经设定。"), fields={"year": _("已设定。")})
    if not CentreStandard.objects.filter(year=data.standard_year).exists():
        message = _("该年度还没有建设标准。")
        raise DomainError(message, fields={"standard_year": message})
    if not data.self_inspection_due <= data.application_due <= data.inspection_due:
        message = _("截止日应依次为自查、申报、验收。")
        raise DomainError(message, fields={"application_due": message})
    if not 1 <= data.publication_days <= 60:
        message = _("公示期应为 1 到 60 个工作日。")
        raise DomainError(message, fields={"publication_days": message})
    made = AcceptanceRound.objects.create(
        year=data.year,
        standard_year=data.standard_year,
        self_inspection_due=data.self_inspection_due,
        application_due=data.application_due,
        inspection_due=data.inspection_due,
        publication_days=data.publication_days,
        opened_by=acting_user(actor),
    )
    audit_record(
        actor=actor,
        action="acceptance_round.open",
        target=made,
        changes={"year": [None, data.year], "standard_year": [None, data.standard_year]},
    )
    return made


def _standard(round_: AcceptanceRound, centre: ServiceCentre) -> CentreStandard:
    standard = CentreStandard.objects.filter(year=round_.standard_year, level=centre.level).first()
    if standard is None:
        raise DomainError(_("该层级在本批次的建设标准中没有规定，无法验收。"))
    return standard


@service
def acceptance_start(*, actor: Actor, round: AcceptanceRound, centre: ServiceCentre) -> Acceptance:
    """The centre's union staff start its self-inspection in the round: the checklist is
    copied from the round's standard for the centre's level (a later edit of the standard
    does not change a running acceptance)."""
    permissions.require(permissions.can_manage(actor, centre), user=actor, centre=centre)
    if Acceptance.objects.filter(round=round, centre=centre).exists():
        raise DomainError(_("该服务中心（站）已参加本年度验收。"))
    standard = _standard(round, centre)
    acceptance = Acceptance.objects.create(round=round, centre=centre, union=centre.union)
    AcceptanceItem.objects.bulk_create(
        AcceptanceItem(acceptance=acceptance, group=e.group, key=e.key, points=e.points, position=i)
        for i, e in enumerate(checklist.entries(standard))
    )
    audit_record(
        actor=actor,
        action="acceptance.start",
        target=acceptance,
        union=centre.union,
        changes={"round": [None, round.year]},
    )
    return acceptance


@service
def self_inspect_item(
    *,
    actor: Actor,
    item: AcceptanceItem,
    met: bool,
    note: str = "",
    evidence: Any = None,
) -> AcceptanceItem:
    """One item of the self-inspection: met or not, a note and optional evidence (a private
    file, served only after the acceptance's check)."""
    acceptance = item.acceptance
    _require_manage(actor, acceptance)
    ACCEPTANCE_FLOW.expect(acceptance, *SELF_EDITABLE, message=_("已申报的验收不能再修改自查。"))
    old = item.self_met
    item.self_met = bool(met)
    item.self_note = _text(note, 2000, "note")
    fields = ["self_met", "self_note"]
    if evidence is not None:
        upload = private_files.check_upload(evidence, field="evidence")

        def keep(checked: private_files.Upload, stored: Any) -> None:
            item.evidence_name = checked.name
            item.evidence_path = str(stored)
            item.evidence_type = checked.content_type

        private_files.store_each(files.centre_dir(acceptance.centre_id), [upload], keep)
        fields += ["evidence_name", "evidence_path", "evidence_type"]
    item.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="acceptance.self_item",
        target=acceptance,
        union=acceptance.union,
        changes={"item": ["", item.key], "self_met": [old, item.self_met]},
    )
    return item


@service
def self_report_save(
    *, actor: Actor, acceptance: Acceptance, report: str, document: Any = None
) -> Acceptance:
    """The self-inspection report (自查报告): text and an optional file."""
    _require_manage(actor, acceptance)
    ACCEPTANCE_FLOW.expect(acceptance, *SELF_EDITABLE, message=_("已申报的验收不能再修改自查。"))
    acceptance.self_report = _text(report, 20000, "report")
    if document is not None:
        upload = private_files.check_upload(document, field="document")

        def keep(checked: private_files.Upload, stored: Any) -> None:
            acceptance.self_report_name = checked.name
            acceptance.self_report_path = str(stored)
            acceptance.self_report_type = checked.content_type

        private_files.store_each(files.centre_dir(acceptance.centre_id), [upload], keep)
    acceptance.save()
    audit_record(
        actor=actor,
        action="acceptance.self_report",
        target=acceptance,
        union=acceptance.union,
        changes={"report": ["", acceptance.self_report_name or "…"]},
    )
    return acceptance


def self_problems(acceptance: Acceptance) -> list[str]:
    problems = []
    if acceptance.items.filter(self_met__isnull=True).exists():
        problems.append(_("还有项目未自查。"))
    if not acceptance.self_report and not acceptance.self_report_path:
        problems.append(_("请填写自查报告。"))
    return problems


@service
def application_submit(
    *,
    actor: Actor,
    union: Union,
    round: AcceptanceRound,
    acceptances: list[Acceptance],
    note: str = "",
) -> AcceptanceApplication:
    """The application form: a district, bureau or industry union proposes its centres
    whose self-inspection is complete. All or nothing."""
    if not policy.has_perm(actor, Perm.CENTRE_MANAGE, union):
        if policy.has_perm(actor, Perm.CENTRE_VIEW, union):
            raise PermissionDenied()
        raise NotFound()
    if not permissions.proposes(union):
        raise DomainError(_("验收申报表由区、局（总公司）、产业和直属大单位工会统一上报。"))
    if not acceptances:
        message = _("请选择要申报的服务中心（站）。")
        raise DomainError(message, fields={"acceptances": message})
    errors = []
    for acceptance in acceptances:
        if acceptance.round_id != round.pk or not acceptance.union.path.startswith(union.path):
            raise NotFound()
        if acceptance.status not in SELF_EDITABLE:
            errors.append(_("%(c)s：已申报。") % {"c": acceptance.centre.name})
        for problem in self_problems(acceptance):
            errors.append(f"{acceptance.centre.name}：{problem}")
    if errors:
        raise DomainError("；".join(errors), fields={"acceptances": "；".join(errors)})
    application = AcceptanceApplication.objects.create(
        round=round, union=union, submitted_by=acting_user(actor), note=_text(note, 2000, "note")
    )
    for acceptance in acceptances:
        acceptance.application = application
        transition(acceptance, ACCEPTANCE_FLOW, S.SUBMITTED, actor=actor, union=acceptance.union)
    audit_record(
        actor=actor,
        action="acceptance_application.submit",
        target=application,
        union=union,
        changes={"count": [None, len(acceptances)]},
    )
    return application


@dataclass
class InspectionInput:
    met: bool
    seen: str = ""
    ledgers: str = ""
    forum: str = ""
    points: Decimal | None = None  # defaults to all the item's points when met, none if not


@service
def inspect_item(*, actor: Actor, item: AcceptanceItem, data: InspectionInput) -> AcceptanceItem:
    """The working group's finding on one item: what was seen (看), what the ledgers show (查),
    what the forum said (谈); met or not, with points. It overrides the self-score."""
    acceptance = item.acceptance
    _require_inspector(actor, acceptance)
    ACCEPTANCE_FLOW.expect(acceptance, S.SUBMITTED, message=_("只能验收已申报的服务中心。"))
    points = data.points if data.points is not None else (item.points if data.met else 0)
    points = Decimal(points)
    if not Decimal(0) <= points <= item.points:
        message = _("得分应在 0 到 %(p)s 之间。") % {"p": item.points}
        raise DomainError(message, fields={"points": message})
    old = item.inspected_points
    item.inspected_met = bool(data.met)
    item.inspected_points = points
    item.seen = _text(data.seen, 2000, "seen")
    item.ledgers = _text(data.ledgers, 2000, "ledgers")
    item.forum = _text(data.forum, 2000, "forum")
    item.save()
    if acceptance.inspector_id is None:
        acceptance.inspector = acting_user(actor)
        acceptance.save(update_fields=["inspector", "updated_at"])
    audit_record(
        actor=actor,
        action="acceptance.inspect_item",
        target=acceptance,
        union=acceptance.union,
        changes={
            "item": ["", item.key],
            "points": [None if old is None else str(old), str(points)],
        },
    )
    return item


def group_percentages(acceptance: Acceptance) -> dict[str, Decimal]:
    """Hardware and mechanism percentages from the inspected points, exact."""
    out = {}
    for group in AcceptanceItem.Group.values:
        sums = acceptance.items.filter(group=group).aggregate(
            got=Sum("inspected_points"), total=Sum("points")
        )
        total = sums["total"] or Decimal(0)
        out[group] = grading.percentage(sums["got"] or 0, total) if total else Decimal(0)
    return out


def satisfaction(acceptance: Acceptance) -> Decimal | None:
    """The centre's satisfaction rate from its latest visitors' survey (surveys engine)."""
    from zhigong.surveys import satisfaction as rates
    from zhigong.surveys.models import Survey

    survey = (
        Survey.objects.filter(target_kind="centre_visitors", target_id=acceptance.centre_id)
        .order_by("-closes_at", "-pk")
        .first()
    )
    return rates.survey_rate(survey) if survey else None


def _grade(actor: Actor, acceptance: Acceptance) -> None:
    pcts = group_percentages(acceptance)
    rate = satisfaction(acceptance)
    acceptance.hardware_pct = grading.for_display(pcts["hardware"], 4)
    acceptance.mechanism_pct = grading.for_display(pcts["mechanism"], 4)
    if rate is None and not acceptance.satisfaction_reason:
        acceptance.save()
        return  # stays inspected: shown as missing until there are answers or a reason
    # Without answers and with the city's recorded reason, satisfaction counts as 0: the
    # centre is graded on what was found (and does not pass unless the city says why later).
    exact = rate if rate is not None else Decimal(0)
    acceptance.satisfaction_pct = grading.for_display(exact, 4) if rate is not None else None
    found = grading.grade(pcts["hardware"], pcts["mechanism"], exact).value
    acceptance.computed_grade = found
    acceptance.grade = found
    transition(
        acceptance,
        ACCEPTANCE_FLOW,
        S.GRADED,
        actor=actor,
        union=acceptance.union,
        changes={"grade": ["", found]},
    )


@service
def inspection_complete(*, actor: Actor, acceptance: Acceptance) -> Acceptance:
    """Close the inspection once every item has a finding; grade when satisfaction is known."""
    _require_inspector(actor, acceptance)
    ACCEPTANCE_FLOW.expect(acceptance, S.SUBMITTED, message=_("只能验收已申报的服务中心。"))
    if acceptance.items.filter(inspected_met__isnull=True).exists():
        raise DomainError(_("还有项目未验收。"))
    acceptance.inspected_at = timezone.now()
    transition(acceptance, ACCEPTANCE_FLOW, S.INSPECTED, actor=actor, union=acceptance.union)
    _grade(actor, acceptance)
    return acceptance


@service
def grade_compute(*, actor: Actor, acceptance: Acceptance, reason: str = "") -> Acceptance:
    """Grade an inspected acceptance: once the survey has answers, or with the city's
    recorded reason for having none."""
    _require_inspector(actor, acceptance)
    ACCEPTANCE_FLOW.expect(acceptance, S.INSPECTED)
    acceptance.satisfaction_reason = _text(reason, 255, "reason")
    _grade(actor, acceptance)
    if acceptance.status != S.GRADED:
        message = _("该服务中心还没有满意度测评答卷，请等待答卷或填写原因。")
        raise DomainError(message, fields={"reason": message})
    return acceptance


@service
def acceptance_return(*, actor: Actor, acceptance: Acceptance, reason: str) -> Acceptance:
    """The working group returns an application (or an inspection) with reasons."""
    _require_inspector(actor, acceptance)
    reason = _text(reason, 500, "reason")
    if not reason:
        raise DomainError(_("请填写退回原因。"), fields={"reason": _("请填写退回原因。")})
    acceptance.return_reason = reason
    transition(
        acceptance, ACCEPTANCE_FLOW, S.RETURNED, actor=actor, reason=reason, union=acceptance.union
    )
    return acceptance


@service
def acceptance_approve(*, actor: Actor, acceptance: Acceptance) -> Acceptance:
    """The city approves the grade: someone other than the inspector."""
    _require_inspector(actor, acceptance)
    user = acting_user(actor)
    if user is not None and user.pk == acceptance.inspector_id:
        raise PermissionDenied(_("验收人不能审定自己验收的结果。"))
    acceptance.approved_by = user
    transition(acceptance, ACCEPTANCE_FLOW, S.APPROVED, actor=actor, union=acceptance.union)
    return acceptance


@service
def acceptance_publish(*, actor: Actor, acceptance: Acceptance) -> Acceptance:
    """Publish (公示) on the portal for the round's period of working days."""
    _require_inspector(actor, acceptance)
    today = timezone.localdate()
    acceptance.published_on = today
    acceptance.publish_until = calendar.add_working_days(
        today, acceptance.round.publication_days
    ).date
    transition(acceptance, ACCEPTANCE_FLOW, S.PUBLISHED, actor=actor, union=acceptance.union)
    return acceptance


@service
def acceptance_finalise(*, actor: Actor, acceptance: Acceptance) -> Acceptance:
    _require_inspector(actor, acceptance)
    transition(acceptance, ACCEPTANCE_FLOW, S.FINAL, actor=actor, union=acceptance.union)
    return acceptance


@service
def award_record(*, actor: Actor, acceptance: Acceptance, amount: Decimal, note: str) -> Acceptance:
    """Funds and awards granted to a centre that passed (seed 002 §6.3)."""
    _require_inspector(actor, acceptance)
    ACCEPTANCE_FLOW.expect(acceptance, S.APPROVED, S.PUBLISHED, S.FINAL)
    if acceptance.grade == AcceptanceGrade.NOT_PASSED:
        raise DomainError(_("未达标的服务中心不予奖补。"))
    if amount is None or amount < 0 or amount > Decimal("9999999999.99"):
        raise DomainError(_("金额无效。"), fields={"amount": _("金额无效。")})
    old = acceptance.award_amount
    acceptance.award_amount = amount
    acceptance.award_note = _text(note, 255, "note")
    acceptance.save()
    audit_record(
        actor=actor,
        action="acceptance.award",
        target=acceptance,
        union=acceptance.union,
        changes={
            "award_amount": [None if old is None else str(old), str(amount)],
            "award_note": ["", acceptance.award_note],
        },
    )
    return acceptance


@service
def complaint_lower(*, actor: Actor, acceptance: Acceptance, to: str, reason: str) -> Acceptance:
    """A verified complaint lowers the grade (never raises it), with the reason recorded;
    shown on the centre's page and in the published result."""
    _require_inspector(actor, acceptance)
    ACCEPTANCE_FLOW.expect(acceptance, *GRADED_OR_LATER)
    reason = _text(reason, 500, "reason")
    if not reason:
        raise DomainError(_("请填写降级原因。"), fields={"reason": _("请填写降级原因。")})
    if to not in RANK or RANK.index(to) <= RANK.index(acceptance.grade):
        message = _("只能降低等级。")
        raise DomainError(message, fields={"to": message})
    old = acceptance.grade
    acceptance.grade = to
    acceptance.complaint_reason = reason
    acceptance.save()
    audit_record(
        actor=actor,
        action="acceptance.lower",
        target=acceptance,
        union=acceptance.union,
        reason=reason,
        changes={"grade": [old, to]},
    )
    return acceptance
