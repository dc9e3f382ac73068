"""Key rotation: every ciphertext ends up under the current key, readable, indexes unchanged."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from zhigong.accounts.models import User
from zhigong.core import crypto
from zhigong.members.models import Member, MemberChangeRequest
from zhigong.members.personal import id_number_of, phone_of, set_id_number, set_phone
from zhigong.testing.cast import CAST_MEMBERS, cast_id_number

T2 = "t2:dGVzdC1rZXktdHdvLTAxMjM0NTY3ODlhYmNkZWYwMXg="
T1 = "t1:dGVzdC1rZXktb25lLTAxMjM0NTY3ODlhYmNkZWYwMXg="


def test_rotate_moves_every_ciphertext_to_the_current_key(cast, settings):
    # given the cast and a change request, all encrypted while t1 was the current key
    settings.ZHIGONG_ENCRYPTION_KEYS = f"{T1},{T2}"
    for member in Member.objects.all():
        id_number, phone = id_number_of(member), phone_of(member)
        set_id_number(member, id_number)
        set_phone(member, phone)
        member.save()
    user = cast.users["officer"]
    user.set_phone("13700001111")
    user.save()
    change = MemberChangeRequest(member=cast.members["GA"])
    change.payload_encrypted = crypto.encrypt(
        '{"job": "钳工"}', context=change.sealing_context("payload")
    )
    change.save()
    indexes = sorted(Member.objects.values_list("id_number_index", "phone_index"))
    assert Member.objects.filter(id_number_encrypted__startswith="t1$").count() == 2
    # when t2 becomes current and rotate_keys runs in batches of one
    settings.ZHIGONG_ENCRYPTION_KEYS = f"{T2},{T1}"
    out = StringIO()
    call_command("rotate_keys", "--batch", "1", stdout=out)
    # then every value carries t2$ and decrypts to what it was; indexes did not change
    for member in Member.objects.all():
        assert member.id_number_encrypted.startswith("t2$")
        assert member.phone_encrypted.startswith("t2$")
    by_name = {m.name: m for m in Member.objects.all()}
    for name, body, phone in CAST_MEMBERS.values():
        assert id_number_of(by_name[name]) == cast_id_number(body)
        assert phone_of(by_name[name]) == phone
    user = User.objects.get(pk=user.pk)
    assert user.phone_encrypted.startswith("t2$") and user.phone == "13700001111"
    change = MemberChangeRequest.objects.get()
    assert change.payload_encrypted.startswith("t2$")
    opened = crypto.decrypt(change.payload_encrypted, context=change.sealing_context("payload"))
    assert opened == '{"job": "钳工"}'
    assert sorted(Member.objects.values_list("id_number_index", "phone_index")) == indexes
    assert "Member.id_number_encrypted: 2/2" in out.getvalue()
    # and a second run (as after an interruption) has nothing left to do
    out = StringIO()
    call_command("rotate_keys", stdout=out)
    assert "共重新加密 0 条" in out.getvalue()


def test_rotate_leaves_rows_under_the_current_key_alone(cast, settings):
    before = list(Member.objects.order_by("pk").values_list("id_number_encrypted", flat=True))
    assert all(v.startswith("t2$") for v in before)
    call_command("rotate_keys", stdout=StringIO())
    after = list(Member.objects.order_by("pk").values_list("id_number_encrypted", flat=True))
    assert after == before
