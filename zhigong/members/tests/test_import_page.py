"""The import page, its background job and the import_members command."""

from __future__ import annotations

import datetime as dt
import io
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from zhigong.members.models import Member, MemberImport
from zhigong.members.tasks import JobProgress, fail_stalled_imports, store_upload
from zhigong.members.tests.test_import_members import HEADER, imported, person_rows, write_csv
from zhigong.testing.cast import Cast


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def upload(tmp_path: Path, rows, name: str = "roster.csv"):
    path = write_csv(tmp_path, rows)
    stream = io.BytesIO(path.read_bytes())
    stream.name = name
    return stream


def test_officer_imports_through_the_page_and_sees_the_result(cast: Cast, tmp_path):
    # given the officer at GA and a good roster of 30 rows
    client = cast.client("officer")
    # when the file is uploaded (the job runs at once in tests)
    response = client.post(
        reverse("staff:members:member_import"),
        {"anchor": "GA", "file": upload(tmp_path, person_rows(30))},
    )
    # then the job page shows the result, and the upload is gone from private storage
    job = MemberImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:members:member_import_detail", args=[job.pk])
    assert job.status == MemberImport.Status.DONE and job.created_count == 30
    assert imported() == 30
    assert not Path(job.stored_path).exists()
    page = client.get(response["Location"])
    assert "导入成功：新增 30 名会员。" in page.content.decode()
    assert 'hx-trigger="every 2s"' not in page.content.decode()  # finished: no more polling


def test_a_running_job_is_polled_every_two_seconds(cast: Cast):
    # given a job still running
    job = MemberImport.objects.create(
        actor=cast.users["officer"],
        anchor=cast.unions["GA"],
        filename="big.csv",
        stored_path="",
        status=MemberImport.Status.RUNNING,
        rows_total=1000,
        rows_done=250,
        message="正在校验",
    )
    # when the officer opens the progress part
    html = cast.client("officer").get(
        reverse("staff:members:member_import_progress", args=[job.pk])
    )
    text = html.content.decode()
    # then it polls itself and shows the count
    assert 'hx-trigger="every 2s"' in text
    assert reverse("staff:members:member_import_progress", args=[job.pk]) in text
    assert "250 / 1000" in text


def test_a_job_no_worker_has_picked_up_after_a_minute_says_so(cast: Cast):
    # given two queued jobs: one just uploaded, one waiting for two minutes
    fresh, waiting = (
        MemberImport.objects.create(
            actor=cast.users["officer"],
            anchor=cast.unions["GA"],
            filename=f"{name}.csv",
            stored_path="",
        )
        for name in ("fresh", "waiting")
    )
    MemberImport.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=2)
    )
    client = cast.client("officer")

    def progress(job: MemberImport) -> str:
        url = reverse("staff:members:member_import_progress", args=[job.pk])
        return client.get(url).content.decode()

    # then only the one that waited says no worker has taken it, and both keep polling
    assert "还没有后台任务进程接手" not in progress(fresh)
    text = progress(waiting)
    assert "还没有后台任务进程接手" in text and "run_huey" in text
    assert 'hx-trigger="every 2s"' in text


def test_a_bad_file_through_the_page_writes_nothing_and_offers_a_masked_report(
    cast: Cast, tmp_path
):
    rows = person_rows(60)
    plain = rows[55][2]
    rows[55][2] = plain[:17] + ("0" if plain[17] != "0" else "1")
    client = cast.client("officer")
    response = client.post(
        reverse("staff:members:member_import"), {"anchor": "GA", "file": upload(tmp_path, rows)}
    )
    job = MemberImport.objects.get()
    assert job.status == MemberImport.Status.FAILED and job.error_count == 1
    assert imported() == 0
    page = client.get(response["Location"]).content.decode()
    assert "第 57 行，列「身份证号」" in page
    assert rows[55][2] not in page
    report = client.get(reverse("staff:members:member_import_report", args=[job.pk]))
    assert report.status_code == 200
    assert body(report).startswith(b"PK")


def test_officer_cannot_anchor_at_gb_and_nothing_is_written(cast: Cast, tmp_path):
    # given the officer at GA posting GB as the anchor (not among the choices)
    response = cast.client("officer").post(
        reverse("staff:members:member_import"),
        {"anchor": "GB", "file": upload(tmp_path, person_rows(3, union="GB"))},
    )
    # then the form refuses, and nothing is queued or written
    assert response.status_code == 200
    assert not MemberImport.objects.exists()
    assert imported() == 0


