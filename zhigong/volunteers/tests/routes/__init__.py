"""Route entries of the volunteers app (``tests/test_routes.py`` walks them over the cast).

The cast's registration: the cast's member (张伟, GA) applied on the portal, with a photo,
and waits for the unit union's opinion. Its staff pages are for those whose ``volunteer.view``
covers GA (the city and district administrators, the street's centre staff, GA's officer);
everyone else gets 404, the applicant included (their pages are under /me/)."""

from __future__ import annotations

import io

from django.utils import timezone

from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.services.quotas import quota_set
from zhigong.volunteers.services.registration import VolunteerInput, volunteer_apply

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

# volunteer.view somewhere: the list, the quotas, the roster.
VIEWERS = {
    "city_admin",
    "district_admin",
    "other_admin",
    "street_staff",
    "officer",
    "other_officer",
}
# volunteer.review or volunteer.approve somewhere: the queue.
DECIDERS = VIEWERS
# volunteer.register somewhere: registering someone who is not a member.
REGISTRARS = {"street_staff", "officer", "other_officer"}
# volunteer.view over GA, where the cast's registration is kept.
OVER_GA = {"city_admin", "district_admin", "street_staff", "officer"}
# the unit union's opinion on it: volunteer.review over GA.
UNIT_STEP = {"street_staff", "officer"}


class _Photo(io.BytesIO):
    name = "照片.png"


def cast_volunteer(cast: Cast) -> Volunteer:
    found = Volunteer.objects.filter(applicant=cast.users["member"]).order_by("id").first()
    if found is not None:
        return found
    quota_set(actor=SYSTEM, union=cast.unions["DA"], year=timezone.localdate().year, count=10)
    return volunteer_apply(
        actor=cast.users["member"],
        data=VolunteerInput(
            health="good",
            employer="武汉江城机械有限公司",
            identity="worker",
            statement="本人自愿加入工会服务帮扶志愿者队伍。",
            service_areas=["pairing"],
        ),
        photo=_Photo(PNG),
    )


def returned_paper_form(cast: Cast) -> Volunteer:
    """A paper form of someone who is not a member, entered at SA and returned by its unit."""
    from zhigong.testing.cast import cast_id_number
    from zhigong.volunteers.services.approval import volunteer_decide
    from zhigong.volunteers.services.registration import volunteer_register

    found = Volunteer.objects.filter(applicant=None, status="returned").first()
    if found is not None:
        return found
    cast_volunteer(cast)
    volunteer = volunteer_register(
        actor=SYSTEM,
        data=VolunteerInput(
            name="王芳",
            id_number=cast_id_number("42010219700101002"),
            phone="13700001111",
            health="good",
            employer="大智街道社区",
            identity="public",
            statement="本人自愿参加。",
            service_areas=["pairing"],
        ),
        union=cast.unions["SA"],
    )
    return volunteer_decide(actor=SYSTEM, volunteer=volunteer, approve=False, reason="请补充照片")
