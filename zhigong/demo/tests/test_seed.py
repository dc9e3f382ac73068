"""The demo federation: loads, is idempotent and deterministic, and is a sound tree."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from pytest_django import DjangoAssertNumQueries, DjangoDbBlocker, Settings

from zhigong.accounts.models import User
from zhigong.core.models import AuditEvent
from zhigong.core.regions import region
from zhigong.demo import data
from zhigong.demo.plan import PlannedUnion, Scale, build_plan
from zhigong.demo.services import SeedResult, _bulk_unions, _State, seed_demo
from zhigong.demo.tests.checks import counts, tree_problems
from zhigong.unions import policy
from zhigong.unions.models import Department, RoleGrant, ServiceCentre, Union, UnionKind, UnionLevel
from zhigong.unions.roles import Perm, Role


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SeedResult]:
    """The small demo, loaded once for the module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo(seed=1, scale=Scale.SMALL)
        transaction.set_rollback(True)


# -- the plan (no database) ------------------------------------------------------------------


def test_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    first, again, other = build_plan(seed=1), build_plan(seed=1), build_plan(seed=2)

    assert first.unions == again.unions
    assert first.centres == again.centres
    assert [u.name for u in first.unions] != [u.name for u in other.unions]


def test_small_plan_is_the_first_part_of_the_large_one() -> None:
    small, large = build_plan(seed=7), build_plan(seed=7, scale=Scale.LARGE)

    by_code = {u.code: u for u in large.unions}
    assert all(by_code.get(u.code) == u for u in small.unions)
    assert set(small.centres) <= set(large.centres)
    assert len(large.unions) >= 20_000


def test_small_plan_has_every_district_a_few_streets_and_a_few_hundred_unions() -> None:
    plan = build_plan(seed=1)

    kinds = Counter(u.kind for u in plan.unions)
    streets = Counter(u.parent_code for u in plan.unions if u.kind == UnionKind.STREET)
    assert 200 <= len(plan.unions) <= 800
    assert kinds[UnionKind.FEDERATION] == 1 + len(data.DISTRICTS)
    assert kinds[UnionKind.INDUSTRY] == len(data.INDUSTRIES)
    assert kinds[UnionKind.ZONE] == len(data.ZONES)
    assert set(streets.values()) <= {3, 4}
    assert len(streets) == len(data.DISTRICTS)


def test_codes_are_unique_hierarchical_and_fit_the_column() -> None:
    plan = build_plan(seed=3, scale=Scale.LARGE)
    outline = build_plan(seed=3, scale=Scale.LARGE, names=False)

    codes = [u.code for u in plan.unions]
    assert codes == [u.code for u in outline.unions]  # the quick "loaded?" test relies on it
    assert len(plan.centres) == len(outline.centres)
    assert len(codes) == len(set(codes))
    assert all(len(code) <= 32 for code in codes)
    assert all(u.code.startswith(f"{u.parent_code}-") for u in plan.unions if u.parent_code)
    enterprises = [u.name for u in plan.unions if u.kind == UnionKind.GRASSROOTS]
    assert len(enterprises) == len(set(enterprises))


def test_every_district_is_a_real_region_with_its_real_name() -> None:
    for district in data.DISTRICTS:
        found = region(district.region_code)
        assert found is not None and found.current
        assert found.name == district.name
    assert all(region(zone.region_code) is not None for zone in data.ZONES)
    assert region(data.CITY_REGION) is not None


# -- loading (the small demo, once per module) -------------------------------------------


@pytest.mark.django_db
def test_small_scale_loads_the_whole_plan(seeded: SeedResult) -> None:
    plan = build_plan(seed=1)

    assert not seeded.already_loaded
    assert seeded.unions_created == len(plan.unions) == Union.objects.count()
    assert Department.objects.count() == len(plan.departments)
    assert ServiceCentre.objects.count() == len(plan.centres)
    assert AuditEvent.objects.filter(action="union.create").count() == len(plan.unions)
    root = Union.objects.get(code=data.CITY_CODE)
    assert (root.name, root.level, root.region_code) == ("武汉市总工会", UnionLevel.CITY, "420100")


