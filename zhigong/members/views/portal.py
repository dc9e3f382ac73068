"""The member's own pages at /me/: apply, see the application, the card, their data,
change requests, consents, export, leaving."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.forms import ReasonForm
from zhigong.core.labels import choice_label
from zhigong.core.masking import mask_phone
from zhigong.core.views import AuthenticatedRequest, form_error, page_of
from zhigong.members import notices, selectors
from zhigong.members.choices import ApplicationStatus, CardStatus, MemberStatus
from zhigong.members.forms import ApplyForm, ChangeForm, PersonForm
from zhigong.members.models import APPLICATION_FLOW, Member, MembershipApplication
from zhigong.members.personal import phone_of
from zhigong.members.selectors import access
from zhigong.members.selectors import portal as mine
from zhigong.members.services import applications, cards, selfexport, selfservice
from zhigong.unions.models import UnionKind
from zhigong.unions.selectors import PickScope, union_pick_search

# The application form's union picker: every active grassroots union, for anyone logged in.
PORTAL_PICK = PickScope(None, UnionKind.GRASSROOTS, everyone=True)


def submit_application(
    request: AuthenticatedRequest,
    form: PersonForm,
    *,
    applicant: Any,
    notice_version: str = "",
) -> MembershipApplication | None:
    """Shared by the self-application page and the officer's entry page."""
    union = form.cleaned_data["union"]
    try:
        return applications.application_submit(
            actor=request.user,
            person=form.person(),
            union=union,
            applicant_user=applicant,
            notice_version=notice_version,
        )
    except DomainError as exc:
        if exc.code == "not_found":
            form.add_error("union", _("您无权为该工会录入申请。"))
        else:
            form_error(form, exc)
        return None


# --- pages -------------------------------------------------------------------------------

HISTORY_LABELS = {
    "create": gettext_lazy("入会登记"),
    "rejoin": gettext_lazy("重新入会"),
    "claim": gettext_lazy("绑定本人账号"),
    "status": gettext_lazy("会员状态变更"),
    "change": gettext_lazy("资料变更"),
    "transfer": gettext_lazy("会籍转移"),
    "import": gettext_lazy("批量导入"),
    "update": gettext_lazy("资料修改"),
}


@never_cache
@login_required
def me(request: AuthenticatedRequest) -> HttpResponse:
    member = mine.own_member(request.user)
    context: dict[str, Any] = {"member": member}
    if member is not None and member.status != MemberStatus.LEFT:
        context.update(
            card=selectors.member_current_card(member),
            pending_change=mine.pending_change(member),
            history=[
                (h.at, HISTORY_LABELS.get(h.action, h.action), h.reason)
                for h in selectors.member_history(member, limit=10)
            ],
        )
    context["application"] = mine.own_applications(request.user).first()
    return render(request, "members/portal_me.html", context)


def _known(user: Any, member: Member | None) -> tuple[str, str]:
    """The name and phone the platform already has for this person: their account's, else
    the member record they left (a worker rejoining)."""
    name = getattr(user, "full_name", "") or (member.name if member is not None else "")
    phone = getattr(user, "phone", "") or (phone_of(member) if member is not None else "")
    return name, phone