def test_other_admin_cannot_see_district_admins_import(cast: Cast, tmp_path):
    # given an import by district_admin at DA
    cast.client("district_admin").post(
        reverse("staff:members:member_import"),
        {"anchor": "DA", "file": upload(tmp_path, person_rows(3)), "dry_run": "on"},
    )
    job = MemberImport.objects.get()
    assert job.status == MemberImport.Status.CHECKED
    assert imported() == 0  # a dry run
    # then other_admin gets 404 on every page of it, and does not see it listed
    for name in ("member_import_detail", "member_import_progress", "member_import_report"):
        url = reverse(f"staff:members:{name}", args=[job.pk])
        assert cast.client("other_admin").get(url).status_code == 404
    listing = (
        cast.client("other_admin").get(reverse("staff:members:member_import")).content.decode()
    )
    assert str(job.pk) not in listing
    # and city_admin (member.import above DA) sees it
    url = reverse("staff:members:member_import_detail", args=[job.pk])
    assert cast.client("city_admin").get(url).status_code == 200


def test_template_download_is_an_xlsx_with_the_columns(cast: Cast):
    from python_calamine import CalamineWorkbook

    response = cast.client("officer").get(reverse("staff:members:member_import_template"))
    with CalamineWorkbook.from_filelike(io.BytesIO(response.content)) as workbook:
        header = workbook.get_sheet_by_index(0).to_python()[0]
    assert header == HEADER


def test_command_imports_and_shows_success(cast: Cast, tmp_path):
    path = write_csv(tmp_path, person_rows(20))
    out = io.StringIO()
    call_command("import_members", str(path), "--union", "GA", "--no-progress", stdout=out)
    assert "新增 20 名会员" in out.getvalue()
    assert imported() == 20


def test_command_fails_with_every_error_listed_and_writes_nothing(cast: Cast, tmp_path):
    rows = person_rows(5)
    rows[1][3] = "123"
    rows[3][8] = "明天"
    path = write_csv(tmp_path, rows)
    err = io.StringIO()
    report = tmp_path / "errors.xlsx"
    with pytest.raises(CommandError, match="发现 2 处错误"):
        call_command(
            "import_members",
            str(path),
            "--union",
            "GA",
            "--error-report",
            str(report),
            stderr=err,
        )
    assert "第 3 行，列「手机号」" in err.getvalue()
    assert "第 5 行，列「入会日期」" in err.getvalue()
    assert report.is_file()
    assert imported() == 0


def test_command_dry_run_writes_nothing(cast: Cast, tmp_path):
    path = write_csv(tmp_path, person_rows(4))
    out = io.StringIO()
    call_command("import_members", str(path), "--union", "GA", "--dry-run", stdout=out)
    assert "试运行" in out.getvalue()
    assert Member.objects.count() == 2


def test_an_upload_waiting_for_its_job_is_readable_by_the_server_only(cast: Cast):
    stored = store_upload(uuid.uuid4(), "花名册.CSV", [b"a,b\n", b"1,2\n"])
    assert stored.name == "upload.csv" and stored.read_bytes() == b"a,b\n1,2\n"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(stored.parent.parent.stat().st_mode) == 0o700


def _running_job(cast: Cast, minutes_ago: int) -> MemberImport:
    job_id = uuid.uuid4()
    stored = store_upload(job_id, "roster.csv", [b"x"])
    job = MemberImport.objects.create(
        id=job_id,
        actor=cast.users["officer"],
        anchor=cast.unions["GA"],
        filename="roster.csv",
        stored_path=str(stored),
        status=MemberImport.Status.RUNNING,
    )
    stamp = timezone.now() - dt.timedelta(minutes=minutes_ago)
    MemberImport.objects.filter(pk=job.pk).update(updated_at=stamp)
    return job


def test_an_import_whose_worker_died_is_failed_with_its_reason_and_its_upload_removed(cast: Cast):
    # given a job whose worker died 20 minutes ago, and one that is still making progress
    dead, alive = _running_job(cast, minutes_ago=20), _running_job(cast, minutes_ago=1)
    # when the sweep runs (twice: it may run again, or in two consumers)
    assert fail_stalled_imports() == 1
    assert fail_stalled_imports() == 0
    # then the dead one failed with a message the page shows, and its upload is gone
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == MemberImport.Status.FAILED and "意外中止" in dead.message
    assert not Path(dead.stored_path).exists() and dead.finished_at is not None
    assert alive.status == MemberImport.Status.RUNNING and Path(alive.stored_path).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_is_the_jobs_heartbeat(cast: Cast):
    """(Outside a transaction, as the job writes its progress while it checks.)"""
    job = _running_job(cast, minutes_ago=20)
    JobProgress(job)("check", 10, 100)
    job.refresh_from_db()
    assert timezone.now() - job.updated_at < dt.timedelta(minutes=1)
    assert fail_stalled_imports() == 0
