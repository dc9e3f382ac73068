"""Staff pages for members: search, detail (masked), logged reveal, card and status actions,
and the card-verifier credentials of merchants and event desks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zhigong.core.audit_words import ChangeLine, words
from zhigong.core.errors import DomainError
from zhigong.core.idnumber import normalise as normalise_id_number
from zhigong.core.labels import choice_label
from zhigong.core.masking import mask_id_number, mask_phone
from zhigong.core.pagination import KnownCountPaginator
from zhigong.core.phones import normalise_mobile
from zhigong.core.views import (
    AuthenticatedRequest,
    form_error,
    page_of,
    query_without_page,
    staff_context,
)
from zhigong.members import permissions, selectors
from zhigong.members.choices import CardStatus, MemberStatus
from zhigong.members.forms import (
    CardActionForm,
    MemberSearchForm,
    RevealForm,
    StatusForm,
    VerifierForm,
)
from zhigong.members.models import Member
from zhigong.members.personal import id_index, phone_index
from zhigong.members.services import cards, registry
from zhigong.members.services.reveal import member_reveal
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.unions.selectors import union_names

# What the list shows of a member, and what ``permissions.name_shown`` asks (the user, the
# union's path); reading any other column in the template would cost a query per row.
LIST_COLUMNS = (
    "name",
    "id_number_masked",
    "phone_masked",
    "status",
    "joined_on",
    "user_id",
    "union__name",
    "union__path",
)


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MEMBER_VIEW)
def member_list_page(request: AuthenticatedRequest) -> HttpResponse:
    """Search form and list. The form is POSTed and answered with a redirect whose address
    carries only the blind index and the masked form of an ID number or phone, so a full
    number never lands in an address bar, browser history or access log."""
    user = request.user
    if request.method == "POST":
        posted = MemberSearchForm(request.POST, user=user)
        posted.is_valid()
        data = posted.cleaned_data  # the fields that are valid; a bad union is shown on GET
        params: dict[str, str] = {
            k: data[k] for k in ("name", "card_number", "status") if data.get(k)
        }
        if union := data.get("union"):
            params["union"] = union.code
        elif typed := " ".join(request.POST.get("union", "").split())[:128]:
            params["union"] = _without_numbers(typed)
        if id_number := normalise_id_number(data.get("id_number", "")):
            params["idx"] = id_index(id_number)
            params["idm"] = mask_id_number(id_number)
        if phone := normalise_mobile(data.get("phone", "")):
            params["pidx"] = phone_index(phone)
            params["pm"] = mask_phone(phone)
        target = reverse("staff:members:member_list")
        return redirect(f"{target}?{urlencode(params)}" if params else target)
    form = MemberSearchForm(request.GET or None, user=user)
    form.is_valid()
    filters: dict[str, Any] = getattr(form, "cleaned_data", {})
    union = filters.get("union")
    code = union.code if union is not None else ""
    members = selectors.member_list(
        user,
        name=filters.get("name", ""),
        card_number=filters.get("card_number", ""),
        union_code=code,
        status=filters.get("status", ""),
    )
    if form.has_error("union"):
        members = members.none()  # a union that names nothing in scope finds nobody
    exact = []
    if idx := request.GET.get("idx", ""):
        members = members.filter(id_number_index=idx)
        exact.append((_("身份证号"), request.GET.get("idm", "")))
    if pidx := request.GET.get("pidx", ""):
        members = members.filter(phone_index=pidx)
        exact.append((_("手机号"), request.GET.get("pm", "")))
    counted = None
    if form.has_error("union"):
        counted = 0
    elif not (exact or filters.get("name") or filters.get("card_number")):
        counted = selectors.member_total(user, union_code=code, status=filters.get("status", ""))
    members = members.only(*LIST_COLUMNS)  # not the ciphertexts and the rest of each row
    page = KnownCountPaginator(members, 50, count=counted).get_page(request.GET.get("page"))
    return render(
        request,
        "members/staff_list.jinja",
        {
            **staff_context(request, "members"),
            "form": form,
            "page": page,
            "rows": [
                (m, permissions.name_shown(user, m), choice_label(MemberStatus, m.status))
                for m in page
            ],
            "exact": exact,
            "query": query_without_page(request),
            "can_verifiers": policy.holds(user, Perm.MEMBER_MANAGE),
        },
    )


def _without_numbers(text: str) -> str:
    """What was typed into the union field, for the address: an ID number or phone typed
    into the wrong box by mistake is masked (the page still says nothing matched)."""
    return _LONG_NUMBER.sub(
        lambda m: m.group()[:3] + "*" * (len(m.group()) - 7) + m.group()[-4:], text
    )


_LONG_NUMBER = re.compile(r"\d{7,}[\dXx]?")


def _detail(request: AuthenticatedRequest, member: Member, **extra: Any) -> HttpResponse:
    user = request.user
    can_manage = permissions.can_manage_member(user, member)
    card = selectors.member_current_card(member)
    status_choices = {
        MemberStatus.ACTIVE: MemberStatus.SUSPENDED,
        MemberStatus.SUSPENDED: MemberStatus.ACTIVE,
    }
    context = {
        **staff_context(request, "members"),
        "member": member,
        "member_name": permissions.name_shown(user, member),
        "can_transfer": permissions.can_request_transfer_of(user, member)
        and member.status != MemberStatus.LEFT,
        "card": card,
        "cards": selectors.member_cards(member),
        "history": _history(user, member),
        "can_manage": can_manage,
        "can_reveal": permissions.can_reveal_member(user, member),
        "next_status": status_choices.get(member.status),  # type: ignore[call-overload]
        "card_suspendable": card is not None and card.status == CardStatus.ACTIVE,
        "card_unsuspendable": card is not None and card.status == CardStatus.SUSPENDED,
        "reveal_form": extra.pop("reveal_form", None) or RevealForm(),
        "card_form": extra.pop("card_form", None) or CardActionForm(),
        "status_form": extra.pop("status_form", None)
        or StatusForm(initial={"status": status_choices.get(member.status)}),  # type: ignore[call-overload]
        **extra,
    }
    return render(request, "members/staff_detail.html", context, status=200)


@dataclass(frozen=True)
class HistoryRow:
    at: Any
    actor: str
    action: str
    changes: list[ChangeLine]
    reason: str


def _history(user: Any, member: Member) -> list[HistoryRow]:
    """The member's own history in people's words (``core.audit_words``): the name masked
    for whoever does not look after the member, union codes shown by name."""
    vocabulary = words()
    history = list(selectors.member_history(member))
    codes = set().union(*(vocabulary.union_codes(h.changes) for h in history)) if history else set()
    unions = {member.union.code: member.union.name}  # known already; others looked up
    unions.update(union_names(codes - set(unions)))
    mask = not permissions.can_see_name(user, member)
    return [
        HistoryRow(
            at=h.at,
            actor=(getattr(h.actor, "full_name", "") or h.actor.username) if h.actor else _("系统"),
            action=vocabulary.action_label(f"member.{h.action}"),
            changes=vocabulary.change_lines("members.member", h.changes, unions=unions, mask=mask),
            reason=h.reason,
        )
        for h in history
    ]


@never_cache
@login_required
def member_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = selectors.member_get(request.user, pk)
    return _detail(request, member)


@never_cache
@login_required
@require_POST
def member_reveal_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show full values once, on the response page: never in the URL, never cached."""
    member = selectors.member_get(request.user, pk, perm=Perm.MEMBER_REVEAL)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _detail(request, member, reveal_form=form, reveal_open=True)
    try:
        values = member_reveal(
            actor=request.user,
            member=member,
            fields=form.cleaned_data["items"],
            reason=form.cleaned_data["reason"],
            channel="page",
        )
    except DomainError as exc:
        form_error(form, exc)
        return _detail(request, member, reveal_form=form, reveal_open=True)
    labels = {"id_number": _("身份证号"), "phone": _("手机号")}
    return render(
        request,
        "members/staff_reveal.html",
        {
            **staff_context(request, "members"),
            "member": member,
            "member_name": permissions.name_shown(request.user, member),
            "values": [(labels[k], v or "—") for k, v in values.items()],
            "reason": form.cleaned_data["reason"],
        },
    )


