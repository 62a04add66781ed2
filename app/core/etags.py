"""Entity tags: one definition, shared by conditional reads and If-Match writes."""

import hashlib

from pydantic import BaseModel


def etag_of(body: bytes) -> str:
    """A strong validator: it changes whenever the bytes of the representation do."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag(representation: BaseModel) -> str:
    return etag_of(representation.model_dump_json().encode())
