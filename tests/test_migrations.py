"""Migrations are the only way the schema is made: they go up, down and up again on both
databases, and the models and the migrations agree (`alembic check`)."""

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect

from app.core.migrations import alembic_config, head_revision
from app.models import Base


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    model_tables = {table.name for table in Base.metadata.sorted_tables}

    command.upgrade(config, "head")
    assert model_tables <= _tables(empty_database_url)
    command.downgrade(config, "base")
    assert _tables(empty_database_url) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert model_tables <= _tables(empty_database_url)


# SQLite cannot reflect the expression index on lower(username); PostgreSQL compares it.
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_models_and_migrations_agree(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "head")
    command.check(config)  # raises when autogenerate would find anything to change


def test_there_is_one_head() -> None:
    assert head_revision() is not None
