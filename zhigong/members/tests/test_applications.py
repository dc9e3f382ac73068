"""Applications to join: submit, grassroots review, centre approval (maker-checker), scope."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from zhigong.members.choices import ApplicationStatus, CardStatus, MemberStatus
from zhigong.members.models import Member, MembershipApplication
from zhigong.members.notices import CURRENT as CURRENT_NOTICE
from zhigong.members.personal import id_number_of
from zhigong.members.services import applications
from zhigong.members.services.registry import PersonInput
from zhigong.notifications.models import Notification
from zhigong.testing.cast import CAST_MEMBERS, PASSWORD, Cast, cast_id_number
from zhigong.unions.models import Union

WORKER_ID = cast_id_number("42010219920808002")  # 王芳, female, born 1992-08-08


@pytest.fixture
def worker(cast: Cast):
    return user_create(
        actor=SYSTEM, username="wangfang", password=PASSWORD, full_name="王芳", check_password=False
    )


def person(**overrides: str) -> PersonInput:
    data = {
        "name": "王芳",
        "id_number": WORKER_ID,
        "phone": "13700001111",
        "ethnicity": "汉族",
        "education": "bachelor",
        "job": "装配工",
    }
    data.update(overrides)
    return PersonInput(**data)


def submit(cast: Cast, worker) -> MembershipApplication:
    return applications.application_submit(
        actor=worker,
        person=person(),
        union=cast.unions["GA"],
        applicant_user=worker,
        notice_version=CURRENT_NOTICE,
    )


def test_full_application_path_through_the_pages(cast: Cast, worker):
    # given a fresh user who is not a member
    client = cast.client("officer")
    applicant = cast.client("officer")
    applicant.force_login(worker)
    # when they apply at GA through /me/apply/
    response = applicant.post(
        reverse("portal:members:apply"),
        {
            "name": "王芳",
            "id_number": WORKER_ID,
            "phone": "137 0000 1111",
            "ethnicity": "汉族",
            "political_status": "masses",
            "education": "bachelor",
            "job": "装配工",
            "union": "GA",
            "consent": "on",
            "notice_version": CURRENT_NOTICE,
        },
    )
    # then an application waits for the grassroots union, stored encrypted
    assert response.status_code == 302
    application = MembershipApplication.objects.get(applicant=worker)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.id_number_masked == WORKER_ID[:6] + "********" + WORKER_ID[-4:]
    assert WORKER_ID not in application.id_number_encrypted
    # when the officer reviews it with their name as the stamp
    url = reverse("staff:members:application_detail", args=[application.pk])
    page = client.get(url)
    assert "基层工会审核" in page.content.decode()
    assert WORKER_ID not in page.content.decode()
    response = client.post(url, {"decision": "approve", "stamp_name": "刘干事"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED
    assert application.review_stamp == "刘干事"
    # and the centre staff above approves it
    response = cast.client("street_staff").post(url, {"decision": "approve"})
    assert response.status_code == 302
    # then the worker is an active member at GA, linked to their login, with an issued card
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    member = Member.objects.get(user=worker)
    assert application.member == member
    assert member.status == MemberStatus.ACTIVE and member.union == cast.unions["GA"]
    assert id_number_of(member) == WORKER_ID
    assert member.cards.get().status == CardStatus.ISSUED
    # and every step told the applicant
    titles = list(Notification.objects.filter(user=worker).values_list("title", flat=True))
    assert len(titles) == 3
    assert "欢迎入会！" in titles
    # and the applicant sees where it stands
    progress = applicant.get(reverse("portal:members:my_application")).content.decode()
    assert "刘干事" in progress and "已入会" in progress


def test_officer_cannot_approve(cast: Cast, worker):
    # given an application the officer has reviewed
    application = submit(cast, worker)
    officer = cast.users["officer"]
    applications.application_review(
        actor=officer, application=application, approve=True, stamp_name="刘干事"
    )
    # when the officer (no member.approve) tries to approve it
    with pytest.raises(PermissionDenied):
        applications.application_approve(actor=officer, application=application, approve=True)
    # then nothing changed
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED
    assert not Member.objects.filter(user=worker).exists()
    # and the page offers no form and refuses the post
    url = reverse("staff:members:application_detail", args=[application.pk])
    cast.client("officer").post(url, {"decision": "approve"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED


def test_reviewer_cannot_approve_their_own_review(cast: Cast, worker):
    # given centre staff who reviewed the application themself
    application = submit(cast, worker)
    staff = cast.users["street_staff"]
    applications.application_review(
        actor=staff, application=application, approve=True, stamp_name="陈"
    )
    # when they try to approve it
    with pytest.raises(PermissionDenied) as caught:
        applications.application_approve(actor=staff, application=application, approve=True)
    # then it is refused as the same person, and nothing changed
    assert caught.value.code == "same_person"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED
    page = cast.client("street_staff").get(
        reverse("staff:members:application_detail", args=[application.pk])
    )
    assert "须由另一位" in page.content.decode()
    # and someone else with member.approve can
    applications.application_approve(
        actor=cast.users["city_org"], application=application, approve=True
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_other_officer_cannot_see_or_decide_a_ga_application(cast: Cast, worker):
    # given an application at GA
    application = submit(cast, worker)
    url = reverse("staff:members:application_detail", args=[application.pk])
    client = cast.client("other_officer")
    # when the GB officer opens it, posts a review or lists the queue
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve", "stamp_name": "x"}).status_code == 404
    listing = client.get(reverse("staff:members:application_list")).content.decode()
    with pytest.raises(NotFound):
        applications.application_review(
            actor=cast.users["other_officer"], application=application, approve=True, stamp_name="x"
        )
    # then they saw nothing and nothing changed
    assert "王芳" not in listing
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.reviewed_by is None


def test_rejection_needs_a_reason_and_tells_the_applicant(cast: Cast, worker):
    application = submit(cast, worker)
    officer = cast.users["officer"]
    # when the officer rejects without a reason
    with pytest.raises(DomainError) as caught:
        applications.application_review(actor=officer, application=application, approve=False)
    assert "reason" in caught.value.fields
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    # and then with one
    applications.application_review(
        actor=officer, application=application, approve=False, reason="不在本单位工作"
    )
    # then the applicant is told why
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    notice = Notification.objects.filter(user=worker).first()
    assert notice is not None and "不在本单位工作" in notice.body
    page = cast.client("officer")
    page.force_login(worker)
    assert "不在本单位工作" in page.get(reverse("portal:members:my_application")).content.decode()


def test_review_needs_the_stamp_name(cast: Cast, worker):
    application = submit(cast, worker)
    with pytest.raises(DomainError) as caught:
        applications.application_review(
            actor=cast.users["officer"], application=application, approve=True, stamp_name=" "
        )
    assert "stamp_name" in caught.value.fields


def test_centre_rejection_after_review(cast: Cast, worker):
    application = submit(cast, worker)
    applications.application_review(
        actor=cast.users["officer"], application=application, approve=True, stamp_name="刘"
    )
    applications.application_approve(
        actor=cast.users["street_staff"], application=application, approve=False, reason="材料不全"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert not Member.objects.filter(user=worker).exists()


def test_existing_member_or_open_application_is_refused(cast: Cast, worker):
    # an ID number that is already a member
    with pytest.raises(Conflict):
        applications.application_submit(
            actor=worker,
            person=person(id_number=cast_id_number(CAST_MEMBERS["GA"][1]), name="张伟"),
            union=cast.unions["GA"],
            applicant_user=worker,
            notice_version=CURRENT_NOTICE,
        )
    # an ID number with an open application
    submit(cast, worker)
    with pytest.raises(Conflict):
        applications.application_submit(
            actor=cast.users["officer"], person=person(), union=cast.unions["GA"]
        )
    assert MembershipApplication.objects.count() == 1


def test_bad_person_fields_are_reported_per_field(cast: Cast, worker):
    with pytest.raises(DomainError) as caught:
        applications.application_submit(
            actor=worker,
            person=person(id_number="420102199208080021", phone="12345"),
            union=cast.unions["GA"],
            applicant_user=worker,
            notice_version=CURRENT_NOTICE,
        )
    assert {"id_number", "phone"} <= set(caught.value.fields)


def test_applicant_withdraws_while_undecided(cast: Cast, worker):
    application = submit(cast, worker)
    client = cast.client("outsider")
    client.force_login(worker)
    response = client.post(reverse("portal:members:my_application"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    # a decided application cannot be withdrawn
    with pytest.raises(DomainError):
        applications.application_withdraw(actor=worker, application=application)


def test_officer_enters_an_application_for_a_worker(cast: Cast):
    # given the GA officer on the entry page
    client = cast.client("officer")
    data = {"name": "王芳", "id_number": WORKER_ID, "phone": "13700001111", "union": "GA"}
    # when they enter a worker
    response = client.post(reverse("staff:members:application_new"), data)
    # then the application waits for review, entered by them
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.entered_by == cast.users["officer"] and application.applicant is None


def test_other_officer_cannot_enter_an_application_at_ga(cast: Cast):
    client = cast.client("other_officer")
    data = {"name": "王芳", "id_number": WORKER_ID, "phone": "13700001111", "union": "GA"}
    # the entry page offers only the unions where they may enter members
    page = client.get(reverse("staff:members:application_new")).content.decode()
    assert "/staff/unions/pick/" in page and "perm=member.manage" in page
    response = client.post(reverse("staff:members:application_new"), data)
    assert response.status_code == 200
    assert "在您的范围内找不到名称或编码为“GA”的基层工会" in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_union_search_lists_only_active_grassroots_unions_with_their_paths(cast: Cast):
    client = cast.client("outsider")
    html = client.get(reverse("portal:members:apply_union_search"), {"q": "武汉"}).content.decode()
    # both grassroots unions are offered, the federations and streets above them are not
    assert set(re.findall(r'value="([^"]+)" data-fill', html)) == {"GA", "GB"}
    # each with the path above it, in the list and in what is said once it is chosen
    assert "武汉市总工会 › 江岸区总工会 › 大智街道工会" in html
    assert "武汉市总工会 › 武昌区总工会 › 积玉桥街道工会" in html
    assert (
        'data-note-text="已选择：武汉江城机械有限公司工会 GA · 武汉市总工会 › 江岸区总工会 › 大智街道工会"'
        in html
    )
    # the form's own field asks this search, not the workbench's
    form = client.get(reverse("portal:members:apply")).content.decode()
    assert "/me/apply/union-search?field=union" in form and "/staff/unions/pick/" not in form
    assert (
        client.get(reverse("portal:members:apply_union_search"), {"q": ""}).content.strip() == b""
    )
    # a deactivated union is not offered
    Union.objects.filter(code="GB").update(is_active=False)
    html = client.get(reverse("portal:members:apply_union_search"), {"q": "武汉"}).content.decode()
    assert set(re.findall(r'value="([^"]+)" data-fill', html)) == {"GA"}


def test_queue_filters_by_status(cast: Cast, worker):
    submit(cast, worker)
    client = cast.client("street_staff")
    assert "王芳" in client.get(reverse("staff:members:application_list")).content.decode()
    html = client.get(
        reverse("staff:members:application_list"), {"status": "approved"}
    ).content.decode()
    assert "王芳" not in html


def test_step_list_shows_where_a_rejection_happened(cast: Cast, worker):
    from zhigong.members.views.portal import application_steps

    application = submit(cast, worker)
    assert [s["state"] for s in application_steps(application)] == [
        "done",
        "current",
        "waiting",
        "waiting",
    ]
    applications.application_review(
        actor=cast.users["officer"], application=application, approve=False, reason="不符"
    )
    application.refresh_from_db()
    assert [s["state"] for s in application_steps(application)][:2] == ["done", "failed"]


def test_a_member_who_left_can_join_again_with_the_same_record(cast: Cast):
    from zhigong.members.figures import counting
    from zhigong.members.services import selfservice

    # given 张伟 left the union
    user = cast.users["member"]
    member = cast.members["GA"]
    selfservice.member_leave(actor=user, member=member, reason="离职")
    # when he applies again, now at GB, and GB's officer and DB's admin pass it
    application = applications.application_submit(
        actor=user,
        person=person(name="张伟", id_number=cast_id_number(CAST_MEMBERS["GA"][1])),
        union=cast.unions["GB"],
        applicant_user=user,
        notice_version=CURRENT_NOTICE,
    )
    applications.application_review(
        actor=cast.users["other_officer"], application=application, approve=True, stamp_name="周"
    )
    applications.application_approve(
        actor=cast.users["other_admin"], application=application, approve=True
    )
    # then the same record is active at GB with a new issued card and its history kept
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE and member.union == cast.unions["GB"]
    assert member.history.filter(action="rejoin").exists()
    assert member.history.filter(action="create").exists()
    assert member.cards.filter(status=CardStatus.ISSUED).count() == 1
    assert counting.of_union(cast.unions["GB"])["status"]["active"] == 2
    assert counting.of_union(cast.unions["GA"])["status"].get("left", 0) == 0


def test_reviewers_see_the_age_not_the_birth_date_beside_the_masked_number(cast: Cast, worker):
    """The masked number hides exactly the birth date: showing it would spell the number."""
    application = submit(cast, worker)
    page = cast.client("officer").get(
        reverse("staff:members:application_detail", args=[application.pk])
    )
    html = page.content.decode()
    assert application.id_number_masked in html
    assert application.birth_date.strftime("%Y-%m-%d") not in html
    assert f"{application.age} 岁" in html
