"""Route entries of the cases app (``tests/test_routes.py`` walks them over the cast).

The cast's case: a rights request of the cast's member (GA), held at 江岸区总工会 (DA, which
has no service centre in the cast), accepted, and assigned to DA's legal volunteer, with one
attachment. Its staff pages are for those whose ``case.view`` covers DA (the city and district
administrators, DA's legal department) and for the volunteer it is assigned to; everyone else
gets 404, the requester included (their pages are under /me/)."""

from __future__ import annotations

import io

from zhigong.cases.choices import CaseKind, Category
from zhigong.cases.models import Case
from zhigong.cases.services.handling import case_accept, case_assign
from zhigong.cases.services.intake import CaseInput, case_submit
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

# Who holds case.view or case.handle somewhere: the workbench's queue.
CASE_STAFF = {
    "city_admin",
    "district_admin",
    "dept_legal",
    "volunteer",
    "street_staff",
    "officer",
    "other_admin",
    "other_officer",
}
# Who sees the cast's case held at DA, assigned to the volunteer.
OVER_DA_CASE = {"city_admin", "district_admin", "dept_legal", "volunteer"}
# Who holds case.view somewhere: the figures.
CASE_VIEWERS = CASE_STAFF - {"volunteer"}
# Who may set a federation's routing rule: case.configure (federation administrators).
FEDERATION_ADMINS = {"city_admin", "district_admin", "other_admin"}
# Who may record a hotline call: case.manage somewhere.
CASE_MANAGERS = {"dept_legal", "street_staff", "officer", "other_officer"}


class _Upload(io.BytesIO):
    name = "工资条.png"


def cast_case(cast: Cast) -> Case:
    found = Case.objects.filter(requester=cast.users["member"]).order_by("id").first()
    if found is not None:
        return found
    case = case_submit(
        actor=cast.users["member"],
        data=CaseInput(
            kind=CaseKind.RIGHTS, category=Category.WAGES, description="拖欠工资三个月。"
        ),
        uploads=[_Upload(PNG)],
    )
    case_accept(actor=SYSTEM, case=case)
    case_assign(actor=SYSTEM, case=case, handler=cast.users["volunteer"])
    return case
