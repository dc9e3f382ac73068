"""Route entries for member import (background jobs) and roster export."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.urls import reverse

from zhigong.members.models import MemberImport
from zhigong.testing.cast import Cast
from zhigong.testing.routes import Route

# Everyone holding member.import somewhere (federation admins, 组织部, centre staff, officers).
IMPORTERS = {
    "city_admin",
    "city_org",
    "district_admin",
    "street_staff",
    "officer",
    "other_admin",
    "other_officer",
}
# member.import at DA: the job's starter and those above.
OVER_DA = {"city_admin", "city_org", "district_admin"}
# member.reveal at DA: 组织部 of the city (administrators do not read full personal data).
REVEAL_AT_DA = {"city_org"}


def _job(cast: Cast) -> MemberImport:
    """A finished import that district_admin ran at DA, with an error report on disk."""
    report = Path(tempfile.mkdtemp()) / "report.xlsx"
    from zhigong.core.sheets.errors import RowError
    from zhigong.core.sheets.report import ErrorReport

    sink = ErrorReport(report)
    sink.add(RowError(2, "身份证号", "420102********1234", "身份证号校验位不正确，请核对。"))
    sink.close()
    return MemberImport.objects.create(
        actor=cast.users["district_admin"],
        anchor=cast.unions["DA"],
        filename="roster.csv",
        stored_path="",
        status=MemberImport.Status.FAILED,
        rows_total=1,
        error_count=1,
        report_path=str(report),
        message="发现 1 处错误，未写入任何数据。",
    )


ROUTES: list[Route] = [
    Route(
        "staff:members:member_import", lambda c: reverse("staff:members:member_import"), IMPORTERS
    ),
    Route(
        "staff:members:member_import_template",
        lambda c: reverse("staff:members:member_import_template"),
        IMPORTERS,
    ),
    Route(
        "staff:members:member_import_detail",
        lambda c: reverse("staff:members:member_import_detail", args=[_job(c).pk]),
        OVER_DA,
    ),
    Route(
        "staff:members:member_import_progress",
        lambda c: reverse("staff:members:member_import_progress", args=[_job(c).pk]),
        OVER_DA,
    ),
    Route(
        "staff:members:member_import_report",
        lambda c: reverse("staff:members:member_import_report", args=[_job(c).pk]),
        OVER_DA,
    ),
    # The roster page answers everyone with member.view; a union outside their scope is an
    # error beside the picker, never DA's roster (test_roster_export checks it).
    Route(
        "staff:members:member_roster",
        lambda c: reverse("staff:members:member_roster") + "?union=DA",
        IMPORTERS,
    ),
    Route(
        "staff:members:member_roster_xlsx",
        lambda c: reverse("staff:members:member_roster_xlsx") + "?union=DA",
        OVER_DA,
    ),
    Route(
        "staff:members:member_roster_reveal",
        lambda c: reverse("staff:members:member_roster_reveal") + "?union=DA",
        REVEAL_AT_DA,
        method="post",
        no_store=True,
    ),
]
