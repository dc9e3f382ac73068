"""Demo matchmaking pool: single members of the demo federation with realistic profiles
(``matchmaking.population``), forms waiting at each step, and introductions in every state
(offered, passed, chosen, meeting, contacts exchanged, declined, withdrawn), a suspension
after five refusals and ended services.

Introductions go through the matchmaking services (the audit log and the follow-ups are what
real work leaves). Deterministic for a seed and idempotent: once the demo tree holds profiles,
nothing is added."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhigong.accounts.models import User
from zhigong.core.actors import SYSTEM
from zhigong.demo import data
from zhigong.matchmaking import figures, population
from zhigong.matchmaking.choices import EndReason, ProfileStatus
from zhigong.matchmaking.models import Profile
from zhigong.matchmaking.rules import current_rules
from zhigong.matchmaking.screening import age_on, screen
from zhigong.matchmaking.services.ending import profile_end
from zhigong.matchmaking.services.serving import (
    candidate_choose,
    candidates_offer,
    introduction_answer,
    offers_pass,
    refusal_record,
    service_request,
)
from zhigong.members.choices import MemberStatus
from zhigong.members.models import ConsentPurpose, Member
from zhigong.members.services.selfservice import consent_grant

POOL_SIZE = 300
# The way each served member's chosen introduction ends, in order.
STORIES = ("offered", "passed", "chosen", "meet", "exchange", "decline", "withdrawn")


@dataclass
class MatchmakingResult:
    profiles: int = 0
    introductions: int = 0
    already_loaded: bool = False
    seconds: float = 0.0


def _demo_singles() -> list[Member]:
    today = timezone.localdate()
    found = Member.objects.filter(
        union__code__startswith=f"{data.CITY_CODE}-", status=MemberStatus.ACTIVE
    ).order_by("id")[: POOL_SIZE * 2]
    return [m for m in found if 22 <= age_on(m.birth_date, today) <= 50][:POOL_SIZE]


def seed_matchmaking(
    *, seed: int = 1, say: Callable[[str], None] | None = None
) -> MatchmakingResult:
    started = time.perf_counter()
    result = MatchmakingResult()
    singles = _demo_singles()
    if Profile.objects.filter(union__code__startswith=f"{data.CITY_CODE}-").exists() or not singles:
        result.already_loaded = True
        result.seconds = time.perf_counter() - started
        return result
    rng = random.Random(f"{seed}/matchmaking")
    rules = current_rules()
    now = timezone.now()
    today = timezone.localdate()
    # Most are in the pool; a few wait at each step of registration.
    steps = [ProfileStatus.SUBMITTED] * 3 + [ProfileStatus.REVIEWED] * 3 + [ProfileStatus.RETURNED]
    with transaction.atomic():
        profiles = []
        for number, member in enumerate(singles):
            fields = population.profile_fields(
                rng, male=member.gender == "male", age=age_on(member.birth_date, today)
            )
            status = steps[number] if number < len(steps) else ProfileStatus.ACTIVE
            profiles.append(
                Profile(
                    member=member,
                    union_id=member.union_id,
                    gender=member.gender,
                    birth_date=member.birth_date,
                    status=status,
                    rules_version=rules.version,
                    rules_digest=rules.digest,
                    rules_signed_at=now,
                    review_stamp="工会主席" if status != ProfileStatus.SUBMITTED else "",
                    return_reason="请补充离婚证" if status == ProfileStatus.RETURNED else "",
                    entered_at=now if status == ProfileStatus.ACTIVE else None,
                    **fields,
                )
            )
        Profile.objects.bulk_create(profiles)
        result.profiles = len(profiles)
        for profile in profiles[::2]:  # half of them public
            consent_grant(
                actor=SYSTEM, member=profile.member, purpose=ConsentPurpose.MATCHMAKING_PUBLIC
            )
        result.introductions = _introductions(profiles, rng)
        figures.rebuild()  # the profiles were written in bulk
    if say:
        say(f"demo matchmaking: {result.profiles} profiles, {result.introductions} introductions")
    result.seconds = time.perf_counter() - started
    return result


def _introductions(profiles: list[Profile], rng: random.Random) -> int:
    made = 0
    served = [p for p in profiles if p.status == ProfileStatus.ACTIVE]
    wang = User.objects.filter(username="member_wang").first()
    mine = next((p for p in served if wang is not None and p.member.user_id == wang.pk), None)
    order = ([mine] if mine else []) + [p for p in served if p is not mine]
    stories = iter(STORIES * 3)
    for profile in order:
        profile.refresh_from_db()
        if profile.status != ProfileStatus.ACTIVE:
            continue
        story = next(stories, None)
        if story is None:
            break
        found = [c.profile.pk for c in screen(profile, today=timezone.localdate(), limit=3)]
        if not found:
            continue
        service_request(actor=SYSTEM, profile=profile, note="")
        offered = candidates_offer(actor=SYSTEM, profile=profile, candidate_ids=found)
        made += len(offered)
        first = offered[0]
        if story == "offered":
            continue
        if story == "passed":
            offers_pass(actor=SYSTEM, profile=profile)
            continue
        candidate_choose(actor=SYSTEM, introduction=first)
        if story in ("meet", "exchange", "decline"):
            introduction_answer(
                actor=SYSTEM,
                introduction=first,
                answer=story,
                meeting_at=timezone.now() + dt.timedelta(days=3) if story == "meet" else None,
                meeting_place="江滩公园一号门" if story == "meet" else "",
                reason="暂时不考虑" if story == "decline" else "",
            )
        if story == "withdrawn":
            profile_end(actor=SYSTEM, profile=first.candidate, reason=EndReason.FOUND_PARTNER)
    # One member suspended after five refusals.
    last = served[-1]
    last.refresh_from_db()
    if last.status == ProfileStatus.ACTIVE:
        for _ in range(5):
            refusal_record(actor=SYSTEM, profile=last)
    return made
