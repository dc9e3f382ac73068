"""The member's own pages at /me/: apply, see the application, the card, their data,
change requests, consents, export, leaving; and their notices."""

from __future__ import annotations

import json
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import form_error
from zhigong.members.choices import (
    ETHNICITY_CHOICES,
    ApplicationStatus,
    CardStatus,
    Education,
    MemberStatus,
    PoliticalStatus,
    RequestStatus,
)
from zhigong.members.models import Member, MembershipApplication
from zhigong.members.services import applications, cards, selfservice
from zhigong.members.services.registry import PersonInput
from zhigong.notifications.views import notice_list
from zhigong.unions.models import Union, UnionKind


def own_member(request: HttpRequest) -> Member | None:
    return Member.objects.select_related("union").filter(user=me_user(request)).first()


def me_user(request: HttpRequest) -> Any:
    """The logged-in user (the views are behind ``login_required``)."""
    return request.user


def require_member(request: HttpRequest, *, active: bool = True) -> Member:
    """The logged-in user's own member record; 404 for a user who has none (or who left)."""
    member = own_member(request)
    if member is None or (active and member.status == MemberStatus.LEFT):
        raise NotFound()
    return member


def grassroots_search(query: str, limit: int = 20) -> list[Union]:
    """Active grassroots unions by name or code: names and codes only, for any logged-in user."""
    query = query.strip()
    if not query:
        return []
    return list(
        Union.objects.filter(kind=UnionKind.GRASSROOTS, is_active=True)
        .filter(name__icontains=query)
        .only("code", "name")
        .order_by("name")[:limit]
    ) or list(
        Union.objects.filter(kind=UnionKind.GRASSROOTS, is_active=True, code__iexact=query).only(
            "code", "name"
        )[:limit]
    )


def grassroots_by_code(code: str) -> Union | None:
    return Union.objects.filter(
        code=code.strip(), kind=UnionKind.GRASSROOTS, is_active=True
    ).first()


# --- forms -------------------------------------------------------------------------------

BLANK: list[tuple[str, Any]] = [("", "—")]


class PersonForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=64)
    id_number = forms.CharField(
        label=gettext_lazy("身份证号"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    ethnicity = forms.ChoiceField(
        label=gettext_lazy("民族"), choices=BLANK + ETHNICITY_CHOICES, required=False
    )
    political_status = forms.ChoiceField(
        label=gettext_lazy("政治面貌"), choices=BLANK + PoliticalStatus.choices, required=False
    )
    education = forms.ChoiceField(
        label=gettext_lazy("学历"), choices=BLANK + Education.choices, required=False
    )
    job = forms.CharField(label=gettext_lazy("岗位"), max_length=64, required=False)
    union = forms.CharField(
        label=gettext_lazy("工作单位（基层工会编码）"),
        max_length=64,
        help_text=gettext_lazy("在下方搜索框输入单位名称，点选后自动填入。"),
    )

    def person(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            ethnicity=data["ethnicity"],
            political_status=data["political_status"],
            education=data["education"],
            job=data["job"],
        )


def submit_application(
    request: HttpRequest, form: PersonForm, *, applicant: Any
) -> MembershipApplication | None:
    """Shared by the self-application page and the officer's entry page."""
    union = grassroots_by_code(form.cleaned_data["union"])
    if union is None:
        form.add_error("union", _("请选择有效的基层工会。"))
        return None
    try:
        return applications.application_submit(
            request.user, person=form.person(), union=union, applicant_user=applicant
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
    "status": gettext_lazy("会员状态变更"),
    "change": gettext_lazy("资料变更"),
    "transfer": gettext_lazy("会籍转移"),
    "import": gettext_lazy("批量导入"),
    "update": gettext_lazy("资料修改"),
}


@login_required
def me(request: HttpRequest) -> HttpResponse:
    member = own_member(request)
    context: dict[str, Any] = {"member": member}
    if member is not None and member.status != MemberStatus.LEFT:
        context.update(
            card=cards.current_card(member),
            pending_change=member.change_requests.filter(status=RequestStatus.PENDING).first(),
            history=[
                (h.at, HISTORY_LABELS.get(h.action, h.action), h.reason)
                for h in member.history.all()[:10]
            ],
        )
    context["application"] = (
        MembershipApplication.objects.filter(applicant=me_user(request))
        .select_related("union")
        .order_by("-created_at")
        .first()
    )
    return render(request, "members/portal_me.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    member = own_member(request)
    already = member is not None and member.status != MemberStatus.LEFT
    open_application = MembershipApplication.objects.filter(
        applicant=me_user(request), status__in=applications.OPEN_STATUSES
    ).first()
    form = PersonForm(request.POST or None, initial={"name": me_user(request).get_full_name()})
    if (
        request.method == "POST"
        and not already
        and open_application is None
        and form.is_valid()
        and submit_application(request, form, applicant=me_user(request)) is not None
    ):
        messages.success(request, _("入会申请已提交，请等待基层工会审核。"))
        return redirect("portal:my_application")
    union = grassroots_by_code(form["union"].value() or "")
    return render(
        request,
        "members/portal_apply.html",
        {"form": form, "already": already, "open_application": open_application, "union": union},
    )


@login_required
@require_GET
def apply_union_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    field = request.GET.get("field", "union")
    if field not in ("union", "to_union"):
        field = "union"
    return render(
        request,
        "members/portal_union_search.html",
        {"unions": grassroots_search(query), "q": query.strip(), "field": field},
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
def my_application(request: HttpRequest) -> HttpResponse:
    mine = MembershipApplication.objects.filter(applicant=me_user(request)).select_related(
        "union", "reviewed_by"
    )
    application = mine.order_by("-created_at").first()
    if request.method == "POST" and application is not None:
        try:
            applications.application_withdraw(request.user, application=application)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("申请已撤回。"))
        return redirect("portal:my_application")
    return render(
        request,
        "members/portal_application.html",
        {
            "application": application,
            "steps": application_steps(application) if application else [],
            "earlier": mine.order_by("-created_at")[1:10],
            "can_withdraw": application is not None
            and application.status in applications.OPEN_STATUSES,
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


def card_qr_svg(card: Any) -> str:
    return segno.make(cards.card_token(card), error="m").svg_inline(scale=5, border=2)


@login_required
@require_http_methods(["GET", "POST"])
def my_card(request: HttpRequest) -> HttpResponse:
    member = require_member(request)
    card = cards.current_card(member)
    reissue_form = ReasonForm(request.POST if request.POST.get("action") == "reissue" else None)
    if request.method == "POST" and card is not None:
        action = request.POST.get("action")
        try:
            if action == "activate":
                cards.card_activate(request.user, card=card)
                messages.success(request, _("会员卡已启用。"))
                return redirect("portal:card")
            if action == "reissue" and reissue_form.is_valid():
                cards.card_reissue(
                    request.user, card=card, reason=reissue_form.cleaned_data["reason"]
                )
                messages.success(request, _("原卡已挂失作废，新卡已启用。"))
                return redirect("portal:card")
        except DomainError as exc:
            form_error(reissue_form, exc)
    qr = card_qr_svg(card) if card is not None and card.status == CardStatus.ACTIVE else ""
    return render(
        request,
        "members/portal_card.html",
        {"member": member, "card": card, "qr": qr, "reissue_form": reissue_form},
    )


@login_required
@require_GET
def my_card_qr(request: HttpRequest) -> HttpResponse:
    """The QR code alone, for the htmx refresh every four minutes."""
    member = require_member(request)
    card = cards.current_card(member)
    if card is None or card.status != CardStatus.ACTIVE:
        return HttpResponse(_("会员卡未启用。"))
    return render(
        request,
        "members/portal_card_qr.html",
        {"qr": card_qr_svg(card), "now": timezone.localtime()},
    )


class ChangeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=64)
    phone = forms.CharField(label=gettext_lazy("手机号"), max_length=20, required=False)
    job = forms.CharField(label=gettext_lazy("岗位"), max_length=64, required=False)
    education = forms.ChoiceField(
        label=gettext_lazy("学历"), choices=BLANK + Education.choices, required=False
    )
    political_status = forms.ChoiceField(
        label=gettext_lazy("政治面貌"), choices=BLANK + PoliticalStatus.choices, required=False
    )
    ethnicity = forms.ChoiceField(
        label=gettext_lazy("民族"), choices=BLANK + ETHNICITY_CHOICES, required=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_change(request: HttpRequest) -> HttpResponse:
    member = require_member(request)
    pending = member.change_requests.filter(status=RequestStatus.PENDING).first()
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
            selfservice.change_request_cancel(request.user, request=pending)
            messages.success(request, _("变更申请已撤销。"))
            return redirect("portal:change")
        if form.is_valid():
            changes = {k: v for k, v in form.cleaned_data.items() if isinstance(v, str)}
            if changes.get("phone") == member.phone_masked:
                changes.pop("phone")  # the masked value shown in the form: unchanged
            try:
                selfservice.change_request_create(request.user, member=member, changes=changes)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("变更申请已提交，工会工作人员确认后生效。"))
                return redirect("portal:change")
    return render(
        request,
        "members/portal_change.html",
        {
            "member": member,
            "form": form,
            "pending": pending,
            "labels": selfservice.FIELD_LABELS,
            "recent": member.change_requests.exclude(status=RequestStatus.PENDING).order_by(
                "-created_at"
            )[:10],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_consents(request: HttpRequest) -> HttpResponse:
    member = require_member(request)
    if request.method == "POST":
        purpose = request.POST.get("purpose", "")
        try:
            if request.POST.get("action") == "grant":
                selfservice.consent_grant(request.user, member=member, purpose=purpose)
                messages.success(request, _("已同意。"))
            else:
                selfservice.consent_withdraw(request.user, member=member, purpose=purpose)
                messages.success(request, _("已撤回同意。"))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("portal:consents")
    return render(
        request,
        "members/portal_consents.html",
        {"member": member, "rows": selfservice.consent_state(member)},
    )


@login_required
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    member = require_member(request, active=False)
    data = selfservice.member_export(request.user, member=member, fmt="json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-member-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    member = require_member(request, active=False)
    data = selfservice.member_export(request.user, member=member, fmt="xlsx")
    response = HttpResponse(
        selfservice.export_xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="my-member-data.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    member = require_member(request)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") != "yes":
            form.add_error(None, _("请勾选“我确认退会”。"))
        else:
            try:
                selfservice.member_leave(
                    request.user, member=member, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("您已退会。"))
                return redirect("portal:me")
    return render(request, "members/portal_leave.html", {"member": member, "form": form})


portal_urlpatterns: list[URLPattern] = [
    path("me/", me, name="me"),
    path("me/apply/", apply, name="apply"),
    path("me/apply/union-search", apply_union_search, name="apply_union_search"),
    path("me/application/", my_application, name="my_application"),
    path("me/card/", my_card, name="card"),
    path("me/card/qr/", my_card_qr, name="card_qr"),
    path("me/change/", my_change, name="change"),
    path("me/consents/", my_consents, name="consents"),
    path("me/export.json", export_json, name="export_json"),
    path("me/export.xlsx", export_xlsx, name="export_xlsx"),
    path("me/leave/", leave, name="leave"),
    path("me/notices/", notice_list, name="notices"),
]
