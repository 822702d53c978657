"""The data layer, all of it: one `Database` per app, and two ways to use it, both async.

- **A unit of work** (`database.unit_of_work(write=...)`): an `AsyncSession`, the ORM, one
  transaction. It commits once when the block ends and rolls back if the block raises. Every
  change goes through one, with its locks; so do reads that must agree with a change.
- **A single-statement read** (`database.fetch(statement, params)`): a `Statement`, SQL written
  for a hot path (a token, eligibility, identities, the QR images, the lists agencies page
  through), run by the driver itself outside any unit of work. One statement is one snapshot of
  the database, so what it reads agrees with itself, and nothing is cached across requests. A
  unit of work runs the same statements in its own transaction with `fetch_in(session)`.

PostgreSQL (production) runs on asyncpg. A `Statement` runs on the asyncpg connection itself
(`Connection.fetch`, `$n` parameters, its own prepared-statement cache), checked out of the same
SQLAlchemy pool the sessions use: SQLAlchemy's execution layer would cost about half the
throughput of these reads. SQLite (the embedded default) runs units of work on aiosqlite and
reads with sqlite3 on the event loop, on one connection kept for that: a local read takes
microseconds, less than aiosqlite's hop to its thread and back (measured: 2.2x the
throughput), and a WAL reader never waits for a writer.

Pooled connections are not pinged before every use (a round trip per checkout, 2.6x the cost
of a short read); one that has sat idle for PING_AFTER_IDLE_SECONDS is, and a connection the
database dropped is replaced. Errors reach callers as SQLAlchemy raises them, so a lost
database is a 503 everywhere (app/core/problems.py).

Behind a transaction-mode pooler (PgBouncer; DB_TRANSACTION_POOLER=true), a server connection
is ours only for one transaction: no prepared statement may outlive one, and a session setting
sent at connect time would stay behind on a server that others use next. So the prepared
statement caches are off (statements get unique names), `statement_timeout` is set with
`SET LOCAL` in each unit of work, and single-statement reads are bounded by the driver's own
timeout, which cancels the statement on the server.

On SQLite a unit of work that writes starts with `BEGIN IMMEDIATE`: writers queue on the
database lock up front instead of failing half way when two of them race. Alembic and the
command line's tools stay synchronous (`sync_engine`).
"""

