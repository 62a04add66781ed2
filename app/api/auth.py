"""Who may write: a maintainer's key in `Authorization: Bearer`, never in the URL."""

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from app.api.deps import SessionDep, WriteSessionDep
from app.core.problems import ProblemError
from app.models import ApiKey
from app.security.keys import authenticate

bearer = HTTPBearer(
    scheme_name="maintainerKey",
    bearerFormat="cpk_<id>_<secret>",
    description="A maintainer's key, made with `make admin-key name=NAME`.",
    auto_error=False,
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _maintainer(session: Session, credentials: HTTPAuthorizationCredentials | None) -> ApiKey:
    if credentials is None:
        raise ProblemError(
            401,
            "This operation needs a maintainer's key: send 'Authorization: Bearer <key>'.",
            headers={"WWW-Authenticate": 'Bearer realm="certpath"'},
        )
    key = authenticate(session, credentials.credentials)
    if key is None:
        raise ProblemError(
            401,
            "The key is not valid or has been revoked.",
            headers={"WWW-Authenticate": 'Bearer realm="certpath", error="invalid_token"'},
        )
    return key


def writer_key(session: WriteSessionDep, credentials: Credentials) -> ApiKey:
    """The key behind a write, checked inside the write's own transaction."""
    return _maintainer(session, credentials)


def reader_key(session: SessionDep, credentials: Credentials) -> ApiKey:
    """The key behind an admin-only read."""
    return _maintainer(session, credentials)


Writer = Annotated[ApiKey, Depends(writer_key)]
AdminReader = Annotated[ApiKey, Depends(reader_key)]
