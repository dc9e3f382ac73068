"""One table of spellings and one rule per field for every path that stores a person: the
entry and application forms, imports (``test_import_rosters``), and change requests."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.idnumber import check_digit
from zhigong.members import selectors
from zhigong.members.choices import Education, Gender, PoliticalStatus
from zhigong.members.models import Member, MembershipApplication
from zhigong.members.notices import CURRENT as CURRENT_NOTICE
from zhigong.members.personal import id_number_of
from zhigong.members.services import registry, selfservice
from zhigong.members.services.registry import PersonInput, check_person
from zhigong.testing.cast import PASSWORD, Cast

OLD_ID = "420102920808002"  # a woman born 1992-08-08, first-generation number
NEW_ID = "42010219920808002" + check_digit("42010219920808002")


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("王磊", "王磊"),
        ("王　磊", "王磊"),  # the ideographic space clerks pad two-character names with
        ("王 磊", "王磊"),
        ("王\u00a0磊", "王磊"),
        ("　王　　磊　", "王磊"),
        ("欧阳 娜娜", "欧阳娜娜"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),
        ("阿依古丽．买买提", "阿依古丽·买买提"),
        ("阿依古丽 . 买买提", "阿依古丽·买买提"),
        ("Mary  Jane Smith", "Mary Jane Smith"),
        ("J. Smith", "J. Smith"),  # a full stop outside Chinese characters is left alone
        ("王\ufeff磊\u200b", "王磊"),
    ],
)
def test_the_name_rule(written, stored):
    assert registry.clean_name(written) == (stored, "")


@pytest.mark.parametrize("written", ["", "　", "\u200b", "王\n磊", "王\t磊", "x" * 65])
def test_names_that_are_refused(written):
    assert registry.clean_name(written)[1]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("男", "male"),
        ("男性", "male"),
        ("1", "male"),
        ("m", "male"),
        ("Male", "male"),
        ("女", "female"),
        ("女性", "female"),
        ("2", "female"),
        ("F", "female"),
        ("0", ""),
        ("9", ""),
        ("未说明的性别", ""),
        ("", ""),
    ],
)
def test_gender_spellings(written, code):
    assert registry.clean_gender(written) == (code, "")


def test_every_spelling_names_a_choice_of_its_own_vocabulary():
    # given the tables of spellings: every alias leads to a code of its own choices
    for choices in (Gender, PoliticalStatus, Education):
        table = registry._lookup(choices)
        assert set(table.values()) <= {*choices.values, ""}, choices
        # and every code and Chinese label is still read
        for code, label in choices.choices:
            assert registry.choice_code(choices, code) == code
            assert registry.choice_code(choices, str(label)) == code


def test_a_first_generation_number_through_check_person():
    person, errors = check_person(PersonInput(name="王　芳", id_number=OLD_ID, gender="女性"))
    assert person is not None, errors
    assert person.id_number == NEW_ID and person.name == "王芳" and person.gender == "female"
    assert [field for field, _message in person.warnings] == ["id_number"]


def test_the_application_form_takes_a_padded_name_and_an_old_number(cast: Cast):
    # given a worker who types their name as the roster has it and their old ID number
    worker = user_create(
        actor=SYSTEM, username="wangfang", password=PASSWORD, full_name="王芳", check_password=False
    )
    client = cast.client("anonymous")
    client.force_login(worker)
    response = client.post(
        reverse("portal:members:apply"),
        {
            "name": "王　芳",
            "id_number": OLD_ID,
            "phone": "13700001111",
            "ethnicity": "汉族",
            "political_status": "masses",
            "education": "bachelor",
            "job": "",
            "union": "GA",
            "consent": "on",
            "notice_version": CURRENT_NOTICE,
        },
    )
    # then the application holds the name without padding and the 18-digit number
    assert response.status_code == 302
    application = MembershipApplication.objects.get(applicant=worker)
    assert application.name == "王芳"
    assert id_number_of(application) == NEW_ID


def test_a_change_request_stores_the_name_as_the_registry_does(cast: Cast):
    # given the member asks to be renamed, typing the name padded
    change = selfservice.change_request_create(
        actor=cast.users["member"], member=cast.members["GA"], changes={"name": "张　维"}
    )
    # then the request, and after confirmation the member, hold it without the padding
    assert change.summary["name"] == ["张伟", "张维"]
    selfservice.change_request_decide(actor=cast.users["officer"], request=change, confirm=True)
    member = Member.objects.get(pk=cast.members["GA"].pk)
    assert member.name == "张维"
    # and the same name padded differently is no change at all
    with pytest.raises(DomainError, match="没有需要变更的内容"):
        selfservice.change_request_create(
            actor=cast.users["member"], member=member, changes={"name": "张 维"}
        )


def test_staff_find_a_member_by_the_old_15_digit_number(cast: Cast):
    # given the member at GA, registered with an 18-digit number
    member = cast.members["GA"]
    number = id_number_of(member)
    old = number[:6] + number[8:17]
    # when an officer searches with the first-generation form of it
    found = selectors.member_list(cast.users["officer"], id_number=old)
    # then the member is found
    assert list(found) == [member]
