"""Engine, sessions and the declarative base.

SQLite is the embedded default, PostgreSQL the production database. On SQLite
we take over transaction control from the driver so that a request that
writes starts with `BEGIN IMMEDIATE`: writers queue on the database lock up
front instead of failing half way when two of them race.
"""

import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from anyio import to_thread
from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_from_driver(value: datetime | str) -> datetime:
    """A UTCDateTime column as the driver itself returns it (SQLite: text, without a zone)."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, not the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@dataclass(frozen=True, slots=True)
class EngineOptions:
    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout_seconds: float = 10
    connect_timeout_seconds: int = 5
    statement_timeout_ms: int = 10_000


def make_engine(url: str, options: EngineOptions = EngineOptions()) -> Engine:
    if is_sqlite(url):
        engine = create_engine(
            url, hide_parameters=True, connect_args={"check_same_thread": False, "timeout": 10}
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(
        url,
        # Errors (and so logs) never carry the values of a statement: emails, digests.
        hide_parameters=True,
        # A connection the database dropped (a restart, a failover) is replaced, not used.
        pool_pre_ping=True,
        pool_size=options.pool_size,
        max_overflow=options.max_overflow,
        pool_timeout=options.pool_timeout_seconds,
        connect_args={
            # A database that does not answer fails fast (and /readyz says so).
            "connect_timeout": options.connect_timeout_seconds,
            "options": f"-c statement_timeout={options.statement_timeout_ms}",
        },
    )


T = TypeVar("T")
Row = tuple[Any, ...]


class Statement:
    """SQL for the hottest reads, run by the driver itself: no ORM, no compilation per call,
    and the driver keeps it prepared (sqlite3's statement cache; psycopg prepares a statement
    it has run a few times on a connection). Written with `:name` parameters."""

    def __init__(self, sql: str) -> None:
        if "%" in sql:
            raise ValueError("psycopg would read % as a parameter: write no literal %")
        self._text = {
            "sqlite": sql,
            "postgresql": re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql),
        }

    def text_for(self, dialect: Dialect) -> str:
        return self._text[dialect.name]


class Rows(Protocol):
    """Runs a Statement and returns its rows: on a connection of its own or in a session."""

    def __call__(self, statement: Statement, params: Mapping[str, object]) -> list[Row]: ...


def session_rows(session: Session) -> Rows:
    """Statements inside a unit of work: its transaction, its locks."""
    connection = session.connection()

    def rows(statement: Statement, params: Mapping[str, object]) -> list[Row]:
        result = connection.exec_driver_sql(statement.text_for(connection.dialect), params)
        return [tuple(row) for row in result]

    return rows


class Database:
    """One engine and the sessions made from it: one unit of work per request."""

    def __init__(self, url: str, options: EngineOptions = EngineOptions()) -> None:
        self.url = url
        self.engine = make_engine(url, options)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(write=True), expire_on_commit=False
        )
        # SQLite: the connection `read` uses on the event loop (a lock, for an app that is
        # served from more than one thread, as tests do).
        self._loop_reader: PoolProxiedConnection | None = None
        self._loop_reader_lock = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @contextmanager
    def session(self, *, write: bool) -> Iterator[Session]:
        """Commit once when the block ends, roll back if it raises."""
        factory = self._write_sessions if write else self._read_sessions
        with factory() as session, session.begin():
            yield session

    async def read(self, work: Callable[[Rows], T]) -> T:
        """Run `work`, Statements that only read, outside any unit of work; each statement
        sees its own snapshot of the database.

        On SQLite it runs on the event loop, on a connection kept for that: a local read takes
        microseconds, less than a hop to a worker thread and back, and it never waits for the
        pool (the event loop must not block on connections that requests in worker threads
        hold). Over the network (PostgreSQL) it runs in a worker thread, on a pooled
        connection, so that a slow database never stalls the loop.
        """
        if self.is_sqlite:
            with self._loop_reader_lock:
                if self._loop_reader is None:
                    self._loop_reader = self._checkout()
                    self._loop_reader.detach()  # this object's own, for its whole life
                return self._run(self._loop_reader, work)
        return await to_thread.run_sync(self._read_pooled, work)

    def _read_pooled(self, work: Callable[[Rows], T]) -> T:
        pooled = self._checkout()  # pre-pinged by the pool
        driver = pooled.dbapi_connection
        assert driver is not None  # just checked out
        # Each statement is its own snapshot: without a transaction around them, no BEGIN and
        # no ROLLBACK, two round trips fewer (a read that must agree with itself is one
        # statement). The pool gets the connection back as it lent it.
        driver.autocommit = True
        try:
            return self._run(pooled, work)
        finally:
            if pooled.dbapi_connection is not None:  # not invalidated
                driver.autocommit = False
            pooled.close()

    def _checkout(self) -> PoolProxiedConnection:
        try:
            return self.engine.raw_connection()
        except self.engine.dialect.loaded_dbapi.Error as error:  # it cannot connect
            raise self._as_sqlalchemy_error(error, gone=True) from error

    def _run(self, pooled: PoolProxiedConnection, work: Callable[[Rows], T]) -> T:
        dialect = self.engine.dialect
        driver = pooled.dbapi_connection
        assert driver is not None  # an open connection

        def rows(statement: Statement, params: Mapping[str, object]) -> list[Row]:
            cursor = driver.cursor()
            try:
                cursor.execute(statement.text_for(dialect), params)
                return list(cursor.fetchall())
            finally:
                cursor.close()

        try:
            return work(rows)
        except dialect.loaded_dbapi.Error as error:
            gone = dialect.is_disconnect(error, driver, None)
            if gone:
                pooled.invalidate()
                if pooled is self._loop_reader:
                    self._loop_reader = None
            raise self._as_sqlalchemy_error(error, gone=gone) from error

    def _as_sqlalchemy_error(self, error: Exception, *, gone: bool) -> StatementError:
        """The driver's error as SQLAlchemy raises it (and the problem handlers know it): a
        lost database is a 503, not a 500."""
        return DBAPIError.instance(
            None,
            None,
            error,
            self.engine.dialect.loaded_dbapi.Error,
            hide_parameters=True,
            connection_invalidated=gone,
            dialect=self.engine.dialect,
        )

    def dispose(self) -> None:
        with self._loop_reader_lock:
            if self._loop_reader is not None:
                self._loop_reader.close()
                self._loop_reader = None
        self.engine.dispose()
