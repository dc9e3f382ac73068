"""What the pages show of a profile to whom (MM-11): another member sees no surname, no
employer, no ID, no phone and no photo, and never the requirements; both sides see each
other's name, phone and photo only once contacts were exchanged."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.matchmaking.choices import District, DocumentKind, Hobby, IntroductionStatus, bits_of
from zhigong.matchmaking.models import Introduction, Profile
from zhigong.matchmaking.screening import age_on
from zhigong.members.personal import phone_of


def hobby_labels(mask: int) -> str:
    return "、".join(str(Hobby(b).label) for b in bits_of(mask, Hobby))


def district_labels(mask: int) -> str:
    return "、".join(str(District(b).label) for b in bits_of(mask, District)) or _("不限")


def shown_to_members(profile: Profile) -> dict[str, Any]:
    """The public card of a profile: nothing that identifies the person."""
    return {
        "pk": profile.pk,
        "handle": _("会员 %(n)s") % {"n": f"M{profile.pk:06d}"},
        "gender": str(_("男") if profile.gender == "male" else _("女")),
        "age": age_on(profile.birth_date, timezone.localdate()),
        "height_cm": profile.height_cm,
        "education": str(profile.get_education_display()),
        "occupation": profile.occupation,
        "income": str(profile.get_income_band_display()),
        "district": str(District(profile.district).label)
        if profile.district in District.values
        else "",
        "housing": str(profile.get_housing_display()),
        "marital": str(profile.get_marital_status_display()),
        "hobbies": hobby_labels(profile.hobbies),
        "self_intro": profile.self_intro,
    }


def contact_shown(introduction: Introduction, other: Profile) -> dict[str, Any] | None:
    """What one side of an introduction learns of the other once both said yes to
    exchanging contacts: the name, the phone and whether a photo can be shown; nothing
    before."""
    if introduction.status != IntroductionStatus.EXCHANGED:
        return None
    return {
        "name": other.member.name,
        "phone": phone_of(other.member),
        "has_photo": other.documents.filter(kind=DocumentKind.PHOTO).exists(),
    }
