"""Entity tags: one definition, shared by conditional reads and If-Match writes."""

import hashlib

from pydantic import BaseModel

# What etag_of makes: a quoted, truncated SHA-256 in hex.
SCHEMA = {"type": "string", "maxLength": 34, "pattern": '^"[0-9a-f]{32}"$'}


def etag_of(body: bytes) -> str:
    """A strong validator: it changes whenever the bytes of the representation do."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag(representation: BaseModel) -> str:
    return etag_of(representation.model_dump_json().encode())
