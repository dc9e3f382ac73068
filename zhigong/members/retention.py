"""What the platform stops keeping, and when (``docs/operations.md``, "Retention").

- An import's upload goes the moment its job ends (``tasks``); the sweep removes any that a
  crash left behind of a finished job, and error reports (masked) after
  ``RETENTION_IMPORT_REPORT_DAYS``.
- A member who left keeps their record and ID number (membership records are kept), but
  their phone is erased ``RETENTION_LEFT_MEMBER_CONTACT_DAYS`` after they left, through the
  registry (history and audit say so). ``0`` keeps it.
- Audit events and the log of reads of personal data are never purged.

``purge_retained`` runs nightly; ``manage.py purge_retained --dry-run`` shows what it would do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import SYSTEM
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member, MemberImport
from zhigong.members.services.registry import member_contact_erase

FINISHED = (MemberImport.Status.DONE, MemberImport.Status.FAILED, MemberImport.Status.CHECKED)


@dataclass
class Purged:
    uploads: int = 0
    reports: int = 0
    contacts: int = 0


def _stale_reports(today: dt.date) -> QuerySet[MemberImport]:
    cutoff = today - dt.timedelta(days=settings.RETENTION_IMPORT_REPORT_DAYS)
    return MemberImport.objects.filter(status__in=FINISHED, finished_at__date__lt=cutoff).exclude(
        report_path=""
    )


def _contacts_due(today: dt.date) -> QuerySet[Member]:
    days = settings.RETENTION_LEFT_MEMBER_CONTACT_DAYS
    if days <= 0:
        return Member.objects.none()
    cutoff = today - dt.timedelta(days=days)
    return (
        Member.objects.filter(status=MemberStatus.LEFT, left_on__lt=cutoff)
        .exclude(phone_encrypted="")
        .select_related("union")
    )


def purge_retained(*, today: dt.date | None = None, dry_run: bool = False) -> Purged:
    today = today or timezone.localdate()
    purged = Purged()
    for job in MemberImport.objects.filter(status__in=FINISHED).exclude(stored_path=""):
        upload = Path(job.stored_path)
        if upload.exists():
            purged.uploads += 1
            if not dry_run:
                upload.unlink(missing_ok=True)
    for job in _stale_reports(today):
        purged.reports += 1
        if not dry_run:
            Path(job.report_path).unlink(missing_ok=True)
            MemberImport.objects.filter(pk=job.pk).update(report_path="")
    reason = _("退会满 %(days)s 天，按保存期限清除联系方式") % {
        "days": settings.RETENTION_LEFT_MEMBER_CONTACT_DAYS
    }
    for member in _contacts_due(today).iterator():
        purged.contacts += 1
        if not dry_run:
            member_contact_erase(actor=SYSTEM, member=member, reason=reason)
    return purged