@login_required
@require_POST
def member_card_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = selectors.member_get(request.user, pk, perm=Perm.MEMBER_MANAGE)
    form = CardActionForm(request.POST)
    card = selectors.member_current_card(member)
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if card is None:
                raise DomainError(_("该会员没有正在使用的会员卡。"), code="no_card")
            if action == "reissue":
                new = cards.card_reissue(actor=request.user, card=card, reason=reason)
                messages.success(
                    request, _("已补办新卡 %(number)s，旧卡号已停用。") % {"number": new.number}
                )
            else:
                cards.card_set_suspended(
                    actor=request.user, card=card, suspended=action == "suspend", reason=reason
                )
                messages.success(
                    request, _("会员卡已暂停。") if action == "suspend" else _("会员卡已恢复。")
                )
        except DomainError as exc:
            form_error(form, exc)
        else:
            return redirect("staff:members:member_detail", member.pk)
    return _detail(request, member, card_form=form)


@login_required
@require_POST
def member_status_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = selectors.member_get(request.user, pk, perm=Perm.MEMBER_MANAGE)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            registry.member_set_status(
                actor=request.user,
                member=member,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, _("会员状态已改为“%(status)s”。") % {"status": member.get_status_display()}
            )
            return redirect("staff:members:member_detail", member.pk)
    member.refresh_from_db()
    return _detail(request, member, status_form=form)


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.MEMBER_MANAGE)
def verifier_list_page(request: AuthenticatedRequest) -> HttpResponse:
    """Card-verifier credentials: list them, create one (its key is shown once)."""
    user = request.user
    form = VerifierForm(request.POST or None, user=user)
    new_key = ""
    new_verifier = None
    if request.method == "POST" and form.is_valid():
        try:
            new_verifier, new_key = cards.card_verifier_create(
                actor=user, name=form.cleaned_data["name"], union=form.cleaned_data["union"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            form = VerifierForm(user=user)
    page = page_of(request, selectors.verifier_list(user), 50)
    return render(
        request,
        "members/staff_verifiers.html",
        {
            **staff_context(request, "members"),
            "form": form,
            "page": page,
            "new_key": new_key,
            "new_verifier": new_verifier,
        },
    )
