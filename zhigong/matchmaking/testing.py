"""Profiles for tests, the route inventory and the demo: a registration through the
services (the member's own form, the grassroots review, the entry), or a ready active
profile for a member without an account."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.matchmaking import figures
from zhigong.matchmaking.choices import Education, Housing, IncomeBand, MaritalStatus, ProfileStatus
from zhigong.matchmaking.models import Profile
from zhigong.matchmaking.rules import current_rules
from zhigong.matchmaking.services.registration import (
    ProfileInput,
    profile_enter,
    profile_register,
    profile_review,
)
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member

# A real 1×1 PNG: browsers draw it, so a page test can check a served photo loads.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc8c\x9c\x06\x00\x034\x01f8\x86\xe0\xac\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


class Upload(io.BytesIO):
    def __init__(self, data: bytes = PNG, name: str = "photo.png") -> None:
        super().__init__(data)
        self.name = name


def form_input(**overrides: Any) -> ProfileInput:
    values: dict[str, Any] = {
        "marital_status": MaritalStatus.SINGLE,
        "height_cm": 172,
        "education": Education.BACHELOR,
        "occupation": "工程师",
        "income_band": IncomeBand.FROM_5K,
        "district": 1,
        "housing": Housing.OWNED,
        "age_min": 20,
        "age_max": 50,
    }
    values.update(overrides)
    return ProfileInput(**values)


def register_through(user: Any, *, enter: bool = True, **overrides: Any) -> Profile:
    """The member's own registration, reviewed and (by default) entered by the platform."""
    profile = profile_register(
        actor=user,
        data=form_input(**overrides),
        rules_version=current_rules().version,
        uploads={"photo": Upload()},
    )
    profile_review(actor=SYSTEM, profile=profile, approve=True, stamp="王主席")
    if enter:
        profile_enter(actor=SYSTEM, profile=profile)
    return profile


def active_profile(member: Member, **overrides: Any) -> Profile:
    """An entered profile written directly (a member without an account, in tests/demo)."""
    assert member.status == MemberStatus.ACTIVE
    rules = current_rules()
    fields = {f: getattr(form_input(), f) for f in ProfileInput.__dataclass_fields__}
    fields.update(overrides)
    fields.setdefault("status", ProfileStatus.ACTIVE)
    profile = Profile.objects.create(
        member=member,
        union=member.union,
        gender=member.gender,
        birth_date=member.birth_date,
        rules_version=rules.version,
        rules_digest=rules.digest,
        rules_signed_at=timezone.now(),
        entered_at=timezone.now() - dt.timedelta(days=1),
        **fields,
    )
    figures.registered(profile)
    return profile