@pytest.mark.django_db
def test_second_run_changes_nothing_and_is_quick(
    seeded: SeedResult, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    before = counts()

    with django_assert_max_num_queries(8):
        again = seed_demo(seed=1, scale=Scale.SMALL)

    assert again.already_loaded
    assert again.unions_created == again.users_created == 0
    assert counts() == before


@pytest.mark.django_db
def test_the_tree_is_consistent(seeded: SeedResult) -> None:
    assert all(problems == [] for problems in Union.objects.find_problems())
    assert tree_problems() == []
    root = Union.objects.get(code=data.CITY_CODE)
    assert Union.objects.filter(path__startswith=root.path).count() == Union.objects.count()


@pytest.mark.django_db
def test_district_federations_are_real_regions_with_departments_and_a_centre(
    seeded: SeedResult,
) -> None:
    districts = Union.objects.filter(kind=UnionKind.FEDERATION, level=UnionLevel.COUNTY)

    assert districts.count() == 13
    for district in districts:
        found = region(district.region_code)
        assert found is not None and district.name == f"{found.name}总工会"
        assert district.departments.count() == 5
        assert district.centres.filter(kind=ServiceCentre.Kind.CENTRE).count() == 1
    for union in Union.objects.exclude(region_code=""):
        assert region(union.region_code) is not None, union.code


@pytest.mark.django_db
def test_every_street_has_a_station(seeded: SeedResult) -> None:
    streets = Union.objects.filter(kind=UnionKind.STREET)

    assert streets.exists()
    assert all(s.centres.filter(kind=ServiceCentre.Kind.STATION).exists() for s in streets)
    station = ServiceCentre.objects.get(union__code="WH-420102-S01")
    assert station.name == "江岸区职工服务中心大智街道工作站"


@pytest.mark.django_db
def test_every_role_has_a_demo_account_that_logs_in(seeded: SeedResult) -> None:
    usernames = [login.username for login in seeded.logins]
    grants = RoleGrant.objects.active().filter(user__username__in=usernames)

    assert set(grants.values_list("role", flat=True)) == set(Role.values)
    for user in User.objects.filter(username__in=usernames):
        assert user.check_password(data.DEMO_PASSWORD)
        assert user.full_name and user.phone.startswith("139")
    assert len({login.phone for login in seeded.logins}) == len(seeded.logins)
    officer = next(x for x in seeded.logins if x.username == "officer_jiangcheng")
    assert officer.union_name == "武汉江城精密机械有限公司工会"


@pytest.mark.django_db
def test_one_district_cannot_see_another(seeded: SeedResult) -> None:
    jiangan, wuchang = Union.objects.get(code="WH-420102"), Union.objects.get(code="WH-420106")
    wuchang_admin = User.objects.get(username="wuchang_admin")
    city_admin = User.objects.get(username="city_admin")

    assert policy.has_perm(wuchang_admin, Perm.UNION_VIEW, wuchang)
    assert not policy.has_perm(wuchang_admin, Perm.UNION_VIEW, jiangan)
    assert policy.has_perm(city_admin, Perm.UNION_VIEW, jiangan)


@pytest.mark.django_db
def test_bulk_path_appends_to_an_existing_tree_soundly(seeded: SeedResult) -> None:
    # Given the small demo, when part of the large one is bulk-inserted on top of it,
    large = build_plan(seed=1, scale=Scale.LARGE)
    street = Union.objects.get(code="WH-420102-S01")
    existing = set(Union.objects.get_children(street).values_list("path", flat=True))
    state = _State.read(large)
    known = set(state.nodes)
    batch: list[PlannedUnion] = []
    for unit in state.missing(large).unions:
        if unit.parent_code in known and len(batch) < 600:
            batch.append(unit)
            known.add(unit.code)

    _bulk_unions(state.nodes, batch)

    # then the tree stays consistent and new siblings come after the existing ones.
    assert tree_problems() == []
    street.refresh_from_db()
    children = set(Union.objects.get_children(street).values_list("path", flat=True))
    assert street.numchild == len(children) > len(existing)
    assert min(children - existing) > max(existing)
    added = Union.objects.get(code=batch[-1].code)
    assert Union.objects.get_parent(added).code == batch[-1].parent_code


@pytest.mark.django_db
def test_command_prints_the_summary_and_the_logins(seeded: SeedResult) -> None:
    out = io.StringIO()

    call_command("seed_demo", "--seed", "1", "--force", stdout=out)

    text = out.getvalue()
    assert "演示数据已加载" in text
    assert "city_admin" in text and data.DEMO_PASSWORD in text


@pytest.mark.django_db
def test_command_refuses_without_debug_unless_forced(settings: Settings) -> None:
    settings.DEBUG = False
    before = counts()

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", "--seed", "5", stdout=io.StringIO())

    assert counts() == before


@pytest.mark.django_db
def test_the_readme_lists_the_logins_seed_demo_prints(seeded: SeedResult) -> None:
    """The README's table of demo logins is the one ``make run`` prints, row for row."""
    readme = (settings_root() / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Demo logins", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    rows = [line.strip("|").split("|") for line in table[2:]]
    documented = [
        # login in backticks; the union may carry a note in brackets: 工会名 (江岸区)
        (cells[0].strip(" `"), cells[1].strip(), cells[3].strip().split(" (")[0])
        for cells in rows
    ]
    printed = [(login.username, login.full_name, login.union_name) for login in seeded.logins]
    assert documented == printed
    roles = [cells[2].strip() for cells in rows]
    for login, role in zip(seeded.logins, roles, strict=True):
        shown = f"{login.role}（{login.department}）" if login.department else str(login.role)
        assert role.startswith(shown), (login.username, role, shown)


def settings_root() -> Path:
    return Path(__file__).resolve().parents[3]
