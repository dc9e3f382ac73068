"""The workbench's event pages: the list of the events the user runs, a new event, editing,
and one event with its steps (publish, close sign-up, held, close, cancel) and sign-ups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.masking import mask_name
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.events import audiences, permissions, selectors
from zhigong.events.choices import ACTIVE_SIGNUP, EventStatus, SignupStatus
from zhigong.events.forms import EventForm, ExportForm, ReasonForm
from zhigong.events.models import EVENT_FLOW, Event
from zhigong.events.services.organise import (
    MOVES,
    EventInput,
    event_create,
    event_move,
    event_update,
)
from zhigong.events.services.signups import signup_cancel, signup_enter
from zhigong.members.choices import Gender
from zhigong.unions import policy
from zhigong.unions.roles import Perm

_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "signup_opens_at",
    "signup_closes_at",
    "capacity",
    "male_cap",
    "female_cap",
    "audience",
)
STEP_LABELS = {
    "publish": gettext_lazy("发布"),
    "close_signup": gettext_lazy("截止报名"),
    "reopen_signup": gettext_lazy("重新开放报名"),
    "held": gettext_lazy("标记为已举办"),
    "close": gettext_lazy("结束活动"),
    "cancel": gettext_lazy("取消活动"),
}


def _input(data: dict[str, Any]) -> EventInput:
    return EventInput(**{name: data.get(name) for name in _FIELDS})  # type: ignore[arg-type]


@policy.requires_any(Perm.EVENT_MANAGE, Perm.EVENT_COUNSEL)
def event_list_page(request: AuthenticatedRequest) -> HttpResponse:
    events = selectors.staff_events(request.user)
    status = request.GET.get("status", "")
    if status in EventStatus.values:
        events = events.filter(status=status)
    today = request.GET.get("when") == "today"
    if today:
        start, end = selectors.today_bounds()
        events = events.filter(starts_at__gte=start, starts_at__lt=end)
    return render(
        request,
        "events/staff_list.html",
        {
            **staff_context(request, "events"),
            "page": page_of(request, events, 30),
            "statuses": EventStatus.choices,
            "status": status,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.EVENT_MANAGE, Perm.EVENT_COUNSEL)
def event_new_page(request: AuthenticatedRequest) -> HttpResponse:
    form = EventForm(request.POST or None, user=request.user, initial={"audience": "subtree"})
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(
                actor=request.user, union=form.cleaned_data["union"], data=_input(form.cleaned_data)
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("活动已保存为草稿，检查无误后请发布。"))
            return redirect("staff:events:detail", event.pk)
    return render(
        request, "events/staff_form.html", {**staff_context(request, "events"), "form": form}
    )


@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.EVENT_MANAGE, Perm.EVENT_COUNSEL)
def event_edit_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = selectors.staff_event(request.user, pk)
    initial = {name: getattr(event, name) for name in _FIELDS}
    form = EventForm(request.POST or None, user=request.user, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            event_update(actor=request.user, event=event, data=_input(form.cleaned_data))
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("staff:events:detail", event.pk)
    return render(
        request,
        "events/staff_form.html",
        {**staff_context(request, "events"), "form": form, "event": event},
    )


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _post_step(request: AuthenticatedRequest, event: Event) -> None:
    action = request.POST.get("action", "")
    try:
        if action in MOVES:
            reason = ReasonForm(request.POST)
            reason.is_valid()
            event_move(
                actor=request.user,
                event=event,
                step=action,
                reason=reason.cleaned_data.get("reason", ""),
            )
            messages.success(request, _("已办理：%(step)s。") % {"step": STEP_LABELS[action]})
        elif action == "enter":
            made = signup_enter(
                actor=request.user, event=event, number=request.POST.get("number", "")
            )
            if made.status == SignupStatus.CONFIRMED:
                messages.success(request, _("已代会员报名。"))
            else:
                messages.success(request, _("名额已满，已代会员登记候补。"))
        elif action == "cancel_signup":
            signup = (
                selectors.event_signups(event).filter(pk=_int(request.POST.get("signup"))).first()
            )
            if signup is None:
                raise DomainError(_("找不到该报名。"))
            signup_cancel(actor=request.user, signup=signup, reason=request.POST.get("reason", ""))
            messages.success(request, _("已取消该报名。"))
        else:
            raise DomainError(_("不支持的操作。"))
    except DomainError as exc:
        messages.error(request, str(exc.message))


@dataclass(frozen=True)
class SignupRow:
    pk: int
    name: str  # masked: the list is for the door and the organisers, not the members' records
    gender: str
    union: str
    status: str
    walk_in: bool
    created_at: Any
    attended_at: Any
    cancellable: bool


def signup_rows(page: Any, event: Event) -> list[SignupRow]:
    genders, statuses = dict(Gender.choices), dict(SignupStatus.choices)
    open_ = event.status in (EventStatus.PUBLISHED, EventStatus.SIGNUP_CLOSED)
    return [
        SignupRow(
            pk=s.pk,
            name=mask_name(s.member.name),
            gender=str(genders.get(s.gender, "—")),
            union=s.member.union.name,
            status=str(statuses.get(s.status, s.status)),
            walk_in=s.walk_in,
            created_at=s.created_at,
            attended_at=s.attended_at,
            cancellable=open_ and s.status in ACTIVE_SIGNUP and s.attended_at is None,
        )
        for s in page
    ]


@never_cache  # the sign-ups (masked names)
@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.EVENT_MANAGE, Perm.EVENT_COUNSEL)
def event_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = selectors.staff_event(request.user, pk)
    if request.method == "POST":
        _post_step(request, event)
        return redirect("staff:events:detail", event.pk)
    steps = [
        (name, STEP_LABELS[name])
        for name, to in MOVES.items()
        if EVENT_FLOW.allows(event.status, to)
        and (name != "reopen_signup" or event.status == EventStatus.SIGNUP_CLOSED)
        and (name != "publish" or event.status == EventStatus.DRAFT)
    ]
    page = page_of(request, selectors.event_signups(event), 50)
    audience = audiences.get(event.audience)
    return render(
        request,
        "events/staff_detail.html",
        {
            **staff_context(request, "events"),
            "event": event,
            "steps": steps,
            "counts": selectors.counts(event),
            "page": page,
            "rows": signup_rows(page, event),
            "audience_label": audience.label if audience else "",
            "export_form": ExportForm(),
            "may_reveal": permissions.can_reveal_attendees(request.user, event),
            "may_record": permissions.can_record_counselling(request.user, event),
        },
    )
