"""Retention: what may go goes at the set time, through the registry; audit logs never go."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhigong.core.models import AccessLog, AuditEvent
from zhigong.members.models import MemberImport
from zhigong.members.retention import purge_retained
from zhigong.members.services import selfservice
from zhigong.members.tasks import store_upload
from zhigong.testing.cast import Cast


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _leave(cast: Cast) -> None:
    selfservice.member_leave(actor=cast.users["member"], member=cast.members["GA"], reason="离职")


def test_a_leavers_phone_is_erased_after_the_set_period_and_their_record_kept(cast: Cast, settings):
    settings.RETENTION_LEFT_MEMBER_CONTACT_DAYS = 365
    _leave(cast)
    member = cast.members["GA"]
    member.refresh_from_db()
    assert member.left_on == timezone.localdate() and member.phone_masked
    events, reads = AuditEvent.objects.count(), AccessLog.objects.count()
    # before the period ends, nothing goes
    assert purge_retained(today=timezone.localdate() + dt.timedelta(days=365)).contacts == 0
    # after it, the phone goes, through the registry, once
    later = timezone.localdate() + dt.timedelta(days=366)
    assert purge_retained(today=later, dry_run=True).contacts == 1
    assert purge_retained(today=later).contacts == 1
    assert purge_retained(today=later).contacts == 0
    member.refresh_from_db()
    assert member.phone_encrypted == member.phone_index == member.phone_masked == ""
    assert member.id_number_encrypted and member.status == "left"
    assert member.history.first().action == "erase_contact"
    # and the audit logs only grow
    assert AuditEvent.objects.count() > events and AccessLog.objects.count() == reads


def test_zero_keeps_leavers_contact_data(cast: Cast, settings):
    settings.RETENTION_LEFT_MEMBER_CONTACT_DAYS = 0
    _leave(cast)
    assert purge_retained(today=timezone.localdate() + dt.timedelta(days=9999)).contacts == 0


def test_finished_imports_leave_no_upload_and_their_reports_go_later(cast: Cast, settings):
    settings.RETENTION_IMPORT_REPORT_DAYS = 30
    stored = store_upload("job1", "roster.csv", [b"x"])
    report = stored.parent / "report.xlsx"
    report.write_bytes(b"report")
    MemberImport.objects.create(
        actor=cast.users["officer"],
        anchor=cast.unions["GA"],
        filename="roster.csv",
        stored_path=str(stored),
        report_path=str(report),
        status=MemberImport.Status.FAILED,
        finished_at=timezone.now(),
    )
    purged = purge_retained()
    assert (purged.uploads, purged.reports) == (1, 0)
    assert not stored.exists() and report.exists()
    purged = purge_retained(today=timezone.localdate() + dt.timedelta(days=31))
    assert purged.reports == 1 and not report.exists()
    out = io.StringIO()
    call_command("purge_retained", "--dry-run", stdout=out)
    assert "将清除" in out.getvalue()
