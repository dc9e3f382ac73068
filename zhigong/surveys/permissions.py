"""Who may do what to a survey: staff whose ``survey.view`` covers the survey's union see it
and its results; ``survey.manage`` there edits, opens and closes it, prints one-time codes
and enters answers read by card at the desk. Whoever may not see it gets a 404."""

from __future__ import annotations

from typing import Any

from zhigong.core.errors import NotFound, PermissionDenied
from zhigong.surveys.models import Survey
from zhigong.unions import policy
from zhigong.unions.roles import Perm


def can_view(user: Any, survey: Survey) -> bool:
    return policy.has_perm(user, Perm.SURVEY_VIEW, survey.union)


def can_manage(user: Any, survey: Survey) -> bool:
    return policy.has_perm(user, Perm.SURVEY_MANAGE, survey.union)


def require(allowed: bool, *, user: Any, survey: Survey) -> None:
    """Refuse: unknown (404) to whoever may not see the survey, forbidden to whoever may."""
    if allowed:
        return
    if not (can_view(user, survey) or can_manage(user, survey)):
        raise NotFound()
    raise PermissionDenied()
