"""Statements run by the driver itself (app/core/db.py): the hot read paths."""

import anyio
import pytest
from sqlalchemy.exc import DBAPIError

from app.core.db import Database, Rows, Statement, session_rows

ADD = Statement("SELECT CAST(:a AS INTEGER) + CAST(:b AS INTEGER)")


def test_a_statement_runs_on_a_connection_of_its_own_and_in_a_session(database: Database) -> None:
    def add(rows: Rows) -> int:
        [(total,)] = rows(ADD, {"a": 2, "b": 3})
        return int(total)

    assert anyio.run(database.read, add) == 5
    with database.session(write=False) as session:
        assert add(session_rows(session)) == 5


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(database: Database) -> None:
    """So the problem handlers treat it as they treat the ORM's (a lost database is a 503)."""
    missing = Statement("SELECT * FROM no_such_table")

    with pytest.raises(DBAPIError):
        anyio.run(database.read, lambda rows: rows(missing, {}))
    # The connection is still good for the next read.
    assert anyio.run(database.read, lambda rows: rows(ADD, {"a": 1, "b": 1})) == [(2,)]


def test_a_literal_percent_sign_is_refused() -> None:
    """psycopg would take it for the start of a parameter."""
    with pytest.raises(ValueError, match="%"):
        Statement("SELECT 'a%b'")
