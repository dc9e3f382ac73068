"""The workbench's matchmaking pages under /staff/matchmaking/: the lists (forms to
review, to enter, the pool, suspended profiles, follow-ups due), a profile with its steps
(review, entry, identity check, refusal, lifting a suspension, end of service, complaints),
the screening page that offers three candidates, and an introduction with its follow-ups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.matchmaking import documents, permissions, screening, selectors
from zhigong.matchmaking.choices import ComplaintStatus, IntroductionStatus, ProfileStatus
from zhigong.matchmaking.forms import (
    AnswerForm,
    ComplaintDecideForm,
    ComplaintForm,
    EndForm,
    FollowUpForm,
    IdentityForm,
    ReasonForm,
    ReviewForm,
)
from zhigong.matchmaking.models import FollowUp
from zhigong.matchmaking.services.ending import complaint_decide, complaint_file, profile_end
from zhigong.matchmaking.services.registration import profile_enter, profile_review
from zhigong.matchmaking.services.serving import (
    candidate_choose,
    candidates_offer,
    checked_today,
    follow_up_record,
    identity_check,
    introduction_answer,
    offers_pass,
    open_offers,
    refusal_record,
    suspension_lift,
)
from zhigong.matchmaking.views.common import district_labels, hobby_labels
from zhigong.unions import policy
from zhigong.unions.roles import Perm

QUEUES = {
    "review": (gettext_lazy("待审核"), {"status": ProfileStatus.SUBMITTED}),
    "enter": (gettext_lazy("待入库"), {"status": ProfileStatus.REVIEWED}),
    "active": (gettext_lazy("在库"), {"status": ProfileStatus.ACTIVE}),
    "suspended": (gettext_lazy("暂停服务"), {"status": ProfileStatus.SUSPENDED}),
    "ended": (gettext_lazy("已终止"), {"status": ProfileStatus.ENDED}),
    "all": (gettext_lazy("全部"), {}),
}


@require_GET
@policy.requires_any(Perm.MATCH_REVIEW, Perm.MATCH_SERVE)
def queue_page(request: AuthenticatedRequest) -> HttpResponse:
    queue = request.GET.get("queue", "review")
    if queue not in QUEUES:
        queue = "review"
    rows = (
        selectors.staff_scope(request.user)
        .filter(**QUEUES[queue][1])
        .select_related("member", "union")
        .order_by("-updated_at", "-id")
    )
    due = FollowUp.objects.filter(
        done_at__isnull=True,
        due_on__lte=timezone.localdate(),
        introduction__member__in=selectors.serve_scope(request.user),
    ).select_related("introduction__member__member")[:50]
    return render(
        request,
        "matchmaking/queue.html",
        {
            **staff_context(request, "matchmaking"),
            "queues": [(k, v[0]) for k, v in QUEUES.items()],
            "queue": queue,
            "page": page_of(request, rows, 30),
            "due": due,
        },
    )


def _forms(user: Any, profile: Any, data: Any = None, files: Any = None) -> dict[str, Any]:
    """The steps this user may take on this profile now."""
    offered: dict[str, Any] = {}
    status = profile.status
    if status == ProfileStatus.SUBMITTED and permissions.can_review(user, profile):
        offered["review"] = ReviewForm(data)
    if permissions.can_serve(user, profile):
        if status == ProfileStatus.REVIEWED:
            offered["enter"] = ReviewForm(data)
        if status == ProfileStatus.ACTIVE:
            offered["identity"] = IdentityForm(data)
            offered["refusal"] = True
        if status == ProfileStatus.SUSPENDED:
            offered["lift"] = ReasonForm(data)
        if status in (ProfileStatus.ACTIVE, ProfileStatus.SUSPENDED):
            offered["end"] = EndForm(data, files)
            offered["complaint"] = ComplaintForm(data)
        if profile.complaints.filter(status=ComplaintStatus.OPEN).exists():
            offered["decide"] = ComplaintDecideForm(data)
    return offered


def _take(request: AuthenticatedRequest, profile: Any, step: str, form: Any) -> None:
    user = request.user
    if step == "refusal":
        refusal_record(actor=user, profile=profile)
        return
    if not form.is_valid():
        raise DomainError(_("请检查标出的字段。"))
    d = form.cleaned_data
    if step in ("review", "enter"):
        approve = d["decision"] == "approve"
        if step == "review":
            profile_review(
                actor=user, profile=profile, approve=approve, stamp=d["stamp"], reason=d["reason"]
            )
        else:
            profile_enter(actor=user, profile=profile, approve=approve, reason=d["reason"])
    elif step == "identity":
        identity_check(
            actor=user, profile=profile, card_number=d["card_number"], id_number=d["id_number"]
        )
    elif step == "lift":
        suspension_lift(actor=user, profile=profile, reason=d["reason"])
    elif step == "end":
        profile_end(
            actor=user,
            profile=profile,
            reason=d["reason"],
            note=d["note"],
            signature=d["signature"],
        )
    elif step == "complaint":
        complaint_file(actor=user, about=profile, text=d["text"])
    elif step == "decide":
        complaint = profile.complaints.filter(
            pk=d["complaint"], status=ComplaintStatus.OPEN
        ).first()
        if complaint is None:
            raise DomainError(_("该投诉已处理。"))
        complaint_decide(
            actor=user, complaint=complaint, verified=d["verified"], finding=d["finding"]
        )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.MATCH_REVIEW, Perm.MATCH_SERVE)
def profile_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    profile = selectors.profile_get_for_staff(request.user, pk)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    offered = _forms(request.user, profile, request.POST or None, request.FILES or None)
    if request.method == "POST":
        if step not in offered:
            messages.error(request, _("该步骤现在不能办理。"))
            return redirect("staff:matchmaking:profile", profile.pk)
        form = offered[step]
        try:
            _take(request, profile, step, form)
        except DomainError as exc:
            if form is not True:
                form_error(form, exc)
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("已处理。"))
            return redirect("staff:matchmaking:profile", profile.pk)
    for name in ("review", "enter", "identity", "lift", "end", "complaint", "decide"):
        if step != name and name in offered and offered[name] is not True:
            offered[name] = type(offered[name])()
    return render(
        request,
        "matchmaking/profile.html",
        {
            **staff_context(request, "matchmaking"),
            "profile": profile,
            "offered": offered,
            "documents": profile.documents.all(),
            "visit": checked_today(profile),
            "introductions": profile.introductions.select_related("candidate")[:30],
            "complaints": profile.complaints.all()[:20],
            "hobbies": hobby_labels(profile.hobbies),
            "wish_hobbies": hobby_labels(profile.wish_hobbies),
            "districts": district_labels(profile.districts_mask),
            "can_serve": permissions.can_serve(request.user, profile),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MATCH_SERVE)
def screen_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The candidates for a member, best first; staff tick up to three and offer them."""
    profile = selectors.profile_get_for_staff(request.user, pk)
    permissions.require(
        permissions.can_serve(request.user, profile), user=request.user, profile=profile
    )
    if request.method == "POST":
        try:
            candidates_offer(
                actor=request.user,
                profile=profile,
                candidate_ids=[int(i) for i in request.POST.getlist("candidate")],
            )
        except (DomainError, ValueError) as exc:
            messages.error(request, str(getattr(exc, "message", _("请选择预选对象。"))))
        else:
            messages.success(request, _("已向会员推荐预选对象，请会员选择。"))
            return redirect("staff:matchmaking:profile", profile.pk)
    found = []
    if profile.status == ProfileStatus.ACTIVE:
        found = screening.screen(profile, today=timezone.localdate(), limit=20)
    return render(
        request,
        "matchmaking/screen.html",
        {
            **staff_context(request, "matchmaking"),
            "profile": profile,
            "found": found,
            "visit": checked_today(profile),
            "open": open_offers(profile),
            "offer_count": screening.OFFER_COUNT,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MATCH_SERVE)
def introduction_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    intro = selectors.introduction_get_for_staff(request.user, pk)
    answer_form = (
        AnswerForm(request.POST or None) if intro.status == IntroductionStatus.CHOSEN else None
    )
    follow_form = (
        FollowUpForm(request.POST or None)
        if request.POST.get("step") == "follow_up"
        else FollowUpForm()
    )
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "choose":
                candidate_choose(actor=request.user, introduction=intro)
            elif step == "pass":
                offers_pass(actor=request.user, profile=intro.member)
            elif step == "answer" and answer_form is not None and answer_form.is_valid():
                d = answer_form.cleaned_data
                introduction_answer(
                    actor=request.user,
                    introduction=intro,
                    answer=d["answer"],
                    reason=d["reason"],
                    meeting_at=d["meeting_at"],
                    meeting_place=d["meeting_place"],
                )
            elif step == "follow_up" and follow_form.is_valid():
                d = follow_form.cleaned_data
                follow_up = intro.follow_ups.filter(pk=d["follow_up"]).first()
                if follow_up is None:
                    raise DomainError(_("未找到该跟踪计划。"))
                follow_up_record(
                    actor=request.user, follow_up=follow_up, note=d["note"], wish=d["wish"]
                )
            else:
                raise DomainError(_("请检查标出的字段。"))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("已处理。"))
            return redirect("staff:matchmaking:introduction", intro.pk)
    return render(
        request,
        "matchmaking/introduction.html",
        {
            **staff_context(request, "matchmaking"),
            "intro": intro,
            "answer_form": answer_form,
            "follow_form": follow_form,
            "follow_ups": intro.follow_ups.all(),
        },
    )


@never_cache
@require_GET
@policy.requires_any(Perm.MATCH_REVIEW, Perm.MATCH_SERVE)
def document_page(request: AuthenticatedRequest, pk: int, doc_pk: int) -> HttpResponseBase:
    profile = selectors.profile_get_for_staff(request.user, pk)
    return documents.serve(selectors.document_of(profile, doc_pk))
