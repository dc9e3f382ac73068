"""Key rotation reaches every service's personal data: each ``<column>_encrypted`` field of
every installed model is found (``rotate_keys.targets``), and after a rotation every value
of the demo's cases, volunteers, hardship files, appeals, pledges and counselling records is
under the new key and still opens with its own cell's binding."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from zhigong.core import crypto
from zhigong.demo.appeals import seed_appeals
from zhigong.demo.cases import seed_cases
from zhigong.demo.events import seed_events
from zhigong.demo.hardship import seed_hardship
from zhigong.demo.members import seed_members
from zhigong.demo.tests.test_members import _tiny_tree
from zhigong.demo.volunteers import seed_volunteers
from zhigong.members.management.commands.rotate_keys import targets

T1 = "t1:dGVzdC1rZXktb25lLTAxMjM0NTY3ODlhYmNkZWYwMXg="
T2 = "t2:dGVzdC1rZXktdHdvLTAxMjM0NTY3ODlhYmNkZWYwMXg="
# Columns the demo leaves empty (their own apps' tests rotate them).
NOT_IN_THE_DEMO = {
    "accounts.User.phone_encrypted",
    "members.MemberChangeRequest.payload_encrypted",
    "members.MemberChangeRequest.based_on_encrypted",
    "members.MembershipApplication.id_number_encrypted",
    "members.MembershipApplication.phone_encrypted",
}


def test_every_encrypted_column_says_how_it_is_bound():
    found = {f"{m._meta.label}.{f}" for m, f, _c in targets()}
    assert {
        "cases.Case.name_encrypted",
        "volunteers.Volunteer.id_number_encrypted",
        "hardship.HardshipFile.sensitive_encrypted",
        "appeals.HardshipAppeal.address_encrypted",
        "appeals.Pledge.contact_encrypted",
        "events.CounsellingRecord.notes_encrypted",
    } <= found
    for model, _field, _column in targets():
        assert callable(getattr(model, "sealing_context", None)), model


@pytest.mark.django_db
def test_a_rotation_moves_every_services_ciphertexts_to_the_current_key(settings):
    settings.ZHIGONG_ENCRYPTION_KEYS = f"{T1},{T2}"
    _tiny_tree()
    seed_members(seed=1, count=30)
    seed_cases(seed=1)
    seed_volunteers()
    seed_hardship()
    seed_appeals()
    seed_events(seed=1)
    before: dict[str, dict[Any, str]] = {}
    for model, field, column in targets():
        label = f"{model._meta.label}.{field}"
        rows: list[Any] = [r for r in model._default_manager.all() if getattr(r, field)]
        if label not in NOT_IN_THE_DEMO:
            assert rows, f"the demo has no {label}"
        before[label] = {
            r.pk: crypto.decrypt(getattr(r, field), context=r.sealing_context(column)) for r in rows
        }
        assert all(getattr(r, field).startswith("t1$") for r in rows)

    settings.ZHIGONG_ENCRYPTION_KEYS = f"{T2},{T1}"
    call_command("rotate_keys", "--batch", "7", stdout=StringIO())

    for model, field, column in targets():
        label = f"{model._meta.label}.{field}"
        sealed_rows: list[Any] = list(model._default_manager.filter(pk__in=before[label]))
        for row in sealed_rows:
            sealed = getattr(row, field)
            assert sealed.startswith("t2$"), label
            opened = crypto.decrypt(sealed, context=row.sealing_context(column))
            assert opened == before[label][row.pk], label
