"""Readiness: the database answers and its schema is at the latest migration."""

from functools import lru_cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core.db import Database

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


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
