"""Alembic, driven from code: the only way the schema is made, in tests too."""

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class MigrationsNotFoundError(RuntimeError):
    pass


def migrations_root() -> Path:
    """The folder holding `alembic.ini` and `migrations/`.

    The source tree this package runs from (a clone, an editable install), else the working
    directory: an installed package (`pip install .`, the container image) ships no migrations,
    so it is run from a folder that has them (the image's WORKDIR).
    """
    for root in (PROJECT_ROOT, Path.cwd()):
        if (root / "alembic.ini").is_file() and (root / "migrations" / "env.py").is_file():
            return root
    raise MigrationsNotFoundError(
        "alembic.ini and migrations/ were not found next to the installed package nor in the "
        f"working directory ({Path.cwd()}): run from the project's folder"
    )


def alembic_config(database_url: str | None = None) -> Config:
    root = migrations_root()
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "migrations"))
    if database_url is not None:
        config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    return config


def upgrade(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
