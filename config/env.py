"""Every read of the environment happens here, so settings stay declarative.

Secrets come only from the environment. For the embedded default (a developer's laptop,
`make run`) a random secret is generated once and kept under ``var/`` so sessions and
encrypted data survive restarts; production settings refuse to start without real ones.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ZHIGONG_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def local_secret(name: str, *, nbytes: int = 32) -> str:
    """A secret from the environment, or one generated once into ``var/`` (embedded default)."""
    value = os.environ.get(name)
    if value:
        return value
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / f".{name.lower()}"
    if not path.exists():
        path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(nbytes)).decode())
        path.chmod(0o600)
    return path.read_text().strip()
