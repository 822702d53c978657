"""Statements run by the driver itself (app/core/db.py): the hot read paths.

Each test makes its own `Database` on the suite's database and disposes of it before it ends:
its connections (asyncpg, aiosqlite) belong to the test's event loop.
"""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.exc import DBAPIError

from app.core.db import Database, Row, Statement, fetch_in

ADD = Statement("SELECT CAST(:a AS INTEGER) + CAST(:b AS INTEGER)")


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    try:
        yield database
    finally:
        await database.dispose()


def as_tuples(rows: list[Row]) -> list[tuple[object, ...]]:
    """Rows as plain tuples, whichever driver returned them (asyncpg Records, SQLAlchemy Rows,
    sqlite3 tuples)."""
    return [tuple(row) for row in rows]


async def test_a_statement_runs_on_a_connection_of_its_own_and_in_a_unit_of_work(
    db: Database,
) -> None:
    assert as_tuples(await db.fetch(ADD, {"a": 2, "b": 3})) == [(5,)]
    async with db.unit_of_work(write=False) as session:
        fetch = fetch_in(session)
        assert as_tuples(await fetch(ADD, {"a": 2, "b": 3})) == [(5,)]


async def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(db: Database) -> None:
    """So the problem handlers treat it as they treat the ORM's (a lost database is a 503)."""
    missing = Statement("SELECT * FROM no_such_table")

    with pytest.raises(DBAPIError):
        await db.fetch(missing, {})
    # The connection is still good for the next read.
    assert as_tuples(await db.fetch(ADD, {"a": 1, "b": 1})) == [(2,)]


async def test_a_parameter_used_twice_is_bound_each_time(db: Database) -> None:
    """asyncpg numbers parameters ($1 wherever `:a` appears again); sqlite3 and SQLAlchemy
    bind them by name."""
    twice = Statement(
        "SELECT CAST(:a AS INTEGER) * 100 + CAST(:b AS INTEGER) * 10 + CAST(:a AS INTEGER)"
    )
    params = {"a": 3, "b": 7}

    assert as_tuples(await db.fetch(twice, params)) == [(373,)]
    async with db.unit_of_work(write=False) as session:
        fetch = fetch_in(session)
        assert as_tuples(await fetch(twice, params)) == [(373,)]


async def test_a_literal_percent_sign_is_kept(db: Database) -> None:
    """No driver here formats with `%` (asyncpg takes $n, sqlite3 and aiosqlite `?`/`:name`),
    so a `%` in the SQL is plain text: in a LIKE pattern or a string literal."""
    percent = Statement(
        "SELECT '100%' || CAST(:suffix AS TEXT), CAST(:word AS TEXT) LIKE 'ab%', "
        "CAST(:word AS TEXT) LIKE 'x%'"
    )
    assert "'100%'" in percent.sql
    assert "'100%'" in percent.postgresql
    params = {"suffix": "!", "word": "abc"}

    expected = [("100%!", True, False)]
    assert [_normalized(row) for row in await db.fetch(percent, params)] == expected
    async with db.unit_of_work(write=False) as session:
        fetch = fetch_in(session)
        assert [_normalized(row) for row in await fetch(percent, params)] == expected


def _normalized(row: Row) -> tuple[object, ...]:
    """SQLite answers a comparison with 0 or 1, PostgreSQL with a boolean."""
    text, *matches = row
    return (text, *(bool(match) for match in matches))
