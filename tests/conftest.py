"""Test fixtures: a real database built by the real migrations, HTTP through the real app.

The suite runs on SQLite by default, and on PostgreSQL when TEST_DATABASE_URL
points at one (`.ci/run` does both). The schema is migrated once per run; each
test then starts from empty tables.
"""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.core.config import Settings
from app.core.context import Context, Runtime
from app.core.db import Database, sync_engine
from app.core.migrations import upgrade
from app.main import create_app
from app.models import Base
from tests.factories import Api, Content
from tests.live_server import through_the_pooler

TEST_SECRET_KEY = "test-secret-key-0123456789abcdef"


@pytest.fixture
def anyio_backend() -> str:
    """`async def` tests (service level) run on asyncio, as the service does (anyio_mode)."""
    return "asyncio"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The suite's database, migrated. Under pytest-xdist each worker gets its own: a SQLite
    file in its own temporary folder, or a PostgreSQL database named after the worker."""
    url = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    )
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and url.startswith("postgresql"):
        url = _fresh_postgresql_database(url, f"{make_url(url).database}_{worker}")
    upgrade(url)
    return url


def _fresh_postgresql_database(url: str, name: str) -> str:
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def is_postgresql(database_url: str) -> bool:
    return database_url.startswith("postgresql")


class Clock:
    """A clock the tests move by hand, so expiry needs no sleeping."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def empty_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A database of the suite's kind with nothing in it, dropped afterwards."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"empty_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Override fields per test with `settings.model_copy(update=...)` via `make_app`."""
    service_url, pooled = through_the_pooler(database_url)
    return Settings(
        database_url=service_url,
        db_transaction_pooler=pooled,
        secret_key=SecretStr(TEST_SECRET_KEY),
        public_base_url="http://testserver",
    )


class SyncDatabase:
    """The suite's database reached synchronously (psycopg, sqlite3), outside any app: for
    arranging rows and asserting on them. What the service itself does goes through the app."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = sync_engine(url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def session(self, *, write: bool) -> Iterator[Session]:
        """Committed when the block ends; a write starts with BEGIN IMMEDIATE on SQLite."""
        bind = self.engine.execution_options(write=True) if write else self.engine
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    def truncate_all(self) -> None:
        tables = list(reversed(Base.metadata.sorted_tables))
        with self.engine.begin() as connection:
            if self.is_sqlite:
                for table in tables:
                    connection.execute(table.delete())
            else:
                names = ", ".join(table.name for table in tables)  # from our own metadata
                connection.execute(text(f"TRUNCATE {names} CASCADE"))


@pytest.fixture
def database(database_url: str) -> Iterator[SyncDatabase]:
    """The suite's database, emptied after the test."""
    database = SyncDatabase(database_url)
    yield database
    database.truncate_all()
    database.engine.dispose()


class MakeApp(Protocol):
    def __call__(self, **overrides: object) -> FastAPI: ...


@pytest.fixture
def make_app(settings: Settings, clock: Clock, database: SyncDatabase) -> MakeApp:
    """Build an app on the test database, with settings changed as a test needs. Its pool is
    emptied when its TestClient's lifespan ends (the connections belong to that event loop)."""

    def make(**overrides: object) -> FastAPI:
        return create_app(settings.model_copy(update=overrides), clock=clock)

    return make


@pytest.fixture
def app(make_app: MakeApp) -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


@pytest.fixture
def content(api: Api) -> Content:
    return Content(api)


@pytest.fixture
def runtime(app: FastAPI) -> Runtime:
    runtime: Runtime = app.state.runtime
    return runtime


@pytest.fixture
async def ctx(runtime: Runtime) -> AsyncIterator[Context]:
    """A service-level unit of work on the app's database, committed at the end. It has a pool
    of its own: the app's belongs to its TestClient's event loop, this one to the test's."""
    database = Database(runtime.settings.database_url, runtime.settings.engine_options)
    try:
        async with database.unit_of_work(write=True) as session:
            yield Context(session=session, runtime=replace(runtime, database=database))
    finally:
        await database.dispose()
