"""The registration's files go through the core's private files: a photo must be an image."""

from __future__ import annotations

from typing import Any

import pytest

from zhigong.core.errors import DomainError
from zhigong.matchmaking.models import Profile
from zhigong.matchmaking.rules import current_rules
from zhigong.matchmaking.services.registration import profile_register
from zhigong.matchmaking.testing import Upload, form_input
from zhigong.testing.cast import Cast


def test_a_pdf_is_no_photo_and_nothing_is_stored(cast: Cast, settings: Any, tmp_path: Any):
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(DomainError) as refused:
        profile_register(
            actor=cast.users["member"],
            data=form_input(),
            rules_version=current_rules().version,
            uploads={"photo": Upload(b"%PDF-1.4 a scan", "photo.pdf")},
        )
    assert "只能上传 JPG 或 PNG 图片" in str(refused.value.fields["photo"])
    assert not Profile.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))
