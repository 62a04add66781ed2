"""Maintainers' API keys: made once, stored as a hash, checked in constant time."""

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from app.models import ApiKey

PREFIX = "cpk"
# The seed's writes are audited under this name (app/seeding/load.py); no key may take it.
RESERVED_NAME = "seed"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_KEY_PATTERN = re.compile(rf"^{PREFIX}_([0-9a-f]{{16}})_([A-Za-z0-9_-]{{43}})$")
# Hashed when a key id is unknown, so a miss costs as much as a wrong secret.
_DUMMY_HASH = hashlib.sha256(b"certpath").hexdigest()


class KeyProblem(Exception):
    """A key-management request that cannot be done; the message says why."""


def _hash(secret: str) -> str:
    # The secret has 256 bits of entropy, so a plain SHA-256 is enough; no stretching needed.
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(session: Session, name: str) -> str:
    """Store a new key for `name` and return it; this is the only time it is seen."""
    if not NAME_PATTERN.match(name):
        raise KeyProblem("a key name is 1-64 lowercase letters, digits, '.', '_' or '-'")
    if name == RESERVED_NAME:
        raise KeyProblem(f"'{name}' is reserved: the audit trail names the seed's writes so")
    if session.scalars(select(ApiKey).where(col(ApiKey.name) == name)).first() is not None:
        raise KeyProblem(f"a key named '{name}' exists already; names are never reused")
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    session.add(
        ApiKey(name=name, key_id=key_id, secret_hash=_hash(secret), created_at=datetime.now(UTC))
    )
    session.flush()
    return f"{PREFIX}_{key_id}_{secret}"


def revoke_key(session: Session, name: str) -> None:
    key = session.scalars(select(ApiKey).where(col(ApiKey.name) == name)).first()
    if key is None:
        raise KeyProblem(f"no key is named '{name}'")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        session.flush()


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(col(ApiKey.name))).all())


def authenticate(session: Session, presented: str) -> ApiKey | None:
    """The active key that `presented` is, or None."""
    match = _KEY_PATTERN.match(presented)
    key = None
    if match:
        key = session.scalars(select(ApiKey).where(col(ApiKey.key_id) == match[1])).first()
    expected = key.secret_hash if key is not None else _DUMMY_HASH
    given = _hash(match[2]) if match else _hash(presented)
    if not hmac.compare_digest(expected, given) or key is None or key.revoked_at is not None:
        return None
    return key
