"""The members app on the portal home (``core.home``): what member services there are, and
for a logged-in person their card and their applications with where each stands."""

from __future__ import annotations

from django.http import HttpRequest

from zhigong.core.home import HomeSection
from zhigong.members import selectors
from zhigong.members.choices import OPEN_APPLICATION_STATUSES, MemberStatus
from zhigong.members.selectors import portal as mine

SHOWN_APPLICATIONS = 3


def portal_home(request: HttpRequest) -> HomeSection:
    user = request.user
    if not user.is_authenticated:
        return HomeSection("members/_portal_home.jinja", {"anonymous": True}, order=10, fixed=True)
    member = mine.own_member(user)
    active = member is not None and member.status != MemberStatus.LEFT
    applications = list(mine.own_applications(user)[:SHOWN_APPLICATIONS])
    return HomeSection(
        "members/_portal_home.jinja",
        {
            "member": member,
            "active": active,
            "card": selectors.member_current_card(member)
            if member is not None and active
            else None,
            "applications": applications,
            "may_apply": not active
            and not any(a.status in OPEN_APPLICATION_STATUSES for a in applications),
        },
        order=10,
    )