@never_cache  # the form shows back the ID number and phone typed
@login_required
@require_http_methods(["GET", "POST"])
def apply(request: AuthenticatedRequest) -> HttpResponse:
    member = mine.own_member(request.user)
    already = member is not None and member.status != MemberStatus.LEFT
    open_application = mine.own_open_application(request.user)
    name, phone = _known(request.user, member)
    form = ApplyForm(
        request.POST or None,
        user=request.user,
        known_phone=phone,
        initial={"name": name, "phone": mask_phone(phone)},
    )
    if (
        request.method == "POST"
        and not already
        and open_application is None
        and form.is_valid()
        and submit_application(
            request, form, applicant=request.user, notice_version=form.notice_version
        )
        is not None
    ):
        messages.success(request, _("入会申请已提交，请等待基层工会审核。"))
        return redirect("portal:members:my_application")
    notice = notices.current_notice()
    title, paragraphs = notice.shown()
    return render(
        request,
        "members/portal_apply.html",
        {
            "form": form,
            "already": already,
            "open_application": open_application,
            "notice": notice,
            "notice_title": title,
            "notice_paragraphs": paragraphs,
        },
    )


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice for the member records, for anyone (``?v=`` an earlier version,
    the one a member agreed to)."""
    notice = notices.notice(request.GET.get("v", "")) or notices.current_notice()
    title, paragraphs = notice.shown()
    return render(
        request,
        "members/privacy_notice.html",
        {
            "notice": notice,
            "notice_title": title,
            "notice_paragraphs": paragraphs,
            "is_current": notice.version == notices.CURRENT,
            "current": notices.CURRENT,
            "versions": list(notices.NOTICES),
        },
    )


_PICK_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


@login_required
@require_GET
def apply_union_search(request: AuthenticatedRequest) -> HttpResponse:
    """The application form's union search, as you type: active grassroots unions by name
    or code, for anyone logged in, each with its path (``unions/_pick_results.html``, the
    same list as the workbench's picker). ``?field=union&target=id_union&union=机械`` (or
    ``q=``)."""
    params = request.GET
    field = params.get("field", "")
    field = field if _PICK_NAME.match(field) else "union"
    target = params.get("target", "")
    target = target if _PICK_NAME.match(target) else f"id_{field}"
    query = (params.get("q") or params.get(field) or "")[:64]
    rows = union_pick_search(user=request.user, scope=PORTAL_PICK, query=query)
    return render(
        request,
        "unions/_pick_results.html",
        {"rows": rows, "query": query.strip(), "field": field, "target": target},
    )


STEPS = [
    ("submitted", gettext_lazy("提交申请")),
    ("reviewed", gettext_lazy("基层工会审核")),
    ("approved", gettext_lazy("服务中心审批")),
    ("card", gettext_lazy("入会发卡")),
]


def application_steps(application: MembershipApplication) -> list[dict[str, Any]]:
    """The four steps with done / current / failed / waiting, for the step list."""
    status = application.status
    reached: int | None = {
        str(ApplicationStatus.SUBMITTED): 1,
        str(ApplicationStatus.REVIEWED): 2,
        str(ApplicationStatus.APPROVED): 4,
    }.get(str(status))
    if reached is None:  # rejected or withdrawn: where it stopped
        reached = 2 if application.review_stamp else 1
    steps = []
    for i, (key, label) in enumerate(STEPS):
        if i < reached:
            state = "done"
        elif i == reached and status in (ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWED):
            state = "current"
        elif i == reached and status == ApplicationStatus.REJECTED:
            state = "failed"
        else:
            state = "waiting"
        steps.append({"key": key, "label": label, "state": state})
    return steps


@login_required
@require_http_methods(["GET", "POST"])
def my_application(request: AuthenticatedRequest) -> HttpResponse:
    own = mine.own_applications(request.user)
    application = own.first()
    if request.method == "POST" and application is not None:
        try:
            applications.application_withdraw(actor=request.user, application=application)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("申请已撤回。"))
        return redirect("portal:members:my_application")
    return render(
        request,
        "members/portal_application.html",
        {
            "application": application,
            "steps": application_steps(application) if application else [],
            "earlier": own[1:10],
            "can_withdraw": application is not None
            and APPLICATION_FLOW.allows(application.status, ApplicationStatus.WITHDRAWN),
        },
    )


def card_qr_svg(card: Any) -> str:
    return _qr_svg(cards.card_token(card))


@functools.lru_cache(maxsize=2048)
def _qr_svg(token: str) -> str:
    """The QR code of a token, drawn once per process (drawing took half the card page's
    time). The key is the whole token: a card's token changes every ``CARD_TOKEN_STEP``
    seconds and whenever its number changes, so a drawing is never shown for another card
    or after its token expired. The cache is this process's memory, never shared storage."""
    return segno.make(token, error="m").svg_inline(scale=5, border=2)


@never_cache  # the QR code holds a token that proves membership
@login_required
@require_http_methods(["GET", "POST"])
def my_card_page(request: AuthenticatedRequest) -> HttpResponse:
    member, card = mine.own_member_and_card_or_404(request.user)
    reissue_form = ReasonForm(request.POST if request.POST.get("action") == "reissue" else None)
    if request.method == "POST" and card is not None:
        action = request.POST.get("action")
        try:
            if action == "activate":
                cards.card_activate(actor=request.user, card=card)
                messages.success(request, _("会员卡已启用。"))
                return redirect("portal:members:card")
            if action == "reissue" and reissue_form.is_valid():
                cards.card_reissue(
                    actor=request.user, card=card, reason=reissue_form.cleaned_data["reason"]
                )
                messages.success(request, _("原卡已挂失作废，新卡已启用。"))
                return redirect("portal:members:card")
        except DomainError as exc:
            form_error(reissue_form, exc)
    qr = card_qr_svg(card) if card is not None and card.status == CardStatus.ACTIVE else ""
    return render(
        request,
        "members/portal_card.jinja",
        {
            "member": member,
            "card": card,
            "card_status": choice_label(CardStatus, card.status) if card is not None else "",
            "qr": qr,
            "reissue_form": reissue_form,
        },
    )


