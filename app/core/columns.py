"""Column helpers shared by the models."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime
from app.core.ids import new_id

ID_LENGTH = 36


def id_column() -> Mapped[str]:
    return mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)


def enum_type(enum_class: type[StrEnum], name: str) -> Enum:
    """A VARCHAR with a CHECK constraint: portable, and no ALTER TYPE to add a value."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def timestamp(**kwargs: Any) -> Mapped[datetime]:
    return mapped_column(UTCDateTime, **kwargs)
