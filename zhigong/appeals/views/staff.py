"""The workbench's appeal pages at /staff/appeals/: the list, the queue of appeals waiting
for my step, raising a new one, correcting it, and one appeal with its steps (raise,
verify or return, publish or return, close, feature, withdraw), its pledges and a reveal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.appeals import permissions, pictures, selectors
from zhigong.appeals.choices import AppealStatus, PledgeStatus, VerifyMethod
from zhigong.appeals.forms import (
    AppealForm,
    CloseForm,
    OfflinePledgeForm,
    PublishForm,
    VerifyForm,
    appeal_initial,
)
from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.services.decisions import (
    appeal_close,
    appeal_feature,
    appeal_publish,
    appeal_return,
    appeal_verify,
)
from zhigong.appeals.services.pledges import pledge_fulfil, pledge_record
from zhigong.appeals.services.raising import (
    appeal_create,
    appeal_raise,
    appeal_update,
    appeal_withdraw,
)
from zhigong.appeals.services.reveal import appeal_reveal
from zhigong.core.errors import DomainError
from zhigong.core.forms import ReasonForm
from zhigong.core.views import (
    AuthenticatedRequest,
    form_error,
    page_of,
    query_without_page,
    staff_context,
)
from zhigong.unions import policy
from zhigong.unions.roles import Perm


@policy.requires(Perm.APPEAL_VIEW)
def appeal_list_page(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    q = request.GET.get("q", "")
    return render(
        request,
        "appeals/list.html",
        {
            **staff_context(request, "appeals"),
            "page": page_of(request, selectors.appeal_list(request.user, status, q)),
            "statuses": AppealStatus.choices,
            "status": status,
            "q": q,
            "query": query_without_page(request),
            "can_raise": policy.holds(request.user, Perm.APPEAL_RAISE),
        },
    )


@policy.requires_any(Perm.APPEAL_VERIFY, Perm.APPEAL_PUBLISH)
def appeal_waiting_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "appeals/waiting.html",
        {
            **staff_context(request, "appeal_waiting"),
            "page": page_of(request, selectors.waiting_for(request.user)),
        },
    )


@never_cache  # shows back the ID number, phone and address typed
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.APPEAL_RAISE)
def appeal_new_page(request: AuthenticatedRequest) -> HttpResponse:
    form = AppealForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = appeal_create(
                actor=request.user,
                union=form.cleaned_data["union"],
                data=form.as_input(),
                uploads=form.cleaned_data.get("pictures") or [],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存为草稿。检查无误后请“提交核实”。"))
            return redirect("staff:appeals:detail", appeal.pk)
    return render(request, "appeals/form.html", {**staff_context(request, "appeals"), "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.APPEAL_RAISE)
def appeal_edit_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    appeal = selectors.appeal_get_for_staff(user, pk)
    permissions.require(permissions.can_edit(user, appeal), user=user, appeal=appeal)
    form = AppealForm(
        request.POST or None,
        request.FILES or None,
        user=user,
        editing=True,
        union=appeal.union,
        initial=appeal_initial(appeal),
    )
    if request.method == "POST" and form.is_valid():
        drop = [int(p) for p in request.POST.getlist("drop") if p.isdigit()]
        try:
            appeal_update(
                actor=user,
                appeal=appeal,
                data=form.as_input(),
                uploads=form.cleaned_data.get("pictures") or [],
                drop=drop,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("staff:appeals:detail", appeal.pk)
    return render(
        request,
        "appeals/form.html",
        {**staff_context(request, "appeals"), "form": form, "appeal": appeal},
    )


def _steps(user: Any, appeal: HardshipAppeal, post: Any, action: str) -> dict[str, Any]:
    """The forms of the steps the user may take now (bound to the POST of its action)."""

    def bound(name: str) -> Any:
        return post if action == name else None

    return {
        "verify": VerifyForm(bound("verify")) if permissions.can_verify(user, appeal) else None,
        "publish": PublishForm(bound("publish"), appeal=appeal)
        if permissions.can_publish(user, appeal)
        else None,
        "close": CloseForm(bound("close")) if permissions.can_close(user, appeal) else None,
        "pledge": OfflinePledgeForm(bound("pledge"))
        if permissions.can_record_pledge(user, appeal)
        else None,
        "withdraw": ReasonForm(bound("withdraw"))
        if appeal.status in (AppealStatus.DRAFT, AppealStatus.RAISED, AppealStatus.RETURNED)
        and permissions.can_withdraw(user, appeal)
        else None,
        "centre_return": ReasonForm(bound("centre_return"))
        if permissions.can_publish(user, appeal)
        else None,
        "reveal": ReasonForm(bound("reveal")) if permissions.can_reveal(user, appeal) else None,
    }


def _run(request: AuthenticatedRequest, form: Any, call: Callable[[], object], done: str) -> bool:
    """Run a step's service with its valid form; its errors go beside the fields."""
    if form is None or not form.is_valid():
        if form is None:
            messages.error(request, _("这项操作现在不能办理（可能已由他人处理）。"))
            return True
        return False
    try:
        call()
    except DomainError as exc:
        form_error(form, exc)
        return False
    messages.success(request, done)
    return True


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.APPEAL_VIEW)
def appeal_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    appeal = selectors.appeal_get_for_staff(user, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    steps = _steps(user, appeal, request.POST, action)
    revealed: tuple[str, str, str] | None = None
    handled = False
    try:
        if action == "raise":
            appeal_raise(actor=user, appeal=appeal)
            messages.success(request, _("已提交，等待本工会其他工作人员核实。"))
            handled = True
        elif action == "verify":
            form = steps["verify"]

            def verify() -> object:
                if form.accepted():
                    return appeal_verify(
                        actor=user,
                        appeal=appeal,
                        methods=form.cleaned_data["methods"],
                        notes=form.cleaned_data["notes"],
                    )
                return appeal_return(actor=user, appeal=appeal, reason=form.cleaned_data["reason"])

            handled = _run(request, form, verify, _("已处理。"))
        elif action == "publish":
            form = steps["publish"]
            handled = _run(
                request,
                form,
                lambda: appeal_publish(actor=user, appeal=appeal, data=form.as_input()),
                _("已在门户发布。"),
            )
        elif action == "centre_return":
            form = steps["centre_return"]
            handled = _run(
                request,
                form,
                lambda: appeal_return(
                    actor=user, appeal=appeal, reason=form.cleaned_data["reason"]
                ),
                _("已退回基层工会。"),
            )
        elif action == "close":
            form = steps["close"]
            handled = _run(
                request,
                form,
                lambda: appeal_close(actor=user, appeal=appeal, **form.cleaned_data),
                _("求助已结束，帮扶结果已在门户公开。"),
            )
        elif action in ("feature", "unfeature"):
            appeal_feature(actor=user, appeal=appeal, featured=action == "feature")
            messages.success(request, _("已处理。"))
            handled = True
        elif action == "withdraw":
            form = steps["withdraw"]
            handled = _run(
                request,
                form,
                lambda: appeal_withdraw(
                    actor=user, appeal=appeal, reason=form.cleaned_data["reason"]
                ),
                _("已撤回。"),
            )
        elif action == "pledge":
            form = steps["pledge"]
            handled = _run(
                request,
                form,
                lambda: pledge_record(actor=user, appeal=appeal, data=form.as_input()),
                _("已登记认捐。"),
            )
        elif action == "fulfil":
            pledge_id = request.POST.get("pledge", "")
            pledge = selectors.pledge_get_for_staff(
                user, int(pledge_id) if pledge_id.isdigit() else 0
            )
            if pledge.appeal_id != appeal.pk:
                raise DomainError(_("不支持的操作。"))
            pledge_fulfil(actor=user, pledge=pledge)
            messages.success(request, _("已确认兑现。"))
            handled = True
        elif action == "reveal":
            form = steps["reveal"]
            if form is not None and form.is_valid():
                try:
                    revealed = appeal_reveal(
                        actor=user, appeal=appeal, reason=form.cleaned_data["reason"]
                    )
                except DomainError as exc:
                    form_error(form, exc)
        elif action:
            messages.error(request, _("不支持的操作。"))
            handled = True
    except DomainError as exc:
        messages.error(request, str(exc.message))
        handled = True
    if handled:
        return redirect("staff:appeals:detail", appeal.pk)
    methods = dict(VerifyMethod.choices)
    return render(
        request,
        "appeals/detail.html",
        {
            **staff_context(request, "appeals"),
            "appeal": appeal,
            "steps": steps,
            "revealed": revealed,
            "methods": "、".join(str(methods.get(m, m)) for m in appeal.verify_methods),
            "pictures": appeal.pictures.all(),
            "pledges": appeal.pledges.select_related("member").all(),
            "totals": selectors.totals(appeal),
            "may_edit": permissions.can_edit(user, appeal),
            "may_raise": permissions.can_raise(user, appeal),
            "may_feature": permissions.can_feature(user, appeal),
            "may_fulfil": permissions.can_fulfil(user, appeal),
            "raised_it": permissions.raised_it(user, appeal),
            "on_portal": selectors.on_portal().filter(pk=appeal.pk).exists(),
            "pledged": PledgeStatus.PLEDGED,
        },
    )


@never_cache
@require_GET
@policy.requires(Perm.APPEAL_VIEW)
def appeal_picture_page(request: AuthenticatedRequest, pk: int, picture: int) -> HttpResponseBase:
    return pictures.serve_private(selectors.picture_get_for_staff(request.user, pk, picture))
