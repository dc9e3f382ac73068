"""A member their union registered links the account they registered (``services.claim``):
the ID number on the record and a code texted to the phone on the record, nothing less; no
answer tells whether an ID number is a member."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import Conflict, DomainError
from zhigong.core.models import AuditEvent
from zhigong.members.choices import MemberStatus
from zhigong.members.models import Member, MemberHistory
from zhigong.members.services.claim import member_claim, member_claim_request
from zhigong.notifications.backends import MemorySmsBackend
from zhigong.testing.cast import CAST_MEMBERS, Cast, cast_id_number

ADDRESS = "203.0.113.9"
# The cast member of GB was registered by the union: no login yet.
NAME, BODY, RECORD_PHONE = CAST_MEMBERS["GB"]
GB_ID = cast_id_number(BODY)
GA_ID = cast_id_number(CAST_MEMBERS["GA"][1])  # linked to the "member" login already
OWN_PHONE = "13711112222"  # the number the worker registered the account with


@pytest.fixture
def worker(cast: Cast):
    """An account someone registered, with no member record."""
    return user_create(
        actor=SYSTEM,
        username="worker_li",
        password="Lathe-Turner-2026",
        full_name=NAME,
        phone=OWN_PHONE,
    )


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for the code as the page does; the text is delivered (on commit) to the outbox."""
    MemorySmsBackend.outbox.clear()

    def request(user, id_number: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            member_claim_request(actor=user, id_number=id_number, address=ADDRESS)

    yield request
    MemorySmsBackend.outbox.clear()


def code_sent_to(phone: str) -> str:
    texts = MemorySmsBackend.texts_to(phone)
    assert texts, f"no text to {phone}"
    found = re.search(r"验证码 (\d{6})", texts[-1])
    assert found is not None, texts[-1]
    return found.group(1)


def test_the_id_number_and_the_code_sent_to_the_phone_on_record_link_the_account(
    cast: Cast, worker, ask
):
    # when the worker asks with the ID number on the record
    ask(worker, GB_ID)
    # then the code goes to the phone the union has on file, not to the account's number
    assert MemorySmsBackend.texts_to(OWN_PHONE) == []
    code = code_sent_to(RECORD_PHONE)
    # and with it the account is linked, recorded in the history and the audit log
    member = member_claim(actor=worker, id_number=GB_ID, code=code)
    assert member.pk == cast.members["GB"].pk and member.user_id == worker.pk
    assert MemberHistory.objects.filter(member=member, action="claim", actor=worker).exists()
    assert AuditEvent.objects.filter(action="member.claim", actor=worker).exists()
    # and the code is spent, the account cannot claim again
    with pytest.raises(Conflict):
        member_claim(actor=worker, id_number=GB_ID, code=code)


def test_a_right_code_for_another_record_or_a_wrong_code_links_nothing(cast: Cast, worker, ask):
    ask(worker, GB_ID)
    code = code_sent_to(RECORD_PHONE)
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(DomainError) as caught:
        member_claim(actor=worker, id_number=GB_ID, code=wrong)
    assert "验证码不正确" in str(caught.value.message)
    # the right code with an ID number whose record is linked already fails like a bad code
    with pytest.raises(DomainError) as caught:
        member_claim(actor=worker, id_number=GA_ID, code=code)
    assert caught.value.code == "code_spent"
    assert Member.objects.get(pk=cast.members["GB"].pk).user_id is None


@pytest.mark.parametrize(
    "case", ["not a member", "has a login", "left the union", "no phone on file"]
)
def test_no_answer_tells_whether_an_id_number_is_a_member(cast: Cast, worker, ask, case: str):
    # given an ID number that is no claimable member's record
    id_number = {"has a login": GA_ID}.get(case, GB_ID)
    if case == "not a member":
        id_number = cast_id_number("42010219700101001")
    elif case == "left the union":
        Member.objects.filter(pk=cast.members["GB"].pk).update(status=MemberStatus.LEFT)
    elif case == "no phone on file":
        Member.objects.filter(pk=cast.members["GB"].pk).update(phone_encrypted="")
    # when the worker asks: the same answer (none), and no text goes anywhere
    ask(worker, id_number)
    assert MemorySmsBackend.outbox == []
    # and any code fails as a code that is no longer valid
    with pytest.raises(DomainError) as caught:
        member_claim(actor=worker, id_number=id_number, code="123456")
    assert caught.value.code == "code_spent"


def test_a_malformed_id_number_is_a_field_error(cast: Cast, worker, ask):
    with pytest.raises(DomainError) as caught:
        ask(worker, "4201")
    assert "id_number" in caught.value.fields


def test_an_account_with_a_member_record_claims_nothing(cast: Cast, ask):
    with pytest.raises(Conflict):
        ask(cast.users["member"], GB_ID)


def test_the_page_takes_the_worker_to_their_card(
    cast: Cast, worker, django_capture_on_commit_callbacks
):
    MemorySmsBackend.outbox.clear()
    client = Client()
    client.force_login(worker)
    url = reverse("portal:members:claim")
    # the application form points there
    assert url in client.get(reverse("portal:members:apply")).content.decode()
    # asking for the code answers the same neutral sentence, with the ID number in the body
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {"id_number": GB_ID, "action": "send"})
    assert page.status_code == 200 and "如果这个身份证号已登记为会员" in page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    # a wrong code is a message beside the field
    page = client.post(url, {"id_number": GB_ID, "code": "99999", "action": "claim"})
    assert page.status_code == 400 and "验证码不正确" in page.content.decode()
    # the right one links the account and leads to the member's page with the card
    page = client.post(
        url, {"id_number": GB_ID, "code": code_sent_to(RECORD_PHONE), "action": "claim"}
    )
    assert page.status_code == 302 and page["Location"] == reverse("portal:members:me")
    assert client.get(reverse("portal:members:card")).status_code == 200
    # and the page now says the account is linked
    assert "已经绑定了会员信息" in client.get(url).content.decode()
