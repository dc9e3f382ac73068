"""API tokens end when they should (DESIGN §3.1): their owner lists and revokes them; a
password change, a deactivation or the loss of a role revokes them; administrators over the
owner's roles revoke them. Revoked tokens are kept, never deleted."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from zhigong.accounts.models import ApiToken, TokenRevoked
from zhigong.accounts.services import api_token_create, role_revoke, user_activate, user_deactivate
from zhigong.core.actors import SYSTEM
from zhigong.core.models import AuditEvent
from zhigong.testing.cast import PASSWORD
from zhigong.unions.models import RoleGrant

NEW_PASSWORD = "Neue-Passw0rt!2026"


def obtain(username: str, password: str = PASSWORD, name: str = "") -> str:
    response = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": password, "name": name},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def works(key: str) -> bool:
    status = Client().get("/api/v1/me", headers=bearer(key)).status_code
    assert status in (200, 401)
    return status == 200


def test_a_user_lists_and_revokes_their_own_tokens_through_the_api(cast):
    phone, laptop = obtain("officer", name="我的手机"), obtain("officer", name="电脑")
    listed = Client().get("/api/v1/me/tokens", headers=bearer(phone)).json()
    assert [(t["name"], t["status"], t["current"]) for t in listed] == [
        ("电脑", "live", False),
        ("我的手机", "live", True),
    ]
    # when the phone's token revokes the laptop's
    laptop_id = listed[0]["id"]
    response = Client().delete(f"/api/v1/me/tokens/{laptop_id}", headers=bearer(phone))
    # then it stops working at once, and stays listed as revoked by its owner
    assert response.status_code == 204
    assert not works(laptop) and works(phone)
    token = ApiToken.objects.get(pk=laptop_id)
    assert token.revoked_reason == TokenRevoked.OWNER and token.revoked_by == cast.users["officer"]
    listed = Client().get("/api/v1/me/tokens", headers=bearer(phone)).json()
    assert listed[0]["status"] == "revoked"
    assert AuditEvent.objects.filter(action="token.revoke").exists()


def test_nobody_revokes_another_persons_token(cast):
    mine, theirs = obtain("officer"), obtain("street_staff")
    their_id = ApiToken.objects.get(user=cast.users["street_staff"]).pk
    assert Client().delete(f"/api/v1/me/tokens/{their_id}", headers=bearer(mine)).status_code == 404
    page = cast.client("officer").post(reverse("accounts:token_revoke", args=[their_id]))
    assert page.status_code == 404
    assert works(theirs)
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()


def test_the_tokens_page_lists_and_revokes(cast):
    key = obtain("member", name="小程序")
    client = cast.client("member")
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert "小程序" in page and "有效" in page
    token = ApiToken.objects.get(user=cast.users["member"])
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    assert not works(key)
    assert "本人撤销" in client.get(reverse("accounts:tokens")).content.decode()


def test_a_password_change_ends_every_token_but_not_this_session(cast):
    key = obtain("officer")
    client = cast.client("officer")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not works(key)
    assert ApiToken.objects.get().revoked_reason == TokenRevoked.PASSWORD
    assert client.get(reverse("staff:accounts:home")).status_code == 200
    assert works(obtain("officer", NEW_PASSWORD))


def test_a_wrong_old_password_changes_nothing_and_counts_towards_the_lockout(cast):
    key = obtain("officer")
    client = cast.client("officer")
    for _ in range(5):
        response = client.post(
            reverse("accounts:password_change"),
            {"old_password": "guess", "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
        assert response.status_code == 200
    assert "锁定" in response.content.decode()
    assert works(key)
    cast.users["officer"].refresh_from_db()
    assert cast.users["officer"].check_password(PASSWORD)
    locked = Client().post(
        "/api/v1/auth/token",
        {"username": "officer", "password": PASSWORD},
        content_type="application/json",
    )
    assert locked.status_code == 429


def test_a_password_changed_any_other_way_ends_the_tokens_too(cast):
    # given a token, then the password set outside the service (the admin, a command)
    key = obtain("officer")
    officer = cast.users["officer"]
    officer.set_password(NEW_PASSWORD)
    officer.save()
    # then the token no longer works, and says why in the list
    assert not works(key)
    assert ApiToken.objects.get().status == "stale"


def test_deactivation_revokes_and_reactivation_does_not_revive(cast):
    key = obtain("officer")
    user_deactivate(actor=SYSTEM, user=cast.users["officer"], reason="离职")
    assert not works(key)
    assert ApiToken.objects.get().revoked_reason == TokenRevoked.DEACTIVATED
    user_activate(actor=SYSTEM, user=cast.users["officer"], reason="返岗")
    assert not works(key)


def test_losing_a_role_revokes_the_tokens(cast):
    key = obtain("officer")
    grant = RoleGrant.objects.get(user=cast.users["officer"])
    role_revoke(actor=cast.users["district_admin"], grant=grant, reason="调离")
    assert not works(key)
    token = ApiToken.objects.get()
    assert token.revoked_reason == TokenRevoked.ROLE
    assert token.revoked_by == cast.users["district_admin"]


def test_an_administrator_over_the_users_role_revokes_their_tokens(cast):
    key = obtain("officer")
    url = reverse("staff:accounts:user_tokens", args=[cast.users["officer"].pk])
    # another district's administrator: the user is unknown to them, nothing changes
    assert cast.client("other_admin").post(url, {"reason": "越权"}).status_code == 404
    assert works(key)
    # the district's administrator: revoked, audited at the union of the officer's grant
    client = cast.client("district_admin")
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "手机丢失"}).status_code == 302
    assert not works(key)
    assert ApiToken.objects.get().revoked_reason == TokenRevoked.ADMIN
    event = AuditEvent.objects.filter(action="token.revoke").latest("seq")
    assert event.union_id == cast.unions["GA"].pk and event.reason == "手机丢失"


def test_nobody_administers_the_tokens_of_someone_ranked_above_them(cast):
    api_token_create(actor=SYSTEM, user=cast.users["district_admin"])
    url = reverse("staff:accounts:user_tokens", args=[cast.users["district_admin"].pk])
    for name in ("officer", "street_staff", "auditor", "district_admin"):
        assert cast.client(name).post(url, {"reason": "试试"}).status_code == 404, name
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()


def test_revoked_tokens_are_kept(cast):
    obtain("officer")
    obtain("officer")
    user_deactivate(actor=SYSTEM, user=cast.users["officer"])
    assert ApiToken.objects.filter(user=cast.users["officer"]).count() == 2
