"""Demo hardship files and pairs: every state, an overdue pair, a volunteer who left."""

from __future__ import annotations

import pytest

from zhigong.demo.hardship import seed_hardship
from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.demo.volunteers import seed_volunteers
from zhigong.hardship import selectors
from zhigong.hardship.models import HardshipFile, Pairing, Visit


@pytest.mark.django_db
def test_seed_hardship_loads_files_pairs_and_visits_in_every_state() -> None:
    _tiny_tree()
    seed_members(seed=1, count=30)
    seed_volunteers()
    result = seed_hardship()
    assert result.files == 10 and Visit.objects.exists()
    assert set(HardshipFile.objects.values_list("status", flat=True)) == {"open", "closed"}
    ends = set(Pairing.objects.values_list("end_reason", flat=True))
    assert {"volunteer_left", "handover", ""} <= ends
    assert selectors.overdue_pairs().count() == 2
    left = Pairing.objects.get(end_reason="volunteer_left")
    assert not left.file.pairings.filter(status="active").exists()
    assert seed_hardship().already_loaded


@pytest.mark.django_db
def test_the_demo_gives_every_row_of_the_figures_something() -> None:
    from zhigong.demo.volunteers import C
    from zhigong.hardship import figures
    from zhigong.unions.models import Union

    _tiny_tree()
    seed_members(seed=1, count=30)
    seed_volunteers()
    seed_hardship()
    found = figures.of_union(Union.objects.get(code=f"{C}-420102"))
    assert sum(r.approved for r in found.volunteers) and sum(r.left for r in found.volunteers)
    assert found.quotas and found.quotas[0].quota
    assert found.active_pairs and found.files_without_volunteer
    assert sum(1 for n in found.visits.values() if n) >= 10
