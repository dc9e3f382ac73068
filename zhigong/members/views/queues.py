"""Staff queues of the member workflows: applications to join, members' change requests,
transfers between grassroots unions. Every list is scoped; every detail outside scope 404s."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.actors import same_person
from zhigong.core.errors import DomainError
from zhigong.core.forms import DecisionForm
from zhigong.core.views import (
    AuthenticatedRequest,
    decision_post,
    form_error,
    page_of,
    query_without_page,
    staff_context,
)
from zhigong.members import permissions, selectors
from zhigong.members.choices import ApplicationStatus, RequestStatus
from zhigong.members.forms import (
    ApproveForm,
    ChangeDecisionForm,
    LookupForm,
    PersonForm,
    ReviewForm,
    TransferDecisionForm,
    TransferForm,
)
from zhigong.members.models import (
    APPLICATION_FLOW,
    CHANGE_FLOW,
    TRANSFER_FLOW,
    Member,
    MembershipTransfer,
)
from zhigong.members.selectors import workflows
from zhigong.members.services import applications, selfservice, transfers
from zhigong.members.views.portal import submit_application
from zhigong.unions import policy
from zhigong.unions.roles import Perm

# --- applications ------------------------------------------------------------------------


@policy.requires_any(Perm.MEMBER_REVIEW, Perm.MEMBER_APPROVE)
def application_list_page(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    q = request.GET.get("q", "").strip()
    applications_in_scope = workflows.application_list(user=request.user, status=status, query=q)
    return render(
        request,
        "members/queue_applications.html",
        {
            **staff_context(request, "applications"),
            "page": page_of(request, applications_in_scope),
            "status": status,
            "q": q,
            "statuses": ApplicationStatus.choices,
            "query": query_without_page(request),
            "can_enter": policy.holds(request.user, Perm.MEMBER_MANAGE),
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.MEMBER_REVIEW, Perm.MEMBER_APPROVE)
def application_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    application = workflows.application_get(user=user, pk=pk)
    can_review = APPLICATION_FLOW.allows(
        application.status, ApplicationStatus.REVIEWED
    ) and permissions.can_review_application(user, application)
    can_approve = APPLICATION_FLOW.allows(
        application.status, ApplicationStatus.APPROVED
    ) and permissions.can_approve_application(user, application)
    form: DecisionForm | None = None
    if can_review:
        form = ReviewForm(
            request.POST or None, initial={"stamp_name": getattr(user, "full_name", "")}
        )
    elif can_approve:
        form = ApproveForm(request.POST or None)

    def decide() -> object:
        assert form is not None
        data = form.cleaned_data
        if isinstance(form, ReviewForm):
            return applications.application_review(
                actor=user,
                application=application,
                approve=form.accepted(),
                stamp_name=data["stamp_name"],
                reason=data["reason"],
            )
        return applications.application_approve(
            actor=user, application=application, approve=form.accepted(), reason=data["reason"]
        )

    done = decision_post(
        request,
        form,
        decide,
        done=reverse("staff:members:application_detail", args=[pk]),
        nothing_to_decide=_("该申请当前无需您处理。"),
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
            and same_person(user, application.reviewed_by_id),
        },
    )


@never_cache  # the form shows back the ID number and phone typed
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MEMBER_MANAGE)
def application_new_page(request: AuthenticatedRequest) -> HttpResponse:
    """A grassroots officer enters an application for a worker."""
    form = PersonForm(request.POST or None, user=request.user, for_staff=True)
    if request.method == "POST" and form.is_valid():
        application = submit_application(request, form, applicant=None)
        if application is not None:
            messages.success(request, _("已录入入会申请。"))
            if permissions.can_review_application(request.user, application):
                return redirect("staff:members:application_detail", application.pk)
            return redirect("staff:members:application_list")
    return render(
        request,
        "members/queue_application_new.html",
        {
            **staff_context(request, "applications"),
            "form": form,
        },
    )


# --- change requests ---------------------------------------------------------------------


@policy.requires(Perm.MEMBER_MANAGE)
def change_list_page(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", RequestStatus.PENDING)
    if status not in RequestStatus.values:
        status = ""
    changes = workflows.change_request_list(user=request.user, status=status)
    return render(
        request,
        "members/queue_changes.html",
        {
            **staff_context(request, "changes"),
            "page": page_of(request, changes),
            "status": status,
            "statuses": RequestStatus.choices,
            "labels": selfservice.FIELD_LABELS,
            "query": query_without_page(request),
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MEMBER_MANAGE)
def change_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    change = workflows.change_request_get(user=request.user, pk=pk)
    open_ = CHANGE_FLOW.allows(change.status, RequestStatus.CONFIRMED)
    form = ChangeDecisionForm(request.POST or None) if open_ else None
    done = decision_post(
        request,
        form,
        lambda: selfservice.change_request_decide(
            actor=request.user,
            request=change,
            confirm=form is not None and form.accepted(),
            reason=form.cleaned_data["reason"] if form is not None else "",
        ),
        done=reverse("staff:members:change_detail", args=[pk]),
        nothing_to_decide=_("该申请已处理。"),
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


@policy.requires(Perm.MEMBER_MANAGE)
def transfer_list_page(request: AuthenticatedRequest) -> HttpResponse:
    direction = request.GET.get("direction", "")
    if direction not in ("in", "out", "decide"):
        direction = ""
    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    found = workflows.transfer_list(user=request.user, direction=direction, status=status)
    page = page_of(request, found)
    return render(
        request,
        "members/queue_transfers.html",
        {
            **staff_context(request, "transfers"),
            "page": page,
            "rows": [_transfer_row(request.user, t) for t in page],
            "direction": direction,
            "status": status,
            "statuses": RequestStatus.choices,
            "query": query_without_page(request),
        },
    )


def _transfer_row(user: Any, transfer: MembershipTransfer) -> tuple[Any, bool, str]:
    """A transfer of the list, whether its member may be shown, and their name as shown."""
    shown = permissions.can_see_transfer_member(user, transfer)
    name = permissions.name_shown(user, transfer.member) if shown and transfer.member else ""
    return transfer, shown, name


_LOOKUP_SALT = "zhigong.transfer-lookup"


def _lookup_token(user: Any, *, member: Member | None, lookup: transfers.IdLookup) -> str:
    """What the look-up found, for the next step of the page: the member when the user may
    see them, else only the blind index and masked number. Signed and tied to the user, so
    the page never carries the ID number (nor a member id that could be swapped)."""
    return signing.dumps(
        {"u": user.pk, "m": member.pk if member else None, "i": lookup.index, "d": lookup.masked},
        salt=_LOOKUP_SALT,
    )


def _from_token(user: Any, token: str) -> tuple[Member | None, transfers.IdLookup] | None:
    try:
        data = signing.loads(token, salt=_LOOKUP_SALT, max_age=3600)
    except signing.BadSignature:
        return None
    if data.get("u") != user.pk:
        return None
    member = selectors.member_visible(user, data.get("m")) if data.get("m") else None
    return member, transfers.IdLookup(str(data.get("i", "")), str(data.get("d", "")))


@never_cache  # the look-up form shows back the ID number typed into it
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MEMBER_MANAGE)
def transfer_new_page(request: AuthenticatedRequest) -> HttpResponse:
    """Either side asks. The member's union starts from the member's page (``?member=``);
    the receiving union looks the person up by exact ID number, and sees who it is only when
    the member is in its own scope (else a neutral answer), then chooses the union and a
    reason."""
    user = request.user
    data = request.POST if request.method == "POST" else request.GET
    step = data.get("step", "")
    lookup_form = LookupForm(request.POST if step == "lookup" else None)
    member_pk = data.get("member", "")
    token = data.get("found", "")
    member: Member | None = None
    lookup: transfers.IdLookup | None = None
    if member_pk.isdigit():
        member = selectors.member_for_transfer(user, member_pk)
    elif step == "lookup" and lookup_form.is_valid():
        try:
            lookup = transfers.id_lookup(lookup_form.cleaned_data["id_number"])
            member = transfers.member_find_for_transfer(user, lookup=lookup)
        except DomainError as exc:
            form_error(lookup_form, exc)
        else:
            token = _lookup_token(user, member=member, lookup=lookup)
            lookup_form = LookupForm()
    elif token:
        found = _from_token(user, token)
        if found is None:
            messages.error(request, _("查找结果已过期，请重新查找。"))
            token = ""
        else:
            member, lookup = found
    holding = member_pk.isdigit() and member is not None
    form = TransferForm(
        request.POST if step == "submit" else None, user=user, receiving=not holding
    )
    if step == "submit" and (member is not None or lookup is not None) and form.is_valid():
        to_union = form.cleaned_data["to_union"]
        try:
            if holding:
                assert member is not None
                transfer = transfers.transfer_request(
                    actor=user, member=member, to_union=to_union, reason=form.cleaned_data["reason"]
                )
            else:
                assert lookup is not None
                transfer = transfers.transfer_request_into(
                    actor=user, lookup=lookup, to_union=to_union, reason=form.cleaned_data["reason"]
                )
        except DomainError as exc:
            if exc.code == "not_found":
                form.add_error("to_union", _("您只能申请转入您管理的基层工会。"))
            else:
                form_error(form, exc)
        else:
            messages.success(request, _("已提交转移申请，等待另一方工会确认。"))
            return redirect("staff:members:transfer_detail", transfer.pk)
    found_someone = member is not None or lookup is not None
    return render(
        request,
        "members/queue_transfer_new.html",
        {
            **staff_context(request, "transfers"),
            "lookup": lookup_form if not member_pk else None,
            "found": found_someone,
            "member": member,
            "member_label": permissions.name_shown(user, member) if member else "",
            "masked_number": lookup.masked if lookup else "",
            "member_pk": member_pk,
            "token": token if found_someone and not member_pk else "",
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MEMBER_MANAGE)
def transfer_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    transfer = workflows.transfer_get(user=user, pk=pk)
    can_decide = TRANSFER_FLOW.allows(
        transfer.status, RequestStatus.CONFIRMED
    ) and permissions.can_decide_transfer(user, transfer)
    shown = permissions.can_see_transfer_member(user, transfer)
    form = TransferDecisionForm(request.POST or None) if can_decide else None
    done = decision_post(
        request,
        form,
        lambda: transfers.transfer_decide(
            actor=user,
            transfer=transfer,
            accept=form is not None and form.accepted(),
            reason=form.cleaned_data["reason"] if form is not None else "",
        ),
        done=reverse("staff:members:transfer_detail", args=[pk]),
        nothing_to_decide=_("此转移申请由另一方工会确认，申请人不能自己确认。"),
    )
    if done is not None:
        return done
    return render(
        request,
        "members/queue_transfer_detail.html",
        {
            **staff_context(request, "transfers"),
            "transfer": transfer,
            "shown": shown,
            "member_label": permissions.name_shown(user, transfer.member)
            if shown and transfer.member
            else "",
            "form": form,
        },
    )
