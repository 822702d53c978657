"""Test fixtures: a real database built by the real migrations, HTTP through the real app.

The suite runs on SQLite by default, and on PostgreSQL when TEST_DATABASE_URL
points at one (`.ci/run` does both). The schema is migrated once per run; each
test then starts from empty tables.
"""

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.core.config import Settings
from app.core.context import Context, Runtime
from app.core.db import Database
from app.core.migrations import upgrade
from app.main import create_app
from app.models import Base
from tests.factories import Api, Content

TEST_SECRET_KEY = "test-secret-key-0123456789abcdef"


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
    return Settings(
        database_url=database_url,
        secret_key=SecretStr(TEST_SECRET_KEY),
        public_base_url="http://testserver",
    )


def _truncate_all(database: Database) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with database.engine.begin() as connection:
        if database.is_sqlite:
            for table in tables:
                connection.execute(table.delete())
        else:
            names = ", ".join(table.name for table in tables)  # from our own metadata
            connection.execute(text(f"TRUNCATE {names} CASCADE"))


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    database = Database(settings.database_url)
    yield database
    _truncate_all(database)
    database.dispose()


class MakeApp(Protocol):
    def __call__(self, **overrides: object) -> FastAPI: ...


@pytest.fixture
def make_app(settings: Settings, clock: Clock, database: Database) -> Iterator[MakeApp]:
    """Build an app on the test database, with settings changed as a test needs."""
    apps: list[FastAPI] = []

    def make(**overrides: object) -> FastAPI:
        app = create_app(settings.model_copy(update=overrides), clock=clock)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.state.runtime.database.dispose()


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
def ctx(runtime: Runtime) -> Iterator[Context]:
    """A service-level unit of work on the app's own database, committed at the end."""
    with runtime.database.session(write=True) as session:
        yield Context(session=session, runtime=runtime)
