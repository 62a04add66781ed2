"""The whole catalog in one answer, as NDJSON: one line per provider, certification and course.

Microsoft Learn's catalog API answers everything in one GET; a career site loads it once and
then follows `updated_since` on the lists. Each line is the item's JSON exactly as the read
API gives it (app/catalog/list_indexes.py renders it once per catalog version), with a `type`
first: `provider`, `certification` or `course`. Providers come first, then certifications,
then courses, each in slug order, so that whatever a line refers to has come before it, except
a certification's successor.

The lines are not joined into one body: the catalog's JSON is already in memory once, and the
export is streamed from it in chunks. Its ETag is a hash of every line, made once per version.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

NDJSON_MEDIA_TYPE = "application/x-ndjson"
# Lines are sent in chunks of about this many bytes.
CHUNK_BYTES = 64 * 1024


def _typed(kind: bytes, item: bytes) -> bytes:
    # `{"slug":...}` becomes `{"type":"course","slug":...}`: every item's JSON is an object.
    return b'{"type":"' + kind + b'",' + item[1:] + b"\n"


@dataclass(frozen=True)
class CatalogExport:
    providers: list[bytes]
    certifications: list[bytes]
    courses: list[bytes]
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256()
        for line in self.lines():
            digest.update(line)
        # The form app/core/etags.py gives every other representation.
        object.__setattr__(self, "etag", f'"{digest.hexdigest()[:32]}"')

    @property
    def count(self) -> int:
        return len(self.providers) + len(self.certifications) + len(self.courses)

    def lines(self) -> Iterator[bytes]:
        for kind, items in (
            (b"provider", self.providers),
            (b"certification", self.certifications),
            (b"course", self.courses),
        ):
            for item in items:
                yield _typed(kind, item)

    def chunks(self) -> Iterator[bytes]:
        pending: list[bytes] = []
        size = 0
        for line in self.lines():
            pending.append(line)
            size += len(line)
            if size >= CHUNK_BYTES:
                yield b"".join(pending)
                pending, size = [], 0
        if pending:
            yield b"".join(pending)
