from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

WRITE_OPTION = "certpath_writer"
CONNECT_TIMEOUT_S = 5


def writer(engine: Engine) -> Engine:
    """The same engine, for transactions that will write (see `make_engine`)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def reader(engine: Engine) -> Engine:
    """The same engine, for transactions that only read. On PostgreSQL each one sees a single
    snapshot of the database (REPEATABLE READ), so that what is built from several queries (the
    list indexes, the recommender's snapshot) is consistent beside a writer: under READ
    COMMITTED a course committed between two of them was in its skills but not in the courses,
    and the build failed. A transaction that only reads never fails to serialize. SQLite's
    transactions see one snapshot already."""
    if engine.dialect.name == "sqlite":
        return engine
    return engine.execution_options(isolation_level="REPEATABLE READ")


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """Create an engine that behaves the same on SQLite and PostgreSQL."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        # A database host that does not answer fails a connection within seconds, not after
        # the system's TCP timeout (minutes): the request gets its 503 (app/core/outage.py).
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, **kwargs.pop("connect_args", {})}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)

    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    # Routes are sync and run in the thread pool, so a connection may change threads.
    engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Without this SQLite accepts dangling references and skips cascades silently.
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        # Let SQLAlchemy, not pysqlite, decide where transactions begin, so that
        # savepoints and rollbacks behave as they do on PostgreSQL.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the write lock before its first read, so two writers queue up
        # instead of both reading a version and one failing to upgrade its lock.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One transaction per unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
