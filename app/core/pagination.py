"""Keyset pagination (SPEC section 2): newest first, by time-ordered id."""

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar, TypeVarTuple

from fastapi import Depends, Query
from pydantic import AfterValidator, BaseModel, ConfigDict
from sqlalchemy import Select
from sqlalchemy.orm import QueryableAttribute

from app.core.db import Statement
from app.core.ids import is_valid_id

T = TypeVar("T")
R = TypeVar("R")
Ts = TypeVarTuple("Ts")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).rstrip(b"=").decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        last_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        last_id = ""
    if not is_valid_id(last_id):
        raise ValueError("cursor is not one this service issued")
    return last_id


class Page(BaseModel, Generic[T]):
    """Every response that returns several objects has this body."""

    model_config = ConfigDict(frozen=True)

    items: list[T]
    next_cursor: str | None = None


class PageStatement:
    """A list's page as one Statement (app/core/db.py), in two forms: the first page, and a
    page after a cursor. `sql` marks with `{after}` where the cursor's condition goes, and
    orders by `id_column` newest first with `LIMIT :limit`: written out, not `id < :after_id
    OR :after_id IS NULL`, so that the database walks its index from the cursor on."""

    def __init__(self, sql: str, id_column: str, *, timestamps: Sequence[str] = ()) -> None:
        self.first = Statement(sql.format(after=""), timestamps=timestamps)
        self.after = Statement(
            sql.format(after=f"AND {id_column} < :after_id"), timestamps=timestamps
        )


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    after_id: str | None = None

    def apply(self, stmt: Select[*Ts], id_column: QueryableAttribute[str]) -> Select[*Ts]:
        """Newest first; fetch one extra row to know whether a next page exists."""
        if self.after_id is not None:
            stmt = stmt.where(id_column < self.after_id)
        return stmt.order_by(id_column.desc()).limit(self.limit + 1)

    def bind(
        self, statement: PageStatement, params: Mapping[str, object]
    ) -> tuple[Statement, dict[str, object]]:
        """The same page as a Statement and its parameters (one extra row, as `apply`)."""
        bound = {**params, "limit": self.limit + 1}
        if self.after_id is None:
            return statement.first, bound
        return statement.after, {**bound, "after_id": self.after_id}

    def page(
        self, rows: Sequence[R], convert: Callable[[R], T], key: Callable[[R], str]
    ) -> Page[T]:
        has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        next_cursor = encode_cursor(key(rows[-1])) if has_more and rows else None
        return Page[T](items=[convert(row) for row in rows], next_cursor=next_cursor)


async def _page_request(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1 to 100.")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(
            max_length=200,
            description="`next_cursor` of the previous page; omit for the first page.",
        ),
        AfterValidator(decode_cursor),
    ] = None,
) -> PageRequest:
    return PageRequest(limit=limit, after_id=cursor)


Pagination = Annotated[PageRequest, Depends(_page_request)]
