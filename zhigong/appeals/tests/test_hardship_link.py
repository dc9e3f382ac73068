"""An appeal links the worker's hardship file (optional): a file of the appeal's own union,
chosen by someone whose ``hardship.view`` covers it; shown on both pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from zhigong.appeals.forms import AppealForm
from zhigong.appeals.models import HardshipAppeal
from zhigong.appeals.services.raising import appeal_create, appeal_update
from zhigong.appeals.tests.routes import appeal_input
from zhigong.core.errors import DomainError
from zhigong.hardship.tests.conftest import make_file
from zhigong.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_the_file_of_the_same_union_links_and_shows_on_both_pages(cast: Cast) -> None:
    file = make_file(cast, "GA")
    officer = cast.users["officer"]
    appeal = appeal_create(
        actor=officer,
        union=cast.unions["GA"],
        data=appeal_input(hardship_file_id=file.pk),
    )
    assert appeal.hardship_file == file
    page = cast.client("officer").get(reverse("staff:appeals:detail", args=[appeal.pk]))
    assert reverse("staff:hardship:detail", args=[file.pk]) in page.content.decode()
    page = cast.client("officer").get(reverse("staff:hardship:detail", args=[file.pk]))
    assert reverse("staff:appeals:detail", args=[appeal.pk]) in page.content.decode()
    # cleared on a correction without it
    appeal = appeal_update(actor=officer, appeal=appeal, data=appeal_input())
    assert appeal.hardship_file is None


def test_a_file_of_another_union_is_refused_and_nothing_is_written(cast: Cast) -> None:
    elsewhere = make_file(cast, "GB")
    before = HardshipAppeal.objects.count()
    with pytest.raises(DomainError) as refused:
        appeal_create(
            actor=cast.users["officer"],
            union=cast.unions["GA"],
            data=appeal_input(hardship_file_id=elsewhere.pk),
        )
    assert "hardship_file" in refused.value.fields
    assert HardshipAppeal.objects.count() == before


def test_the_form_offers_only_files_in_scope(cast: Cast) -> None:
    mine, other = make_file(cast, "GA"), make_file(cast, "GB")
    field: Any = AppealForm(user=cast.users["officer"]).fields["hardship_file"]
    offered = {v for v, _label in field.choices}
    assert mine.pk in offered and other.pk not in offered