import re
import sqlite3
import threading
import time
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import (
    DateTime,
    Engine,
    MetaData,
    TextClause,
    bindparam,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import URL, Dialect, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import greenlet_spawn

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# A pooled connection idle this long is pinged before it is lent out again: long enough that a
# busy service never pings, short enough that connections left from before a database restart
# are found out before a request uses them.
PING_AFTER_IDLE_SECONDS = 1.0


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
    """A UTCDateTime column as a driver itself returns it (SQLite: text, without a zone)."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


# ---------------------------------------------------------------------------------------------
# URLs: DATABASE_URL names a database; the driver is ours to pick per use.

_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
_SYNC_DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}
# What DATABASE_URL may say: a database, with or without a driver of ours.
_URL_DRIVERS = frozenset(
    {*_ASYNC_DRIVERS, *_ASYNC_DRIVERS.values(), *_SYNC_DRIVERS.values(), "sqlite+pysqlite"}
)


def safe_url(url: str) -> str:
    """The database URL without its password, to show in messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(an unparsable URL)"


def check_database_url(url: str) -> str:
    """`url`, if it names a database the service runs on (ValueError otherwise)."""
    try:
        driver = make_url(url).drivername
    except ArgumentError:
        driver = None
    if driver not in _URL_DRIVERS:
        raise ValueError(
            f"{safe_url(url)} is not a database this service runs on: use sqlite:///PATH or "
            "postgresql://user:password@host:5432/db"
        )
    return url


def _with_driver(url: str, drivers: Mapping[str, str]) -> URL:
    parsed = make_url(url)
    return parsed.set(drivername=drivers[parsed.get_backend_name()])


def async_url(url: str) -> URL:
    """The URL the service runs on: `sqlite:///`, `postgresql+psycopg://` (as configurations
    written before asyncpg say) and `postgresql+asyncpg://` all work."""
    return _with_driver(url, _ASYNC_DRIVERS)


def sync_url(url: str) -> URL:
    """The same database for Alembic and the command line's tools, which stay synchronous."""
    return _with_driver(url, _SYNC_DRIVERS)


@dataclass(frozen=True, slots=True)
class EngineOptions:
    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout_seconds: float = 10
    connect_timeout_seconds: int = 5
    statement_timeout_ms: int = 10_000  # 0: no limit
    transaction_pooler: bool = False  # PgBouncer (or another pooler) in transaction mode


def _sqlite_pragmas(dbapi_connection: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, not the driver.
        dbapi_connection.isolation_level = None
        _sqlite_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def sync_engine(url: str) -> Engine:
    """A synchronous engine, for Alembic and the command line's tools; never on a request."""
    if is_sqlite(url):
        engine = create_engine(sync_url(url), hide_parameters=True)
        _configure_sqlite(engine)
        return engine
    return create_engine(sync_url(url), hide_parameters=True, pool_pre_ping=True)


def _ping_idle_connections(engine: Engine) -> None:
    """Check a connection before lending it out only when it has sat idle a while: a busy
    service skips the round trip, and one the database dropped meanwhile is replaced."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        # Raising DisconnectionError makes the pool throw this connection away and lend a
        # fresh one (SQLAlchemy's "pessimistic disconnect handling" through events).
        if record.driver_connection is not None and record.driver_connection.is_closed():
            # asyncpg already saw the server go (a restart, a network cut): no round trip.
            raise DisconnectionError()
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            dbapi_connection.ping()
        except Exception as error:
            raise DisconnectionError() from error


def _make_async_engine(url: str, options: EngineOptions) -> AsyncEngine:
    if is_sqlite(url):
        engine = create_async_engine(async_url(url), hide_parameters=True)
        _configure_sqlite(engine.sync_engine)
        return engine
    connect_args: dict[str, Any] = {"timeout": options.connect_timeout_seconds}
    if options.transaction_pooler:
        # No prepared statement outlives its transaction: SQLAlchemy's cache and asyncpg's own
        # are off, and each statement gets a name nobody else uses (SQLAlchemy's asyncpg docs,
        # "Prepared Statement Name with PGBouncer").
        connect_args |= {
            "prepared_statement_cache_size": 0,
            "statement_cache_size": 0,
            "prepared_statement_name_func": lambda: f"__asyncpg_{uuid.uuid4().hex}__",
        }
    elif options.statement_timeout_ms:
        connect_args["server_settings"] = {"statement_timeout": str(options.statement_timeout_ms)}
    engine = create_async_engine(
        async_url(url),
        # Errors (and so logs) never carry the values of a statement: emails, digests.
        hide_parameters=True,
        pool_size=options.pool_size,
        max_overflow=options.max_overflow,
        pool_timeout=options.pool_timeout_seconds,
        connect_args=connect_args,
    )
    _raise_connect_failures_as_dbapi_errors(engine.sync_engine)
    _ping_idle_connections(engine.sync_engine)
    if options.transaction_pooler and options.statement_timeout_ms:

        @event.listens_for(engine.sync_engine, "begin")
        def _statement_timeout(connection: Any) -> None:
            # Kept by the server for this transaction only, whichever one the pooler picks.
            connection.exec_driver_sql(
                f"SET LOCAL statement_timeout = {int(options.statement_timeout_ms)}"
            )

    return engine


def _raise_connect_failures_as_dbapi_errors(engine: Engine) -> None:
    """A failure to connect raised as a DB-API OperationalError, as psycopg raises it: asyncpg
    raises OSError (refused, unreachable, timed out), which SQLAlchemy passes on untranslated,
    and a database that does not answer must be a 503, not a 500."""

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Dialect, _record: Any, cargs: Any, cparams: Any) -> Any:
        try:
            return dialect.loaded_dbapi.connect(*cargs, **cparams)
        except OSError as error:
            raise dialect.loaded_dbapi.OperationalError(
                f"could not connect: {type(error).__name__}", error
            ) from error


# ---------------------------------------------------------------------------------------------
# Statements

Row = Sequence[Any]
_PARAMETER = re.compile(r"(?<![:\w]):(\w+)")


class Statement:
    """SQL for a hot read, written once with `:name` parameters and run by the driver itself:
    no ORM, no compilation per call, and the driver keeps it prepared. Parameters named in
    `timestamps` are compared with UTCDateTime columns: given as aware datetimes, they are
    bound as each database stores those columns."""

    def __init__(self, sql: str, *, timestamps: Sequence[str] = ()) -> None:
        self.sql = sql
        self.names: list[str] = []
        for name in _PARAMETER.findall(sql):
            if name not in self.names:
                self.names.append(name)
        self.timestamps = frozenset(timestamps) & set(self.names)
        # asyncpg numbers its parameters: $1 is the first name, wherever it appears again.
        self.postgresql = _PARAMETER.sub(lambda m: f"${self.names.index(m[1]) + 1}", sql)
        # In a unit of work, through SQLAlchemy.
        self.clause: TextClause = text(sql).bindparams(
            *(bindparam(name, type_=UTCDateTime()) for name in self.timestamps)
        )

    def positional(self, params: Mapping[str, object]) -> list[object]:
        return [params[name] for name in self.names]

    def for_sqlite(self, params: Mapping[str, object]) -> Mapping[str, object]:
        """sqlite3's parameters: timestamps as SQLAlchemy stores them there (UTC, no zone)."""
        if not self.timestamps:
            return params
        return {
            name: _sqlite_timestamp(value) if name in self.timestamps else value
            for name, value in params.items()
        }


def _sqlite_timestamp(value: object) -> object:
    if not isinstance(value, datetime):
        return value
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


class Fetch(Protocol):
    """Runs a Statement and returns its rows: on a connection of its own (`Database.fetch`) or
    in a unit of work's transaction (`fetch_in`)."""

    async def __call__(self, statement: Statement, params: Mapping[str, object]) -> list[Row]: ...


def fetch_in(session: AsyncSession) -> Fetch:
    """Statements inside a unit of work: its transaction, its snapshot, its locks."""

    async def fetch(statement: Statement, params: Mapping[str, object]) -> list[Row]:
        result = await session.execute(statement.clause, dict(params))
        return list(result.all())

    return fetch


# ---------------------------------------------------------------------------------------------
# The database


class Database:
    """One engine per app, and the two ways to use it (see the module's docstring)."""

    def __init__(self, url: str, options: EngineOptions = EngineOptions()) -> None:
        self.url = url
        self.options = options
        self.engine = _make_async_engine(url, options)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = async_sessionmaker(
            self.engine.execution_options(write=True), expire_on_commit=False
        )
        # SQLite: the connection `fetch` reads with on the event loop (a lock, for an app that
        # is served from more than one thread, as tests do).
        self._sqlite_reader: sqlite3.Connection | None = None
        self._sqlite_reader_lock = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @asynccontextmanager
    async def unit_of_work(self, *, write: bool) -> AsyncIterator[AsyncSession]:
        """One transaction: committed once when the block ends, rolled back if it raises."""
        factory = self._write_sessions if write else self._sessions
        async with factory() as session, session.begin():
            yield session

    async def fetch(self, statement: Statement, params: Mapping[str, object]) -> list[Row]:
        """Run one Statement outside any unit of work: its own snapshot of the database."""
        if self.is_sqlite:
            return self._fetch_sqlite(statement, params)
        return await self._fetch_postgresql(statement, params)

    def _fetch_sqlite(self, statement: Statement, params: Mapping[str, object]) -> list[Row]:
        with self._sqlite_reader_lock:
            try:
                if self._sqlite_reader is None:
                    self._sqlite_reader = self._open_sqlite_reader()
                cursor = self._sqlite_reader.execute(statement.sql, statement.for_sqlite(params))
                try:
                    return cursor.fetchall()
                finally:
                    cursor.close()
            except sqlite3.Error as error:
                raise self._as_sqlalchemy_error(error, sqlite3.Error) from error

    def _open_sqlite_reader(self) -> sqlite3.Connection:
        path = sync_url(self.url).database or ":memory:"
        # Autocommit (no transaction around a read), usable from the threads tests serve from.
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        _sqlite_pragmas(connection)
        return connection

    async def _fetch_postgresql(
        self, statement: Statement, params: Mapping[str, object]
    ) -> list[Row]:
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        try:
            pooled = await self.engine.raw_connection()
        except dbapi_error as error:  # it cannot connect
            raise self._as_sqlalchemy_error(error, dbapi_error, gone=True) from error
        try:
            return await self._run_postgresql(pooled, statement, params)
        finally:
            await greenlet_spawn(pooled.close)

    async def _run_postgresql(
        self, pooled: PoolProxiedConnection, statement: Statement, params: Mapping[str, object]
    ) -> list[Row]:
        adapted, driver = pooled.dbapi_connection, pooled.driver_connection
        assert adapted is not None  # just checked out
        assert driver is not None
        # Behind a pooler no session setting holds: bound the statement from here (asyncpg
        # cancels it on the server when the time is up).
        timeout = (
            self.options.statement_timeout_ms / 1000 if self.options.transaction_pooler else None
        )
        try:
            rows: list[Row] = await driver.fetch(
                statement.postgresql, *statement.positional(params), timeout=timeout or None
            )
            return rows
        except TimeoutError as error:  # asyncpg cancelled it on the server: a 503, like a
            raise OperationalError(None, None, error, hide_parameters=True) from error  # timeout
        except Exception as error:
            try:
                adapted._handle_exception(error)  # asyncpg's error as the DB-API's
            except self.engine.dialect.loaded_dbapi.Error as translated:
                gone = self.engine.dialect.is_disconnect(translated, adapted, None)
                if gone:
                    pooled.invalidate(translated)
                raise self._as_sqlalchemy_error(
                    translated, self.engine.dialect.loaded_dbapi.Error, gone=gone
                ) from error
            raise

    def _as_sqlalchemy_error(
        self, error: Exception, dbapi_error: type[Exception], *, gone: bool = False
    ) -> DBAPIError:
        """The driver's error as SQLAlchemy raises it (and the problem handlers know it): a lost
        database is a 503, not a 500."""
        wrapped = DBAPIError.instance(
            None,
            None,
            error,
            dbapi_error,
            hide_parameters=True,
            connection_invalidated=gone,
            dialect=self.engine.dialect,
        )
        assert isinstance(wrapped, DBAPIError)
        return wrapped

    async def dispose(self) -> None:
        with self._sqlite_reader_lock:
            if self._sqlite_reader is not None:
                self._sqlite_reader.close()
                self._sqlite_reader = None
        await self.engine.dispose()