@never_cache
@login_required
@require_GET
def my_card_qr(request: AuthenticatedRequest) -> HttpResponse:
    """The QR code alone, for the htmx refresh every four minutes."""
    member = mine.own_member_or_404(request.user)
    card = selectors.member_current_card(member)
    if card is None or card.status != CardStatus.ACTIVE:
        return HttpResponse(_("会员卡未启用。"))
    return render(
        request,
        "members/_portal_card_qr.jinja",
        {"qr": card_qr_svg(card), "now": timezone.localtime().strftime("%H:%M")},
    )


@never_cache  # the form shows back the phone typed
@login_required
@require_http_methods(["GET", "POST"])
def my_change(request: AuthenticatedRequest) -> HttpResponse:
    member = mine.own_member_or_404(request.user)
    pending = mine.pending_change(member)
    initial = {
        "name": member.name,
        "phone": member.phone_masked,
        "job": member.job,
        "education": member.education,
        "political_status": member.political_status,
        "ethnicity": member.ethnicity,
    }
    form = ChangeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "cancel" and pending is not None:
            selfservice.change_request_cancel(actor=request.user, request=pending)
            messages.success(request, _("变更申请已撤销。"))
            return redirect("portal:members:change")
        if form.is_valid():
            changes = {k: v for k, v in form.cleaned_data.items() if isinstance(v, str)}
            if changes.get("phone") == member.phone_masked:
                changes.pop("phone")  # the masked value shown in the form: unchanged
            try:
                selfservice.change_request_create(
                    actor=request.user, member=member, changes=changes
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("变更申请已提交，工会工作人员确认后生效。"))
                return redirect("portal:members:change")
    return render(
        request,
        "members/portal_change.html",
        {
            "member": member,
            "form": form,
            "pending": pending,
            "labels": selfservice.FIELD_LABELS,
            "recent": mine.decided_changes(member),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_consents(request: AuthenticatedRequest) -> HttpResponse:
    member = mine.own_member_or_404(request.user)
    if request.method == "POST":
        purpose = request.POST.get("purpose", "")
        try:
            if request.POST.get("action") == "grant":
                selfservice.consent_grant(actor=request.user, member=member, purpose=purpose)
                messages.success(request, _("已同意。"))
            else:
                selfservice.consent_withdraw(actor=request.user, member=member, purpose=purpose)
                messages.success(request, _("已撤回同意。"))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("portal:members:consents")
    return render(
        request,
        "members/portal_consents.html",
        {"member": member, "rows": selfservice.consent_state(member)},
    )


@never_cache
@login_required
@require_GET
def my_access_log(request: AuthenticatedRequest) -> HttpResponse:
    """Who viewed my full data, when, why and how (``selectors.access``), newest first."""
    member = mine.own_member_or_404(request.user, active=False)
    page = page_of(request, access.access_log_of(member), 20)
    return render(
        request,
        "members/portal_access.html",
        {"member": member, "page": page, "entries": access.access_entries(member, page)},
    )


@never_cache
@login_required
@require_GET
def export_json_page(request: AuthenticatedRequest) -> HttpResponse:
    member = mine.own_member_or_404(request.user, active=False)
    export = selfexport.member_export(actor=request.user, member=member, fmt="json")
    response = HttpResponse(
        json.dumps(export.as_json(), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-member-data.json"'
    return response


@never_cache
@login_required
@require_GET
def export_xlsx_page(request: AuthenticatedRequest) -> HttpResponse:
    member = mine.own_member_or_404(request.user, active=False)
    export = selfexport.member_export(actor=request.user, member=member, fmt="xlsx")
    response = HttpResponse(
        selfexport.export_xlsx(export),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="my-member-data.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: AuthenticatedRequest) -> HttpResponse:
    member = mine.own_member_or_404(request.user)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") != "yes":
            form.add_error(None, _("请勾选“我确认退会”。"))
        else:
            try:
                selfservice.member_leave(
                    actor=request.user, member=member, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("您已退会。"))
                return redirect("portal:members:me")
    return render(request, "members/portal_leave.html", {"member": member, "form": form})
