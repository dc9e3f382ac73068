"""Load the demo federation: a Wuhan union tree, departments, centres and demo logins.

Idempotent: everything is found by its code (unions), its kind (departments), its name
(centres) or its username (accounts); what exists is left alone, only what is missing is
created. When nothing is missing the run ends after a handful of queries, so ``make run``
may call it on every start.

The small scale goes through the unions services, one audit event per write. The large
scale computes the materialised paths itself and bulk-inserts (tens of thousands of rows in
seconds), then writes one summary audit event. Accounts always go through the accounts
services.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.accounts.models import PHONE_PURPOSE, User
from zhigong.accounts.services import role_grant, user_create
from zhigong.core import crypto
from zhigong.core.actors import SYSTEM
from zhigong.core.audit import audit_record
from zhigong.demo import data
from zhigong.demo.acceptance import AcceptanceResult, seed_acceptance
from zhigong.demo.appeals import AppealsResult, seed_appeals
from zhigong.demo.cases import CasesResult, seed_cases
from zhigong.demo.centres import CentresResult, seed_centres
from zhigong.demo.events import EventsResult, seed_events
from zhigong.demo.hardship import HardshipResult, seed_hardship
from zhigong.demo.matchmaking import MatchmakingResult, seed_matchmaking
from zhigong.demo.members import MembersResult, seed_members
from zhigong.demo.plan import (
    DemoAccount,
    DemoPlan,
    PlannedCentre,
    PlannedDepartment,
    PlannedUnion,
    Scale,
    build_plan,
)
from zhigong.demo.surveys import SurveysResult, seed_surveys
from zhigong.demo.volunteer_projects import ProjectsResult, seed_volunteer_projects
from zhigong.demo.volunteers import VolunteersResult, seed_volunteers
from zhigong.unions.models import Department, ServiceCentre, Union
from zhigong.unions.roles import DepartmentKind, Role
from zhigong.unions.services import centre_create, department_create, union_create

REASON = "加载演示数据"
_TIMESTAMPS = {"created_at", "updated_at"}


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    full_name: str
    phone: str
    role: str  # role label, e.g. "总工会管理员"
    department: str  # department label, or ""
    union_code: str
    union_name: str


@dataclass
class SeedResult:
    seed: int
    scale: str
    already_loaded: bool = False
    unions_planned: int = 0
    unions_created: int = 0
    departments_created: int = 0
    centres_created: int = 0
    users_created: int = 0
    grants_created: int = 0
    seconds: float = 0.0
    logins: list[Login] = field(default_factory=list)
    members: MembersResult | None = None
    cases: CasesResult | None = None
    volunteers: VolunteersResult | None = None
    volunteer_projects: ProjectsResult | None = None
    matchmaking: MatchmakingResult | None = None
    hardship: HardshipResult | None = None
    events: EventsResult | None = None
    centres: CentresResult | None = None
    surveys: SurveysResult | None = None
    appeals: AppealsResult | None = None
    acceptance: AcceptanceResult | None = None


@dataclass
class _Node:
    pk: int | None
    path: str
    depth: int
    numchild: int


def _demo_unions() -> Q:
    return Q(code=data.CITY_CODE) | Q(code__startswith=f"{data.CITY_CODE}-")


@dataclass(frozen=True)
class _Missing:
    unions: list[PlannedUnion]
    departments: list[PlannedDepartment]
    centres: list[PlannedCentre]
    accounts: list[DemoAccount]

    def __bool__(self) -> bool:
        return bool(self.unions or self.departments or self.centres or self.accounts)


@dataclass
class _State:
    """What of the plan the database already holds."""

    nodes: dict[str, _Node]
    departments: set[tuple[str, str]]
    centres: set[tuple[str, str]]
    usernames: set[str]

    @classmethod
    def read(cls, plan: DemoPlan) -> _State:
        nodes = {
            code: _Node(pk, path, depth, numchild)
            for code, pk, path, depth, numchild in Union.objects.filter(_demo_unions()).values_list(
                "code", "pk", "path", "depth", "numchild"
            )
        }
        departments = set(
            Department.objects.filter(union__in=Union.objects.filter(_demo_unions()))
            .values_list("union__code", "kind")
            .iterator()
        )
        centres = set(
            ServiceCentre.objects.filter(union__in=Union.objects.filter(_demo_unions()))
            .values_list("union__code", "name")
            .iterator()
        )
        wanted = [a.username.lower() for a in plan.accounts]
        usernames = set(
            User.objects.annotate(lower=Lower("username"))
            .filter(lower__in=wanted)
            .values_list("lower", flat=True)
        )
        return cls(nodes, departments, centres, usernames)

    def missing(self, plan: DemoPlan) -> _Missing:
        return _Missing(
            [u for u in plan.unions if u.code not in self.nodes],
            [d for d in plan.departments if (d.union_code, d.kind) not in self.departments],
            [c for c in plan.centres if (c.union_code, c.name) not in self.centres],
            [a for a in plan.accounts if a.username.lower() not in self.usernames],
        )


class _Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


def seed_demo(
    *, seed: int = 1, scale: str = Scale.SMALL, members: int = 0, stdout: _Writer | None = None
) -> SeedResult:
    """Load the demo federation for ``seed`` and ``scale`` with the first ``members`` demo
    members of the seed; a second run changes nothing."""
    result = _seed_tree(seed=seed, scale=scale, stdout=stdout)
    say = (lambda message: stdout.write(message + "\n")) if stdout is not None else None
    # The centres need only the tree: their records, the year's standards and targets.
    result.centres = seed_centres(seed=seed, say=say)
    result.seconds += result.centres.seconds
    if members:
        started = time.perf_counter()
        result.members = seed_members(seed=seed, count=members, say=say)
        result.seconds += time.perf_counter() - started
        # Cases come after the members: many of them are members' hotline calls.
        result.cases = seed_cases(seed=seed, say=say)
        result.seconds += result.cases.seconds
        result.volunteers = seed_volunteers(say=say)
        result.seconds += result.volunteers.seconds
        result.hardship = seed_hardship(say=say)
        result.seconds += result.hardship.seconds
        result.volunteer_projects = seed_volunteer_projects(say=say)
        result.seconds += result.volunteer_projects.seconds
        result.matchmaking = seed_matchmaking(seed=seed, say=say)
        result.seconds += result.matchmaking.seconds
        result.events = seed_events(seed=seed, say=say)
        result.seconds += result.events.seconds
        result.surveys = seed_surveys(seed=seed, say=say)
        result.seconds += result.surveys.seconds
        result.appeals = seed_appeals(say=say)
        result.seconds += result.appeals.seconds
    # The acceptance round needs the centres and the year's standards (its surveys are
    # answered by one-time codes, so no members are needed); it loads with them, so that a
    # second run asks nothing more.
    if not result.centres.already_loaded:
        result.acceptance = seed_acceptance(seed=seed, say=say)
        result.seconds += result.acceptance.seconds
    return result


def _seed_tree(*, seed: int, scale: str, stdout: _Writer | None) -> SeedResult:
    started = time.perf_counter()
    outline = build_plan(seed=seed, scale=scale, names=False)
    result = SeedResult(seed=seed, scale=str(outline.scale), unions_planned=len(outline.unions))

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    if _looks_loaded(outline):
        result.already_loaded = True
        result.logins = _logins(outline)
        result.seconds = time.perf_counter() - started
        return result
    plan = build_plan(seed=seed, scale=scale)
    state = _State.read(plan)
    missing = state.missing(plan)
    if not missing:
        result.already_loaded = True
    else:
        with transaction.atomic():
            if plan.scale == Scale.LARGE:
                _load_bulk(state, missing, result, say)
            else:
                _load_with_services(missing, result, say)
            _load_accounts(missing.accounts, result, say)
    result.logins = _logins(plan)
    result.seconds = time.perf_counter() - started
    return result


def _looks_loaded(outline: DemoPlan) -> bool:
    """The quick test that lets ``make run`` call the command on every start: at least as
    many demo unions, departments and centres as the plan holds, and every demo login.
    Unions are never deleted (only deactivated), so the counts do not shrink."""
    demo = Union.objects.filter(_demo_unions())
    if demo.count() < len(outline.unions):
        return False
    if Department.objects.filter(union__in=demo).count() < len(outline.departments):
        return False
    if ServiceCentre.objects.filter(union__in=demo).count() < len(outline.centres):
        return False
    wanted = {a.username.lower() for a in outline.accounts}
    found = User.objects.annotate(lower=Lower("username")).filter(lower__in=wanted).count()
    return found == len(wanted)


# -- small scale: through the services, one audit event per write ---------------------------


def _load_with_services(missing: _Missing, result: SeedResult, say: Callable[[str], None]) -> None:
    unions, departments, centres = missing.unions, missing.departments, missing.centres
    loaded: dict[str, Union] = {}

    def union_at(code: str) -> Union:
        if code not in loaded:
            loaded[code] = Union.objects.get(code=code)
        return loaded[code]

    say(_("正在创建 %(count)d 个工会…") % {"count": len(unions)})
    for unit in unions:
        loaded[unit.code] = union_create(
            actor=SYSTEM,
            parent=union_at(unit.parent_code) if unit.parent_code else None,
            code=unit.code,
            name=unit.name,
            kind=unit.kind,
            level=unit.level,
            region_code=unit.region_code,
            short_name=unit.short_name,
            reason=REASON,
        )
    for department in departments:
        department_create(
            actor=SYSTEM, union=union_at(department.union_code), kind=department.kind, reason=REASON
        )
    for centre in centres:
        centre_create(
            actor=SYSTEM,
            union=union_at(centre.union_code),
            name=centre.name,
            kind=centre.kind,
            address=centre.address,
            hotline=centre.hotline,
            reason=REASON,
        )
    result.unions_created = len(unions)
    result.departments_created = len(departments)
    result.centres_created = len(centres)


# -- large scale: paths computed here, bulk inserts, one summary audit event ----------------


def _load_bulk(
    state: _State, missing: _Missing, result: SeedResult, say: Callable[[str], None]
) -> None:
    nodes = state.nodes
    before = {
        "unions": len(nodes),
        "departments": len(state.departments),
        "centres": len(state.centres),
    }
    if missing.unions and missing.unions[0].code == data.CITY_CODE:
        # The root goes through the service: a new root of the forest is worth its own event.
        root_plan = missing.unions.pop(0)
        root = union_create(
            actor=SYSTEM,
            parent=None,
            code=root_plan.code,
            name=root_plan.name,
            kind=root_plan.kind,
            level=root_plan.level,
            region_code=root_plan.region_code,
            short_name=root_plan.short_name,
            reason=REASON,
        )
        nodes[root.code] = _Node(root.pk, root.path, root.depth, 0)
        result.unions_created += 1
    say(_("正在批量创建 %(count)d 个工会…") % {"count": len(missing.unions)})
    result.unions_created += _bulk_unions(nodes, missing.unions)

    pks = dict(Union.objects.filter(_demo_unions()).values_list("code", "pk"))
    Department.objects.bulk_create(
        Department(union_id=pks[d.union_code], kind=d.kind, name=str(DepartmentKind(d.kind).label))
        for d in missing.departments
    )
    ServiceCentre.objects.bulk_create(
        ServiceCentre(
            union_id=pks[c.union_code],
            name=c.name,
            kind=c.kind,
            address=c.address,
            hotline=c.hotline,
        )
        for c in missing.centres
    )
    result.departments_created = len(missing.departments)
    result.centres_created = len(missing.centres)
    root = Union.objects.get(code=data.CITY_CODE)
    after = {
        "unions": before["unions"] + result.unions_created,
        "departments": before["departments"] + result.departments_created,
        "centres": before["centres"] + result.centres_created,
    }
    audit_record(
        actor=SYSTEM,
        action="demo.seed",
        target=root,
        union=root,
        reason=REASON,
        changes={key: [before[key], after[key]] for key in after if after[key] != before[key]},
    )


def _bulk_unions(nodes: dict[str, _Node], unions: list[PlannedUnion]) -> int:
    """Insert ``unions`` (parents before children) with treebeard paths computed here."""
    next_step: dict[str, int] = {}  # parent code -> step of its next child
    grown: dict[int, int] = {}  # existing parent pk -> children added
    rows: list[tuple[PlannedUnion, _Node]] = []
    for unit in unions:
        parent = nodes[unit.parent_code]
        if unit.parent_code not in next_step:
            next_step[unit.parent_code] = _last_step(parent) + 1
        step = next_step[unit.parent_code]
        next_step[unit.parent_code] = step + 1
        depth = parent.depth + 1
        node = _Node(None, Union._get_path(parent.path, depth, step), depth, 0)
        nodes[unit.code] = node
        parent.numchild += 1
        if parent.pk is not None:
            grown[parent.pk] = grown.get(parent.pk, 0) + 1
        rows.append((unit, node))
    _insert_unions(
        {
            "path": node.path,
            "depth": node.depth,
            "numchild": node.numchild,
            "code": unit.code,
            "name": unit.name,
            "short_name": unit.short_name,
            "kind": unit.kind,
            "level": unit.level,
            "region_code": unit.region_code,
        }
        for unit, node in rows
    )
    for pk, count in grown.items():
        Union.objects.filter(pk=pk).update(numchild=F("numchild") + count)
    return len(rows)


def _insert_unions(rows: Iterable[dict[str, Any]]) -> None:
    """One multi-row INSERT per batch. ``bulk_create`` spends most of its time preparing
    each of the ~300,000 values one by one; here the values are ready and the columns that
    every row shares (timestamps, defaults) are prepared once."""
    now = timezone.now()
    fields = [f for f in Union._meta.concrete_fields if not f.primary_key]
    shared = {
        f.attname: f.get_db_prep_save(
            now if f.attname in _TIMESTAMPS else f.get_default(), connection
        )
        for f in fields
    }
    table = connection.ops.quote_name(Union._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        batch: list[list[Any]] = []
        for row in rows:
            batch.append([row.get(f.attname, shared[f.attname]) for f in fields])
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _last_step(parent: _Node) -> int:
    """The step number of the parent's last existing child (0 when it has none)."""
    if parent.pk is None or parent.numchild == 0:
        return 0
    last = (
        Union.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return int(Union._str2int(last[-Union.steplen :])) if last else 0


# -- accounts ------------------------------------------------------------------------------


def _load_accounts(
    accounts: list[DemoAccount], result: SeedResult, say: Callable[[str], None]
) -> None:
    """Create the missing demo logins with their grants. An account that already exists is
    never given a role here: the demo does not hand roles to somebody else's login."""
    if not accounts:
        return
    say(_("正在创建 %(count)d 个演示账号…") % {"count": len(accounts)})
    codes = {a.union_code for a in accounts}
    unions = {u.code: u for u in Union.objects.filter(code__in=codes)}
    for account in accounts:
        union = unions[account.union_code]
        phone = account.phone
        index = crypto.blind_index(phone, purpose=PHONE_PURPOSE)
        if User.objects.filter(phone_index=index).exists():
            phone = ""  # the number is someone else's now; the login works without it
        user = user_create(
            actor=SYSTEM,
            username=account.username,
            password=data.DEMO_PASSWORD,
            full_name=account.full_name,
            phone=phone,
            union=union,
        )
        department = None
        if account.department_kind:
            department = Department.objects.get(union=union, kind=account.department_kind)
        role_grant(
            actor=SYSTEM,
            user=user,
            union=union,
            role=account.role,
            department=department,
            reason=REASON,
        )
        result.users_created += 1
        result.grants_created += 1


def _logins(plan: DemoPlan) -> list[Login]:
    names = dict(
        Union.objects.filter(code__in={a.union_code for a in plan.accounts}).values_list(
            "code", "name"
        )
    )
    return [
        Login(
            username=a.username,
            password=data.DEMO_PASSWORD,
            full_name=a.full_name,
            phone=a.phone,
            role=str(Role(a.role).label),
            department=str(DepartmentKind(a.department_kind).label) if a.department_kind else "",
            union_code=a.union_code,
            union_name=names.get(a.union_code, ""),
        )
        for a in plan.accounts
    ]
