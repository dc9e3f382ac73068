"""The member's own pages at /me/matchmaking/: register and sign the rules (on a phone
too), choose whether the profile is public, ask for candidates, browse the public pool,
choose among the offered candidates, answer an introduction, see contacts once both sides
said yes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.views import AuthenticatedRequest, form_error, page_of
from zhigong.matchmaking import documents, selectors
from zhigong.matchmaking.choices import IntroductionStatus, ProfileStatus
from zhigong.matchmaking.forms import AnswerForm, RegisterForm
from zhigong.matchmaking.rules import current_rules
from zhigong.matchmaking.services.registration import ProfileInput, member_of, profile_register
from zhigong.matchmaking.services.serving import (
    candidate_choose,
    introduction_answer,
    offers_pass,
    service_request,
)
from zhigong.matchmaking.views.common import contact_shown, shown_to_members
from zhigong.members.models import ConsentPurpose
from zhigong.members.services.selfservice import consent_grant, consent_withdraw


@never_cache
@login_required
def home_page(request: AuthenticatedRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    context: dict[str, Any] = {"profile": profile, "member": member_of(request.user)}
    if profile is not None:
        context["public"] = selectors.is_public(profile)
        context["introductions"] = [
            {
                "intro": i,
                "as_member": i.member_id == profile.pk,
                "other": shown_to_members(i.candidate if i.member_id == profile.pk else i.member),
            }
            for i in selectors.own_introductions(profile)[:50]
        ]
    return render(request, "matchmaking/portal_home.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def register_page(request: AuthenticatedRequest) -> HttpResponse:
    member = member_of(request.user)
    profile = selectors.own_profile(request.user)
    rules = current_rules()
    title, paragraphs = rules.shown()
    context: dict[str, Any] = {
        "rules_title": title,
        "rules": paragraphs,
        "rules_version": rules.version,
        "profile": profile,
        "member": member,
    }
    if member is None:  # the rules may be read; the form is for active members only
        return render(request, "matchmaking/portal_register.html", context)
    if profile is not None and profile.status != ProfileStatus.RETURNED:
        return redirect("portal:matchmaking:home")
    initial: dict[str, Any] = {"rules_version": rules.version}
    if profile is not None:
        initial.update({n: getattr(profile, n) for n in RegisterForm.PROFILE_FIELDS})
        initial.update({n: getattr(profile, n) for n in RegisterForm.REQUIREMENT_FIELDS})
    form = RegisterForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile_register(
                actor=request.user,
                data=ProfileInput(
                    **{
                        n: data[n]
                        for n in (*RegisterForm.PROFILE_FIELDS, *RegisterForm.REQUIREMENT_FIELDS)
                    }
                ),
                rules_version=data["rules_version"],
                uploads={n: data[n] for n in RegisterForm.DOCUMENT_FIELDS if data.get(n)},
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            if data["public"]:
                consent_grant(
                    actor=request.user, member=member, purpose=ConsentPurpose.MATCHMAKING_PUBLIC
                )
            messages.success(request, _("登记表已提交，请等待所在基层工会审核。"))
            return redirect("portal:matchmaking:home")
    return render(request, "matchmaking/portal_register.html", {**context, "form": form})


@require_POST
@login_required
def public_page(request: AuthenticatedRequest) -> HttpResponse:
    """Make the profile public or private; withdrawal takes effect on the next request."""
    member = member_of(request.user)
    if member is None or selectors.own_profile(request.user) is None:
        raise NotFound()
    if request.POST.get("public") == "1":
        consent_grant(actor=request.user, member=member, purpose=ConsentPurpose.MATCHMAKING_PUBLIC)
        messages.success(
            request, _("您的资料已对其他在库会员公开（不含姓氏、单位、证件号、电话和照片）。")
        )
    else:
        consent_withdraw(
            actor=request.user, member=member, purpose=ConsentPurpose.MATCHMAKING_PUBLIC
        )
        messages.success(request, _("您的资料已不再对其他会员公开。"))
    return redirect("portal:matchmaking:home")


@require_POST
@login_required
def request_page(request: AuthenticatedRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    if profile is None:
        raise NotFound()
    try:
        service_request(actor=request.user, profile=profile, note=request.POST.get("note", ""))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已收到您的申请，工作人员会为您筛选预选对象。"))
    return redirect("portal:matchmaking:home")


@never_cache
@login_required
def pool_page(request: AuthenticatedRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    if profile is None or profile.status != ProfileStatus.ACTIVE:
        raise NotFound()
    page = page_of(request, selectors.pool_for(request.user), 20)
    return render(
        request,
        "matchmaking/portal_pool.html",
        {"page": page, "cards": [shown_to_members(p) for p in page]},
    )


@never_cache
@login_required
def pool_profile_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.pool_profile_get(request.user, pk)
    return render(
        request, "matchmaking/portal_pool_profile.html", {"card": shown_to_members(found)}
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def introduction_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    intro = selectors.own_introduction_get(request.user, pk)
    own = selectors.own_profile(request.user)
    assert own is not None
    as_member = intro.member_id == own.pk
    other = intro.candidate if as_member else intro.member
    answer_form = None
    if not as_member and intro.status == IntroductionStatus.CHOSEN:
        answer_form = AnswerForm(request.POST or None)
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if as_member and action == "choose":
                candidate_choose(actor=request.user, introduction=intro)
            elif as_member and action == "pass":
                offers_pass(actor=request.user, profile=own)
            elif answer_form is not None and answer_form.is_valid():
                data = answer_form.cleaned_data
                introduction_answer(
                    actor=request.user,
                    introduction=intro,
                    answer=data["answer"],
                    reason=data["reason"],
                    meeting_at=data["meeting_at"],
                    meeting_place=data["meeting_place"],
                )
            else:
                raise DomainError(_("请检查标出的字段。"))
        except DomainError as exc:
            if answer_form is not None:
                form_error(answer_form, exc)
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("已处理。"))
            return redirect("portal:matchmaking:introduction", intro.pk)
    contact = contact_shown(intro, other)
    return render(
        request,
        "matchmaking/portal_introduction.html",
        {
            "intro": intro,
            "as_member": as_member,
            "card": shown_to_members(other),
            "answer_form": answer_form,
            "contact": contact,
        },
    )


@never_cache
@require_GET
@login_required
def introduction_photo_page(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """The other side's photo, once contacts were exchanged (404 before, and to anyone but
    the two sides)."""
    intro = selectors.own_introduction_get(request.user, pk)
    own = selectors.own_profile(request.user)
    assert own is not None
    return documents.serve(selectors.other_side_photo(intro, own))


@never_cache
@require_GET
@login_required
def own_document_page(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    profile = selectors.own_profile(request.user)
    if profile is None:
        raise NotFound()
    return documents.serve(selectors.document_of(profile, pk))
