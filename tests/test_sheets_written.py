"""Every kind of .xlsx the platform writes keeps what people typed as text: a name such as
=HYPERLINK("http://x","y") never becomes a formula (formula injection, CSV/Excel style)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from zhigong.core.actors import SYSTEM
from zhigong.members import exports
from zhigong.members.importing import member_import
from zhigong.members.importing import write_template as member_template
from zhigong.members.models import Member
from zhigong.members.services import selfexport
from zhigong.members.tests.test_import_members import person_rows, write_csv
from zhigong.testing.cast import Cast
from zhigong.unions.importing import union_import, write_error_report
from zhigong.unions.importing import write_template as union_template
from zhigong.unions.models import Union

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
LINK = '=HYPERLINK("http://x","y")'
EVIL = [LINK, "+1", "-2", "@SUM(A1)"]


def formulas_and_texts(data: bytes) -> tuple[int, set[str]]:
    """The formula elements of every sheet, and every text the workbook holds (shared or
    inline strings), read from the zip's XML itself."""
    formulas = 0
    texts: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"):
                continue
            if not name.endswith(".xml"):
                continue
            root = ElementTree.fromstring(archive.read(name))
            formulas += sum(1 for _f in root.iter(f"{MAIN}f"))
            texts.update(t.text or "" for t in root.iter(f"{MAIN}t"))
    return formulas, texts


def assert_text_only(data: bytes, expected: list[str]) -> None:
    formulas, texts = formulas_and_texts(data)
    assert formulas == 0
    missing = [value for value in expected if value not in texts]
    assert missing == []


def test_union_error_report_and_template(db: None) -> None:
    # given a union row made of formula-like text (code, name, kind and parent)
    header = "code,name,kind,level,parent_code,region_code\r\n"
    line = '"=HYPERLINK(""http://x"",""y"")",+1,@SUM(A1),,-2,\r\n'
    result = union_import(
        actor=SYSTEM, source=io.BytesIO((header + line).encode()), filename="u.csv"
    )
    assert {e.value for e in result.errors} >= {LINK, "@SUM(A1)", "-2"}
    report = io.BytesIO()
    write_error_report(result.errors, report)
    assert_text_only(report.getvalue(), [LINK, "@SUM(A1)", "-2"])
    template = io.BytesIO()
    union_template(template)
    assert_text_only(template.getvalue(), ["编码"])


def test_member_error_report_and_template(cast: Cast, tmp_path: Path):
    rows = person_rows(1)
    rows[0][4], rows[0][5], rows[0][6], rows[0][7] = "@SUM(A1)", "+1", "-2", LINK
    report = tmp_path / "report.xlsx"
    result = member_import(
        actor=SYSTEM, path=write_csv(tmp_path, rows), filename="r.csv", report=report, dry_run=True
    )
    assert {e.value for e in result.errors} == set(EVIL)
    assert_text_only(report.read_bytes(), EVIL)
    template = io.BytesIO()
    member_template(template)
    assert_text_only(template.getvalue(), ["身份证号"])


def test_rosters_masked_and_unmasked_and_the_members_own_export(cast: Cast):
    # given a member and a union whose names and fields look like formulas
    member = cast.members["GA"]
    Member.objects.filter(pk=member.pk).update(name=LINK, ethnicity="@SUM(A1)", job="+1")
    Union.objects.filter(pk=cast.unions["GA"].pk).update(name="-2")
    for reveal, actor in ((False, SYSTEM), (True, cast.users["city_org"])):
        stream = io.BytesIO()
        exports.roster_export(
            actor=actor, union=cast.unions["DA"], stream=stream, reveal=reveal, reason="年度核查"
        )
        assert_text_only(stream.getvalue(), [LINK, "@SUM(A1)", "-2"])
    member.refresh_from_db()
    data = selfexport.member_export(actor=cast.users["member"], member=member, fmt="xlsx")
    assert_text_only(selfexport.export_xlsx(data), [LINK, "@SUM(A1)", "+1", "-2"])
