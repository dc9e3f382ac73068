"""A sheet bomb through the pages (issue 8, defect 4): refused with a message, the server
still answers, and no job is left running with a roster on disk."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from zhigong.core.tests.test_sheets_limits import small_xlsx
from zhigong.members.models import MemberImport
from zhigong.testing.cast import Cast


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def bomb(name: str) -> io.BytesIO:
    """5 KB that a reader without limits would try to allocate 512 GiB for."""
    stream = io.BytesIO(small_xlsx(extra=(1_048_575, 16_383)))
    stream.name = name
    return stream


def test_the_union_import_page_refuses_a_sheet_bomb_and_the_server_answers(cast: Cast):
    response = cast.client("district_admin").post(
        reverse("staff:unions:union_import"),
        {"anchor": "DA", "file": bomb("unions.xlsx"), "dry_run": "on"},
    )
    assert response.status_code == 200
    assert "16,384 列" in response.content.decode()
    assert Client().get("/healthz").status_code == 200


def test_a_member_import_of_a_sheet_bomb_fails_with_its_reason_and_leaves_nothing(
    cast: Cast, tmp_path
):
    response = cast.client("officer").post(
        reverse("staff:members:member_import"), {"anchor": "GA", "file": bomb("roster.xlsx")}
    )
    assert response.status_code == 302
    job = MemberImport.objects.get()
    assert job.status == MemberImport.Status.FAILED
    assert "16,384 列" in job.message
    assert not list((tmp_path / "private").rglob("upload*"))
    page = cast.client("officer").get(response["Location"])
    assert "16,384 列" in page.content.decode()
    assert Client().get("/healthz").status_code == 200
