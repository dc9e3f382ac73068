"""Who viewed my full data, when and why: a member's own reading of the access log
(``core.models.AccessLog``, DESIGN §3.2), at ``/me/access/``.

A member's record was viewed in full when

- someone revealed their ID number or phone (``services.reveal``, on a page or through the
  API): a row naming the member (``subject_type`` ``members.member``, ``subject_id`` their
  id; index ``accesslog_subject``);
- someone exported an unmasked roster (``exports.roster_export``) of a union at or above a
  union the member belonged to *at that time*: the log keeps one row per export, naming the
  union (``channel`` ``export``, ``union_path``; index ``accesslog_channel_union``), not one
  per person, so the member's unions over time are read from their history (joining, a
  transfer, rejoining elsewhere). An export limited to another status than the member's
  (say, only members who left) is still listed: it covered their union, and the log does not
  keep the filter;
- they exported their own data (channel ``self-export``), listed as themself.

The viewer is shown by role, department and union at the time, not by name: the record is
the union's, and the member's question "who, and why" is answered by the role, the union and
the reason given. The row's number lets the member ask the union, whose auditors see the
name (``/staff/audit/access/``). See ``docs/members-workflows.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhigong.core.audit_words import words
from zhigong.core.models import AccessLog
from zhigong.members.models import Member
from zhigong.unions.models import RoleGrant, Union
from zhigong.unions.roles import Perm, permissions_for

MEMBER_SUBJECT = Member._meta.label_lower
UNION_SUBJECT = Union._meta.label_lower
EXPORT_CHANNEL = "export"
SELF_CHANNEL = "self-export"


@dataclass(frozen=True)
class Period:
    """A union the member belonged to, from ``since`` until ``until`` (None: still)."""

    union_code: str
    since: dt.datetime
    until: dt.datetime | None


def union_periods(member: Member) -> list[Period]:
    """The member's unions over time, read from their history (every change of union,
    whether by joining, a transfer or rejoining, is a history row ``union: [old, new]``).
    A member with no such row (entered before the history kept unions, or imported in
    bulk) has been at their union since their record was made."""
    periods: list[Period] = []
    code: str | None = None
    since = member.created_at
    for at, changes in member.history.order_by("at", "id").values_list("at", "changes"):
        pair = changes.get("union") if isinstance(changes, dict) else None
        if not (isinstance(pair, list) and len(pair) == 2 and pair[1]):
            continue
        before, after = pair
        if code is None and before:
            code = str(before)  # where they were before the first change recorded
        if code is not None and code != after:
            periods.append(Period(code, since, at))
            since = at
        code = str(after)
    periods.append(Period(code or member.union.code, since, None))
    return periods


def access_log_of(member: Member) -> QuerySet[AccessLog]:
    """Every view of the member's full data, newest first: reveals of their record, their
    own exports, and unmasked roster exports that covered a union of theirs at the time.

    Two indexed reads put together (``UNION ALL``), then sorted: asked as one ``OR``, SQLite
    walks the whole log in ``seq`` order instead."""
    views = AccessLog.objects.filter(subject_type=MEMBER_SUBJECT, subject_id=str(member.pk))
    periods = union_periods(member)
    unions = {u.code: u for u in Union.objects.filter(code__in={p.union_code for p in periods})}
    covered = Q(pk__in=[])
    for period in periods:
        union = unions.get(period.union_code)
        if union is None:
            continue
        during = Q(union_path__in=[*union.ancestor_paths(), union.path], at__gte=period.since)
        if period.until is not None:
            during &= Q(at__lt=period.until)
        covered |= during
    rosters = AccessLog.objects.filter(covered, channel=EXPORT_CHANNEL, subject_type=UNION_SUBJECT)
    return views.order_by().union(rosters.order_by(), all=True).order_by("-seq")


@dataclass(frozen=True)
class AccessEntry:
    seq: int  # the record's number: what to quote when asking the union
    at: dt.datetime
    own: bool  # the member themself (their own export)
    role: str  # the viewer's role (and department) at the time: 服务中心工作人员
    union: str  # where they held it: 大智街道工会
    what: str  # 查看身份证号、手机号 / 导出完整花名册（江岸区总工会）
    how: str  # 网页查看, 接口查看…
    reason: str


def access_entries(member: Member, logs: Iterable[AccessLog]) -> list[AccessEntry]:
    """A page of the member's access log in their words: the viewer by role and union,
    never by name (one query for the viewers' grants, one for the exported unions' names)."""
    logs = list(logs)
    vocabulary = words()
    viewers = {log.actor_id for log in logs if log.actor_id and log.actor_id != member.user_id}
    grants: dict[int, list[RoleGrant]] = defaultdict(list)
    for grant in RoleGrant.objects.filter(user_id__in=viewers).select_related(
        "union", "department"
    ):
        grants[grant.user_id].append(grant)
    exported = {log.union_path for log in logs if log.channel == EXPORT_CHANNEL}
    names = dict(Union.objects.filter(path__in=exported).values_list("path", "name"))
    entries = []
    for log in logs:
        own = log.actor_id is not None and log.actor_id == member.user_id
        if own:
            role, union = _("您本人"), ""
        elif log.actor_id is None:
            role, union = _("系统"), ""
        else:
            role, union = _viewer(grants[log.actor_id], log)
        fields = "、".join(
            vocabulary.field_label(log.subject_type, f) for f in log.fields.split(",") if f
        )
        if log.channel == EXPORT_CHANNEL:
            what = _("导出完整花名册（%(union)s），含%(fields)s") % {
                "union": names.get(log.union_path) or _("您所在的工会或其上级工会"),
                "fields": fields,
            }
        elif log.channel == SELF_CHANNEL:
            what = _("导出本人全部资料，含%(fields)s") % {"fields": fields}
        else:
            what = _("查看完整的%(fields)s") % {"fields": fields}
        entries.append(
            AccessEntry(
                seq=log.seq,
                at=log.at,
                own=own,
                role=role,
                union=union,
                what=what,
                how=vocabulary.channel_label(log.channel),
                reason=log.reason,
            )
        )
    return entries


def _viewer(grants: list[RoleGrant], log: AccessLog) -> tuple[str, str]:
    """The role (and department) and union by which the viewer could see it at the time:
    a grant held then, covering the record's union, that may reveal; the closest such."""
    held = [
        g
        for g in grants
        if g.granted_at <= log.at
        and (g.revoked_at is None or g.revoked_at > log.at)
        and log.union_path.startswith(g.union.path)
    ]
    revealing = [
        g
        for g in held
        if Perm.MEMBER_REVEAL
        in permissions_for(g.role, g.department.kind if g.department is not None else None)
    ]
    chosen = max(revealing or held, key=lambda g: len(g.union.path), default=None)
    if chosen is None:
        return _("工会工作人员"), ""
    role = str(chosen.get_role_display())
    if chosen.department is not None:
        role = f"{role}（{chosen.department.name}）"
    return role, chosen.union.name
