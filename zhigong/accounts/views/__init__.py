"""The accounts app's pages: ``login`` (login, landing, second factor, password), ``signup``
(registering with a mobile number, a forgotten password), ``tokens``
(the user's own API tokens) and ``staff`` (the workbench home, role pages, a user's tokens
for their administrators)."""

from zhigong.accounts.views.login import (
    LoginView,
    landing,
    mfa,
    password_change_page,
    recovery_codes_page,
)
from zhigong.accounts.views.signup import password_reset_page, register_page
from zhigong.accounts.views.staff import (
    role_revoke_page,
    staff_home,
    union_roles_page,
    user_tokens_page,
)
from zhigong.accounts.views.tokens import token_revoke_page, tokens_page

__all__ = [
    "LoginView",
    "landing",
    "mfa",
    "password_change_page",
    "password_reset_page",
    "recovery_codes_page",
    "register_page",
    "role_revoke_page",
    "staff_home",
    "token_revoke_page",
    "tokens_page",
    "union_roles_page",
    "user_tokens_page",
]
