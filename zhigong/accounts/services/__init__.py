"""Writes for accounts, each one authorising and auditing (``@service``):

- ``users``: create an account, change one's password, deactivate and reactivate (operators),
  lift a lock-out (operators);
- ``grants``: grant and revoke roles;
- ``tokens``: API bearer tokens, their issue, revocation, and the bearer resolver;
- ``second_factor``: the authenticator app and its recovery codes;
- ``signup``: codes sent by SMS, self-registration and the forgotten password.
"""

from zhigong.accounts.services.grants import role_grant, role_revoke
from zhigong.accounts.services.second_factor import (
    recovery_codes_regenerate,
    second_factor_begin,
    second_factor_confirm,
    second_factor_reset,
)
from zhigong.accounts.services.signup import (
    account_register,
    password_reset,
    phone_code_request,
)
from zhigong.accounts.services.tokens import (
    api_token_create,
    api_token_revoke,
    api_token_user,
    api_tokens_revoke_all,
)
from zhigong.accounts.services.users import (
    login_unlock,
    password_change,
    user_activate,
    user_create,
    user_deactivate,
)

__all__ = [
    "account_register",
    "api_token_create",
    "api_token_revoke",
    "api_token_user",
    "api_tokens_revoke_all",
    "login_unlock",
    "password_change",
    "password_reset",
    "phone_code_request",
    "recovery_codes_regenerate",
    "role_grant",
    "role_revoke",
    "second_factor_begin",
    "second_factor_confirm",
    "second_factor_reset",
    "user_activate",
    "user_create",
    "user_deactivate",
]
