"""Staff queues of the member workflows: applications to join, members' change requests,
transfers between grassroots unions. Every list is scoped; every detail outside scope 404s."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from zhigong.accounts.roles import Perm
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.masking import mask_name
from zhigong.core.views import form_error, staff_context
from zhigong.members import selectors_workflows as selectors
from zhigong.members.choices import ApplicationStatus, RequestStatus
from zhigong.members.models import Member
from zhigong.members.services import applications, selfservice, transfers
from zhigong.members.views.portal import PersonForm, grassroots_by_code, submit_application
from zhigong.unions import policy


def _decided(
    request: HttpRequest,
    form: forms.Form | None,
    decide: Callable[[dict[str, Any]], object],
    *,
    back: str,
    pk: int,
    not_yours: str,
) -> HttpResponse | None:
    """The POST of a decision form: ``decide(cleaned_data)`` and back to the detail page.

    None when the page is to be shown again (a GET, or a form with errors, domain errors
    included). ``not_yours`` is the message for someone with nothing to decide here.
    """
    if request.method != "POST":
        return None
    if form is None:
        messages.error(request, not_yours)
        return redirect(back, pk)
    if not form.is_valid():
        return None
    try:
        decide(form.cleaned_data)
    except DomainError as exc:
        form_error(form, exc)
        return None
    messages.success(request, _("已处理。"))
    return redirect(back, pk)


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, 30).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- applications ------------------------------------------------------------------------


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    if not selectors.application_paths(request.user):
        raise NotFound()
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    q = request.GET.get("q", "").strip()
    page = _page(request, selectors.application_list(user=request.user, status=status, query=q))
    return render(
        request,
        "members/queue_applications.html",
        {
            **staff_context(request, "applications"),
            "page": page,
            "status": status,
            "q": q,
            "statuses": ApplicationStatus.choices,
            "query": _query(request),
            "can_enter": bool(policy.scope_paths(request.user, Perm.MEMBER_MANAGE)),
        },
    )


def _reason_field(help_text: Any) -> forms.CharField:
    """The optional reason of a decision (required, by the service, when declining)."""
    return forms.CharField(
        label=gettext_lazy("理由"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审核意见"),
        choices=[("approve", gettext_lazy("通过")), ("reject", gettext_lazy("驳回"))],
        widget=forms.RadioSelect,
    )
    stamp_name = forms.CharField(
        label=gettext_lazy("审核人（盖章）"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("通过时填写审核人姓名，作为基层工会盖章。"),
    )
    reason = _reason_field(gettext_lazy("驳回时必填。"))


class ApproveForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审批意见"),
        choices=[
            ("approve", gettext_lazy("批准入会并发卡")),
            ("reject", gettext_lazy("不予批准")),
        ],
        widget=forms.RadioSelect,
    )
    reason = _reason_field(gettext_lazy("不予批准时必填。"))


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    application = selectors.application_get(user=user, pk=pk)
    can_review = application.status == ApplicationStatus.SUBMITTED and policy.has_perm(
        user, Perm.MEMBER_REVIEW, application.union
    )
    can_approve = (
        application.status == ApplicationStatus.REVIEWED
        and policy.has_perm(user, Perm.MEMBER_APPROVE, application.union)
        and application.reviewed_by_id != user.pk
    )
    form: forms.Form | None = None
    if can_review:
        form = ReviewForm(
            request.POST or None, initial={"stamp_name": getattr(user, "full_name", "")}
        )
    elif can_approve:
        form = ApproveForm(request.POST or None)

    def decide(data: dict[str, Any]) -> None:
        approve = data["decision"] == "approve"
        if can_review:
            applications.application_review(
                user,
                application=application,
                approve=approve,
                stamp_name=data["stamp_name"],
                reason=data["reason"],
            )
        else:
            applications.application_approve(
                user, application=application, approve=approve, reason=data["reason"]
            )

    done = _decided(
        request,
        form,
        decide,
        back="staff:application_detail",
        pk=pk,
        not_yours=_("该申请当前无需您处理。"),
    )
    if done is not None:
        return done
    return render(
        request,
        "members/queue_application_detail.html",
        {
            **staff_context(request, "applications"),
            "application": application,
            "form": form,
            "form_title": _("基层工会审核") if can_review else _("服务中心审批"),
            "own_review": application.status == ApplicationStatus.REVIEWED
            and application.reviewed_by_id == user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request: HttpRequest) -> HttpResponse:
    """A grassroots officer enters an application for a worker."""
    if not policy.scope_paths(request.user, Perm.MEMBER_MANAGE):
        raise NotFound()
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = submit_application(request, form, applicant=None)
        if application is not None:
            messages.success(request, _("已录入入会申请。"))
            if policy.has_perm(request.user, Perm.MEMBER_REVIEW, application.union):
                return redirect("staff:application_detail", application.pk)
            return redirect("staff:application_list")
    return render(
        request,
        "members/queue_application_new.html",
        {
            **staff_context(request, "applications"),
            "form": form,
            "union": grassroots_by_code(form["union"].value() or ""),
        },
    )


# --- change requests ---------------------------------------------------------------------


@login_required
def change_list(request: HttpRequest) -> HttpResponse:
    if not policy.scope_paths(request.user, Perm.MEMBER_MANAGE):
        raise NotFound()
    status = request.GET.get("status", RequestStatus.PENDING)
    if status not in RequestStatus.values:
        status = ""
    page = _page(request, selectors.change_request_list(user=request.user, status=status))
    return render(
        request,
        "members/queue_changes.html",
        {
            **staff_context(request, "changes"),
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "labels": selfservice.FIELD_LABELS,
            "query": _query(request),
        },
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("处理意见"),
        choices=[("confirm", gettext_lazy("确认")), ("reject", gettext_lazy("驳回"))],
        widget=forms.RadioSelect,
    )
    reason = _reason_field(gettext_lazy("驳回时必填。"))


@login_required
@require_http_methods(["GET", "POST"])
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    change = selectors.change_request_get(user=request.user, pk=pk)
    pending = change.status == RequestStatus.PENDING
    form = DecideForm(request.POST or None) if pending else None
    done = _decided(
        request,
        form,
        lambda data: selfservice.change_request_decide(
            request.user,
            request=change,
            confirm=data["decision"] == "confirm",
            reason=data["reason"],
        ),
        back="staff:change_detail",
        pk=pk,
        not_yours=_("该申请已处理。"),
    )
    if done is not None:
        return done
    return render(
        request,
        "members/queue_change_detail.html",
        {
            **staff_context(request, "changes"),
            "change": change,
            "form": form,
            "labels": selfservice.FIELD_LABELS,
        },
    )


# --- transfers ---------------------------------------------------------------------------


@login_required
def transfer_list(request: HttpRequest) -> HttpResponse:
    if not policy.scope_paths(request.user, Perm.MEMBER_MANAGE):
        raise NotFound()
    direction = request.GET.get("direction", "")
    if direction not in ("in", "out"):
        direction = ""
    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    qs = selectors.transfer_list(user=request.user, direction=direction, status=status)
    return render(
        request,
        "members/queue_transfers.html",
        {
            **staff_context(request, "transfers"),
            "page": _page(request, qs),
            "direction": direction,
            "status": status,
            "statuses": RequestStatus.choices,
            "query": _query(request),
        },
    )


class LookupForm(forms.Form):
    id_number = forms.CharField(
        label=gettext_lazy("会员身份证号"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("输入完整身份证号，在全部会员中精确查找。"),
    )


class TransferForm(forms.Form):
    to_union = forms.CharField(
        label=gettext_lazy("转入工会（基层工会编码）"),
        max_length=64,
        help_text=gettext_lazy("在下方搜索框输入单位名称，点选后自动填入。"),
    )
    reason = forms.CharField(
        label=gettext_lazy("转移理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


_LOOKUP_SALT = "zhigong.transfer-lookup"


def _lookup_token(user: Any, member: Member) -> str:
    """A short-lived reference to a member found by ID number, so the page never carries
    the ID number itself (nor a member id that could be swapped for another)."""
    return signing.dumps({"m": member.pk, "u": user.pk}, salt=_LOOKUP_SALT)


def _member_from_token(user: Any, token: str) -> Member | None:
    try:
        data = signing.loads(token, salt=_LOOKUP_SALT, max_age=3600)
    except signing.BadSignature:
        return None
    if data.get("u") != user.pk:
        return None
    return Member.objects.select_related("union").filter(pk=data.get("m")).first()


@login_required
@require_http_methods(["GET", "POST"])
def transfer_new(request: HttpRequest) -> HttpResponse:
    """Either side asks: find the member (by exact ID number, or ``?member=`` from the
    sending side's own lists), choose the receiving union, give a reason."""
    user = request.user
    if not policy.scope_paths(user, Perm.MEMBER_MANAGE):
        raise NotFound()
    data = request.POST if request.method == "POST" else request.GET
    member: Member | None = None
    step = data.get("step", "")
    lookup = LookupForm(request.POST if step == "lookup" else None)
    member_pk = data.get("member", "")
    token = data.get("found", "")
    if member_pk.isdigit():
        found = Member.objects.select_related("union").filter(pk=int(member_pk)).first()
        if found is None or not policy.has_perm(user, Perm.MEMBER_MANAGE, found.union):
            raise NotFound()
        member = found
    elif step == "lookup" and lookup.is_valid():
        try:
            member = transfers.member_find_for_transfer(
                user, id_number=lookup.cleaned_data["id_number"]
            )
        except DomainError as exc:
            form_error(lookup, exc)
        else:
            token = _lookup_token(user, member)
            lookup = LookupForm()
    elif token:
        member = _member_from_token(user, token)
        if member is None:
            messages.error(request, _("查找结果已过期，请重新查找。"))
    form = TransferForm(request.POST if step == "submit" else None)
    if step == "submit" and member is not None and form.is_valid():
        to_union = grassroots_by_code(form.cleaned_data["to_union"])
        if to_union is None:
            form.add_error("to_union", _("请选择有效的基层工会。"))
        else:
            try:
                transfer = transfers.transfer_request(
                    user, member=member, to_union=to_union, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                if exc.code == "not_found":
                    form.add_error(None, _("只有会员所在工会或转入工会的工作人员可以申请转移。"))
                else:
                    form_error(form, exc)
            else:
                messages.success(request, _("已提交转移申请，等待转入工会确认。"))
                return redirect("staff:transfer_detail", transfer.pk)
    return render(
        request,
        "members/queue_transfer_new.html",
        {
            **staff_context(request, "transfers"),
            "lookup": lookup if not member_pk else None,
            "member": member,
            "member_label": mask_name(member.name) if member else "",
            "member_pk": member_pk,
            "token": token if member is not None and not member_pk else "",
            "form": form,
            "union": grassroots_by_code(form["to_union"].value() or ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    transfer = selectors.transfer_get(user=user, pk=pk)
    can_decide = transfer.status == RequestStatus.PENDING and policy.has_perm(
        user, Perm.MEMBER_MANAGE, transfer.to_union
    )
    form = DecideForm(request.POST or None) if can_decide else None
    if form is not None:
        form.fields["decision"].choices = [  # type: ignore[attr-defined]
            ("confirm", _("接收")),
            ("reject", _("不予接收")),
        ]
    done = _decided(
        request,
        form,
        lambda data: transfers.transfer_decide(
            user,
            transfer=transfer,
            accept=data["decision"] == "confirm",
            reason=data["reason"],
        ),
        back="staff:transfer_detail",
        pk=pk,
        not_yours=_("只有转入工会可以确认此转移。"),
    )
    if done is not None:
        return done
    return render(
        request,
        "members/queue_transfer_detail.html",
        {
            **staff_context(request, "transfers"),
            "transfer": transfer,
            "member_label": mask_name(transfer.member.name),
            "form": form,
        },
    )


staff_urlpatterns: list[URLPattern] = [
    path("members/applications/", application_list, name="application_list"),
    path("members/applications/new/", application_new, name="application_new"),
    path("members/applications/<int:pk>/", application_detail, name="application_detail"),
    path("members/changes/", change_list, name="change_list"),
    path("members/changes/<int:pk>/", change_detail, name="change_detail"),
    path("members/transfers/", transfer_list, name="transfer_list"),
    path("members/transfers/new/", transfer_new, name="transfer_new"),
    path("members/transfers/<int:pk>/", transfer_detail, name="transfer_detail"),
]
