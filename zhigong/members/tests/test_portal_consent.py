"""Consent where it is needed: the privacy notice on the application form (its text, version
and digest recorded with the consent, no application without it), the opt-in consents on the
member's own page (never assumed, withdrawable), and the form starting from what the account
already knows (name, phone)."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from zhigong.accounts.services import user_create
from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.models import AuditEvent
from zhigong.members import notices
from zhigong.members.models import Consent, ConsentPurpose, Member, MembershipApplication
from zhigong.members.personal import phone_of
from zhigong.members.services import applications, cards, selfservice
from zhigong.members.services.registry import PersonInput
from zhigong.testing.cast import PASSWORD, Cast, cast_id_number

WORKER_ID = cast_id_number("42010219920808002")
# The digest of the published 2026.1 notice. A published text never changes: a new text is
# a new version (``members/notices.py``), and consents keep naming what was read.
PUBLISHED = {"2026.1": "10fab451dcde4eadcb7430e441342ebc6f4843d223086bedb65c1cd2844b560f"}


@pytest.fixture
def worker(cast: Cast):
    return user_create(
        actor=SYSTEM,
        username="wangfang",
        password=PASSWORD,
        full_name="王芳",
        phone="13700001111",
        check_password=False,
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "王芳",
        "id_number": WORKER_ID,
        "phone": "13700001111",
        "ethnicity": "汉族",
        "political_status": "masses",
        "education": "bachelor",
        "job": "装配工",
        "union": "GA",
        "consent": "on",
        "notice_version": notices.CURRENT,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _approve(cast: Cast, application: MembershipApplication) -> None:
    applications.application_review(
        actor=cast.users["officer"], application=application, approve=True, stamp_name="刘干事"
    )
    applications.application_approve(
        actor=cast.users["street_staff"], application=application, approve=True
    )


def test_published_notices_never_change_under_their_version():
    for version, digest in PUBLISHED.items():
        notice = notices.NOTICES[version]
        text = "\n".join((notice.title, *notice.paragraphs))
        assert hashlib.sha256(text.encode()).hexdigest() == notice.digest
        assert notice.digest == digest, f"the text of {version} changed: publish a new version"
    assert notices.CURRENT in notices.NOTICES


def test_the_form_shows_the_notice_and_records_the_consent_with_its_version(cast, worker):
    client = _client(worker)
    notice = notices.current_notice()
    # given the form shows the notice: its title, version, text and digest, and the box
    html = client.get(reverse("portal:members:apply")).content.decode()
    assert "会员信息处理告知书" in html and f"{notice.version} 版" in html
    assert notice.paragraphs[1] in html and notice.digest in html
    assert f'name="notice_version" value="{notice.version}"' in html
    assert 'name="consent"' in html and "我已阅读并同意《会员信息处理告知书》" in html
    # when the worker agrees and applies
    response = client.post(reverse("portal:members:apply"), _form())
    assert response.status_code == 302
    # then the consent is kept with the application: what, which text, when
    application = MembershipApplication.objects.get(applicant=worker)
    consent = Consent.objects.get()
    assert consent.application == application and consent.member is None
    assert consent.purpose == ConsentPurpose.PROCESSING and consent.withdrawn_at is None
    assert (consent.notice_version, consent.notice_digest) == (notice.version, notice.digest)
    assert abs((consent.granted_at - application.created_at).total_seconds()) < 5
    event = AuditEvent.objects.get(action="consent.grant")
    assert event.changes["notice_version"] == [None, notice.version]
    # and approval hands it on to the member record
    _approve(cast, application)
    consent.refresh_from_db()
    member = Member.objects.get(user=worker)
    assert consent.member == member
    page = _client(worker).get(reverse("portal:members:consents")).content.decode()
    assert f"同意的告知书：{notice.version} 版" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"consent": None}, "请阅读《会员信息处理告知书》并勾选同意，才能提交申请。"),
        ({"notice_version": "2025.9"}, "告知书已更新为"),  # read an earlier text
    ],
)
def test_no_application_without_the_consent(cast, worker, change, message):
    response = _client(worker).post(reverse("portal:members:apply"), _form(**change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MembershipApplication.objects.exists() and not Consent.objects.exists()


def test_the_service_refuses_a_self_application_without_the_current_notice(cast, worker):
    person = PersonInput(name="王芳", id_number=WORKER_ID, phone="13700001111")
    for version in ("", "2025.9"):
        with pytest.raises(DomainError) as caught:
            applications.application_submit(
                actor=worker,
                person=person,
                union=cast.unions["GA"],
                applicant_user=worker,
                notice_version=version,
            )
        assert caught.value.code == "consent_required" and "consent" in caught.value.fields
    assert not MembershipApplication.objects.exists()
    # an officer's entry rests on the worker's signed paper form: no online consent
    applications.application_submit(
        actor=cast.users["officer"], person=person, union=cast.unions["GA"]
    )
    assert MembershipApplication.objects.count() == 1 and not Consent.objects.exists()


def test_opt_in_consents_are_offered_never_assumed_and_withdrawn(cast, worker):
    # given a worker who joined through the form
    _client(worker).post(reverse("portal:members:apply"), _form())
    _approve(cast, MembershipApplication.objects.get())
    member = Member.objects.get(user=worker)
    # then only the privacy notice is agreed: card checks and matchmaking are not
    assert set(member.consents.values_list("purpose", flat=True)) == {"processing"}
    client = _client(worker)
    url = reverse("portal:members:consents")
    html = client.get(url).content.decode()
    for purpose in ("merchant_verify", "matchmaking_public"):
        row = re.search(
            rf'value="{purpose}">\s*<button class="(\w+)" name="action" value="(\w+)"', html
        )
        assert row is not None and row.group(2) == "grant", purpose
    # the notice's consent is not withdrawn alone: no button, and the service refuses
    assert not re.search(
        r'value="processing">\s*<button class="secondary" name="action" value="withdraw"', html
    )
    with pytest.raises(DomainError):
        selfservice.consent_withdraw(actor=worker, member=member, purpose="processing")
    # a merchant's check tells only "valid" until the member opts in
    _, key = cards.card_verifier_create(actor=SYSTEM, name="超市", union=cast.unions["CITY"])
    card = member.cards.get()
    cards.card_activate(actor=worker, card=card)

    def check() -> dict[str, object]:
        answer = Client().get(
            "/api/v1/cards/verify",
            {"token": cards.card_token(card)},
            headers={"X-Verifier-Key": key},
        )
        return dict(answer.json())

    assert check() == {"valid": True, "name": "", "union": ""}
    client.post(url, {"purpose": "merchant_verify", "action": "grant"})
    client.post(url, {"purpose": "matchmaking_public", "action": "grant"})
    assert check()["name"] == "王*"
    html = client.get(url).content.decode()
    assert html.count('value="withdraw"') == 2
    # withdrawing works, and the record stays
    client.post(url, {"purpose": "merchant_verify", "action": "withdraw"})
    client.post(url, {"purpose": "matchmaking_public", "action": "withdraw"})
    assert check() == {"valid": True, "name": "", "union": ""}
    assert member.consents.filter(withdrawn_at__isnull=False).count() == 2


def test_a_member_entered_by_staff_may_agree_to_the_current_notice(cast):
    # given 张伟, entered by the union (no online consent)
    member = cast.members["GA"]
    client = cast.client("member")
    html = client.get(reverse("portal:members:consents")).content.decode()
    assert "由工会登记" in html and "同意现行告知书" in html
    # when they agree on their consents page
    client.post(reverse("portal:members:consents"), {"purpose": "processing", "action": "grant"})
    consent = member.consents.get(purpose="processing")
    assert consent.notice_version == notices.CURRENT
    assert consent.notice_digest == notices.current_notice().digest
    # then it is not asked again, and asking twice records nothing more
    html = client.get(reverse("portal:members:consents")).content.decode()
    assert "同意现行告知书" not in html
    client.post(reverse("portal:members:consents"), {"purpose": "processing", "action": "grant"})
    assert member.consents.count() == 1


def test_a_new_notice_is_a_new_version_and_the_earlier_stays_readable(cast, monkeypatch):
    # given 张伟 agreed to the 2026.1 notice
    member, client = cast.members["GA"], cast.client("member")
    client.post(reverse("portal:members:consents"), {"purpose": "processing", "action": "grant"})
    # when a new text is published as 2027.1
    old = notices.current_notice()
    new = notices.PrivacyNotice("2027.1", "2027-01-01", old.title, (*old.paragraphs, "新增一段。"))
    monkeypatch.setitem(notices.NOTICES, "2027.1", new)
    monkeypatch.setattr(notices, "CURRENT", "2027.1")
    assert new.digest != old.digest
    # then anyone reads the new one, and the old one by its version, marked as no longer in force
    page = Client().get(reverse("portal:members:privacy_notice")).content.decode()
    assert new.digest in page and "已停用" not in page
    page = Client().get(reverse("portal:members:privacy_notice"), {"v": "2026.1"}).content.decode()
    assert old.digest in page and "这是已停用的版本，现行版本为 2027.1 版。" in page
    # and 张伟 is offered the new one; agreeing records it beside the old one
    html = client.get(reverse("portal:members:consents")).content.decode()
    assert "同意的告知书：2026.1 版" in html and "同意现行告知书" in html
    client.post(reverse("portal:members:consents"), {"purpose": "processing", "action": "grant"})
    assert list(member.consents.values_list("notice_version", "notice_digest")) == [
        ("2027.1", new.digest),
        ("2026.1", old.digest),
    ]
    # an application form read before the change is refused, and shows the new text
    worker = user_create(actor=SYSTEM, username="wangxiao", password=PASSWORD, check_password=False)
    response = _client(worker).post(reverse("portal:members:apply"), _form(notice_version="2026.1"))
    assert "告知书已更新为 2027.1 版" in response.content.decode()
    assert 'name="notice_version" value="2027.1"' in response.content.decode()
    # an unknown version shows the current text
    page = (
        Client().get(reverse("portal:members:privacy_notice"), {"v": "nonsense"}).content.decode()
    )
    assert new.digest in page


# --- the form starts from what the account knows ---------------------------------------------


def test_the_form_starts_with_the_accounts_name_and_masked_phone(cast, worker):
    html = _client(worker).get(reverse("portal:members:apply")).content.decode()
    assert re.search(r'name="name" value="王芳"', html)
    assert re.search(r'name="phone" value="137\*\*\*\*1111"', html)
    assert "13700001111" not in html  # shown masked, like every phone on a page


def test_the_masked_phone_sent_back_stands_for_the_accounts_own(cast, worker):
    client = _client(worker)
    client.post(reverse("portal:members:apply"), _form(phone="137****1111"))
    application = MembershipApplication.objects.get()
    assert phone_of(application) == "13700001111"


def test_a_phone_typed_over_the_masked_one_is_taken(cast, worker):
    client = _client(worker)
    client.post(reverse("portal:members:apply"), _form(phone="13900002222"))
    assert phone_of(MembershipApplication.objects.get()) == "13900002222"


def test_an_account_without_name_or_phone_starts_empty(cast):
    user = user_create(actor=SYSTEM, username="nobody", password=PASSWORD, check_password=False)
    html = _client(user).get(reverse("portal:members:apply")).content.decode()
    assert re.search(r'<input type="text" name="name"(?! value=)', html)
    assert re.search(r'<input type="text" name="phone"(?! value=)', html)
