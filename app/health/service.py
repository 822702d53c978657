"""Readiness: the database answers and its schema is at the latest migration."""

from sqlalchemy.exc import SQLAlchemyError

from app.core.db import Database, Statement
from app.core.migrations import head_revision

_SCHEMA_VERSION = Statement("SELECT version_num FROM alembic_version")


async def readiness_problem(database: Database) -> str | None:
    """None when ready, else what is wrong (without leaking connection details)."""
    try:
        rows = await database.fetch(_SCHEMA_VERSION, {})
    except SQLAlchemyError:
        return "The database does not answer, or has no schema yet."
    if not rows or rows[0][0] != head_revision():
        return "The database schema is not at the latest migration; run `alembic upgrade head`."
    return None
