"""Screening (MM-4): the candidates for a member, best first, in one SQL query.

Every candidate returned is active, of the other gender, not the member, not already
offered to the member nor the member to them, and meets the hard requirements in both
directions: the candidate the member's (age, height, education, marital status, district)
and the member the candidate's. The same conditions the tests' brute-force reference checks
(``tests/test_screening.py``) on thousands of generated pools.

Ranking, in whole numbers so that both databases and the reference agree exactly:
- each side's wishes (education, income, own home, a shared hobby) give that side a
  satisfaction of ``100 × wishes met // wishes stated`` (50 for someone with no wishes: they
  are neither pleased nor displeased);
- the pair's score is the lower of the two satisfactions, so one side's delight does not
  hide the other's indifference;
- minus ``EXPOSURE_PENALTY`` for each time the candidate was offered in the last 30 days
  (at most ``EXPOSURE_CAP`` times), so the same few profiles are not offered to everyone;
- ties go to the older registration (lower id), so the order is stable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection

from zhigong.matchmaking.choices import District, Housing, MaritalStatus, ProfileStatus, bits_of
from zhigong.matchmaking.models import SCREENED_COLUMNS, Introduction, Profile

EXPOSURE_PENALTY = 5
EXPOSURE_CAP = 10
NO_WISHES = 50
OFFER_COUNT = 3  # the candidates staff offer at a time (000 §10.2)
# How many of the oldest registrations the bounded readings of ``screen`` look at, in turn
# (measured on 1,000,000 profiles: the first answers about three screenings in four, the
# second all but a few in a hundred; docs/matchmaking.md).
WINDOWS: tuple[int, ...] = (20_000, 100_000)
PROFILES = Profile._meta.db_table
OTHER_GENDER = {"male": "female", "female": "male"}
INTRODUCTIONS = Introduction._meta.db_table


@dataclass(frozen=True)
class Candidate:
    profile: Profile
    score: int  # the rank: the pair's satisfaction less the exposure penalty
    fit: int  # the lower of the two sides' satisfactions, 0..100


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (28 February for a 29 February that does not exist)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _member_terms(member: Profile, today: dt.date) -> tuple[list[str], list[Any]]:
    """The WHERE terms: the member's hard requirements on the candidate, the candidate's
    on the member, and who is left out (the pool itself, active and of the other gender, is
    the query's source: ``_pool``)."""
    age = age_on(member.birth_date, today)
    terms = [
        "p.id <> %s",
        "p.birth_date <= %s",
        "p.birth_date > %s",
        # the candidate's requirements on the member
        "p.age_min <= %s",
        "p.age_max >= %s",
        "p.height_min <= %s",
        "(p.height_max = 0 OR p.height_max >= %s)",
        "p.education_min <= %s",
        "(p.marital_mask & %s) <> 0",
        "(p.districts_mask = 0 OR (p.districts_mask & %s) <> 0)",
        # not offered to each other before, in either direction
        f"p.id NOT IN (SELECT candidate_id FROM {INTRODUCTIONS} WHERE member_id = %s)",
        f"p.id NOT IN (SELECT member_id FROM {INTRODUCTIONS} WHERE candidate_id = %s)",
    ]
    params: list[Any] = [
        member.pk,
        years_before(today, member.age_min),
        years_before(today, member.age_max + 1),
        age,
        age,
        member.height_cm,
        member.height_cm,
        member.education,
        member.marital_status,
        member.district,
        member.pk,
        member.pk,
    ]
    marital = bits_of(member.marital_mask, MaritalStatus) or [0]
    terms.append(f"p.marital_status IN ({', '.join(['%s'] * len(marital))})")
    params += marital
    if member.height_min:
        terms.append("p.height_cm >= %s")
        params.append(member.height_min)
    if member.height_max:
        terms.append("p.height_cm <= %s")
        params.append(member.height_max)
    if member.education_min:
        terms.append("p.education >= %s")
        params.append(member.education_min)
    if member.districts_mask:
        districts = bits_of(member.districts_mask, District)
        terms.append(f"p.district IN ({', '.join(['%s'] * len(districts))})")
        params += districts
    return terms, params


def _member_wishes(member: Profile) -> tuple[str, list[Any]]:
    """The member's satisfaction with the candidate, as an SQL expression."""
    met: list[str] = []
    params: list[Any] = []
    if member.wish_education:
        met.append("CASE WHEN p.education >= %s THEN 1 ELSE 0 END")
        params.append(member.wish_education)
    if member.wish_income:
        met.append("CASE WHEN p.income_band >= %s THEN 1 ELSE 0 END")
        params.append(member.wish_income)
    if member.wish_housing:
        met.append("CASE WHEN p.housing = %s THEN 1 ELSE 0 END")
        params.append(Housing.OWNED.value)
    if member.wish_hobbies:
        met.append("CASE WHEN (p.hobbies & %s) <> 0 THEN 1 ELSE 0 END")
        params.append(member.wish_hobbies)
    if not met:
        return str(NO_WISHES), []
    return f"(100 * ({' + '.join(met)})) / {len(met)}", params


def _their_wishes(member: Profile) -> tuple[str, str, list[Any]]:
    """How many wishes the candidate stated, and how many the member meets."""
    stated = (
        "CASE WHEN p.wish_education > 0 THEN 1 ELSE 0 END"
        " + CASE WHEN p.wish_income > 0 THEN 1 ELSE 0 END"
        " + CASE WHEN p.wish_housing THEN 1 ELSE 0 END"
        " + CASE WHEN p.wish_hobbies > 0 THEN 1 ELSE 0 END"
    )
    owned = "1" if member.housing == Housing.OWNED else "0"
    met = (
        "CASE WHEN p.wish_education > 0 AND p.wish_education <= %s THEN 1 ELSE 0 END"
        " + CASE WHEN p.wish_income > 0 AND p.wish_income <= %s THEN 1 ELSE 0 END"
        f" + CASE WHEN p.wish_housing THEN {owned} ELSE 0 END"
        " + CASE WHEN (p.wish_hobbies & %s) <> 0 THEN 1 ELSE 0 END"
    )
    return stated, met, [member.education, member.income_band, member.hobbies]


def best_possible_fit(member: Profile) -> int:
    """No candidate can rank above this: a member without wishes is content with anyone
    (``NO_WISHES``), so the pair's fit, the lower side, cannot pass it."""
    wishes = member.wish_education or member.wish_income or member.wish_housing
    return 100 if wishes or member.wish_hobbies else NO_WISHES


def _pool(member: Profile, window: int | None) -> tuple[str, list[Any]]:
    """The active profiles of the other gender: all of them, or only the ``window`` oldest
    registrations (read in id order from the ``match_pool_by_id`` index, stopping there)."""
    active_other = [ProfileStatus.ACTIVE.value, OTHER_GENDER[member.gender]]
    if window is None:
        return f"(SELECT * FROM {PROFILES} WHERE status = %s AND gender = %s) p", active_other
    columns = ", ".join(["birth_date", *SCREENED_COLUMNS])
    return (
        f"(SELECT {columns} FROM {PROFILES} WHERE status = %s AND gender = %s"
        " ORDER BY id LIMIT %s) p",
        [*active_other, window],
    )


def screening_sql(
    member: Profile,
    *,
    today: dt.date,
    limit: int,
    among: list[int] | None = None,
    window: int | None = None,
) -> tuple[str, list[Any]]:
    """The one query: hard requirements both ways in WHERE, both sides' satisfactions in
    the inner select, the pair's fit (the lower) and the rank outside, best ``limit`` first.
    Plain SQL that PostgreSQL and SQLite read alike (integer division, ``&``, CASE).

    With ``window``, only the candidates of the best possible rank among the ``window``
    oldest registrations (see ``screen``)."""
    terms, where_params = _member_terms(member, today)
    pool, pool_params = _pool(member, window)
    best_only = ""
    if window is not None:
        best_only = f"WHERE fit >= {best_possible_fit(member)} AND recent_offers <= 0"
    if among is not None:
        terms.append(f"p.id IN ({', '.join(['%s'] * len(among))})" if among else "1 = 0")
        where_params += among
    mine, mine_params = _member_wishes(member)
    stated, met, met_params = _their_wishes(member)
    sql = f"""
        SELECT id, fit, fit - {EXPOSURE_PENALTY} * (
            CASE WHEN recent_offers < {EXPOSURE_CAP} THEN recent_offers ELSE {EXPOSURE_CAP} END
        ) AS rank
        FROM (
            SELECT id, recent_offers, CASE WHEN mine < theirs THEN mine ELSE theirs END AS fit
            FROM (
                SELECT id, recent_offers, mine,
                    CASE WHEN stated = 0 THEN {NO_WISHES} ELSE (100 * met) / stated END AS theirs
                FROM (
                    SELECT p.id, p.recent_offers, {mine} AS mine,
                        {stated} AS stated, {met} AS met
                    FROM {pool}
                    WHERE {" AND ".join(terms)}
                ) AS scored
            ) AS sides
        ) AS paired
        {best_only}
        ORDER BY rank DESC, id
        LIMIT %s"""
    return sql, [*mine_params, *met_params, *pool_params, *where_params, limit]


def screen(member: Profile, *, today: dt.date, limit: int = 20) -> list[Candidate]:
    """The best ``limit`` candidates for ``member``, then their profiles in a second query.

    In a large pool most members have plenty of candidates of the best possible rank (a
    perfect fit never offered lately), and the order puts the oldest registrations first
    among equals. So the ranking first reads only the oldest registrations of the other
    gender (``WINDOWS``, a larger reading if the first falls short), keeping those of the
    best possible rank: once ``limit`` of them are there, they are exactly the answer
    (nobody outside the window ranks higher, and everybody outside it who ranks as high
    registered later). Otherwise, for a member whose requirements few meet, the query over
    the whole pool answers, as before."""
    ranked: list[tuple[int, int, int]] = []
    for window in (*WINDOWS, None):
        ranked = _ranked(member, today=today, limit=limit, window=window)
        if len(ranked) == limit:
            break
    found = Profile.objects.in_bulk([row[0] for row in ranked])
    return [Candidate(profile=found[pk], score=rank, fit=fit) for pk, fit, rank in ranked]


def _ranked(
    member: Profile, *, today: dt.date, limit: int, window: int | None = None
) -> list[tuple[int, int, int]]:
    sql, params = screening_sql(member, today=today, limit=limit, window=window)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def eligible_ids(member: Profile, *, today: dt.date, among: list[int]) -> set[int]:
    """Which of ``among`` pass the screening now (checked again when they are offered)."""
    sql, params = screening_sql(member, today=today, limit=len(among) + 1, among=among)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}
