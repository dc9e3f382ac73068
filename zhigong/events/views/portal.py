"""The member's pages at /me/events/: the events of their audience, each event's page with
sign-up and cancellation (on a phone too), and their own sign-ups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, page_of
from zhigong.events import selectors
from zhigong.events.choices import ACTIVE_SIGNUP, EventStatus, SignupStatus
from zhigong.events.services.signups import (
    active_member_of,
    in_audience,
    signup_cancel,
    signup_create,
    signup_open_problem,
)


@login_required
def events_page(request: AuthenticatedRequest) -> HttpResponse:
    member = active_member_of(request.user)
    return render(
        request,
        "events/portal_list.html",
        {
            "member": member,
            "page": page_of(request, selectors.member_events(member), 20),
            "mine": selectors.own_signups(member)
            .filter(status__in=ACTIVE_SIGNUP)
            .exclude(event__status__in=[EventStatus.CLOSED, EventStatus.CANCELLED])[:20],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = active_member_of(request.user)
    event = selectors.member_event(member, pk)
    signup = selectors.own_signup(member, event)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "signup":
                made = signup_create(actor=request.user, event=event)
                if made.status == SignupStatus.CONFIRMED:
                    messages.success(request, _("报名成功。请准时参加，入场时出示会员卡。"))
                else:
                    messages.success(
                        request, _("名额已满，您已进入候补名单。有名额空出时会按顺序通知您。")
                    )
            elif action == "cancel" and signup is not None:
                signup_cancel(actor=request.user, signup=signup)
                messages.success(request, _("已取消报名。"))
            else:
                messages.error(request, _("不支持的操作。"))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("portal:events:detail", event.pk)
    active = signup is not None and signup.status in ACTIVE_SIGNUP
    return render(
        request,
        "events/portal_detail.html",
        {
            "event": event,
            "signup": signup,
            "active": active,
            "position": selectors.waiting_position(signup) if active and signup else None,
            "counts": selectors.counts(event),
            "problem": signup_open_problem(event),
            "may_sign_up": not active and in_audience(event, member),
            "may_cancel": active
            and event.status in (EventStatus.PUBLISHED, EventStatus.SIGNUP_CLOSED)
            and signup is not None
            and signup.attended_at is None,
        },
    )
