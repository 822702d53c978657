"""Readiness: the database answers and its schema is at the latest migration."""

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core.db import Database
from app.core.migrations import head_revision


def readiness_problem(database: Database) -> str | None:
    """None when ready, else what is wrong (without leaking connection details)."""
    try:
        with database.engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return "The database does not answer, or has no schema yet."
    if current != head_revision():
        return "The database schema is not at the latest migration; run `alembic upgrade head`."
    return None
