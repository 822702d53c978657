"""Keyset pagination (SPEC section 2): newest first, by time-ordered id."""

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Generic, TypeVar, TypeVarTuple

from fastapi import Depends
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import Select
from sqlalchemy.orm import QueryableAttribute

from app.core.db import Fetch, Row, Statement
from app.core.ids import is_valid_id
from app.core.query import QueryModel

T = TypeVar("T")
R = TypeVar("R")
Ts = TypeVarTuple("Ts")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).rstrip(b"=").decode()


def decode_cursor(cursor: str | None) -> str | None:
    """The id a cursor of `encode_cursor` holds (ValueError for any other string)."""
    if cursor is None:
        return None
    try:
        last_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        last_id = ""
    if not is_valid_id(last_id):
        raise ValueError("cursor is not one this service issued")
    return last_id


def check_cursor(cursor: str | None) -> str | None:
    decode_cursor(cursor)
    return cursor


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


class PageRequest(BaseModel):
    """The page a client asks for: `limit` and the previous page's `next_cursor`, if any."""

    model_config = ConfigDict(frozen=True)

    limit: int = Field(
        default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size, 1 to 100."
    )
    cursor: Annotated[str | None, AfterValidator(check_cursor)] = Field(
        default=None,
        max_length=200,
        description="`next_cursor` of the previous page; omit for the first page.",
    )

    @property
    def after_id(self) -> str | None:
        """The id the page starts after."""
        return decode_cursor(self.cursor)

    def apply(self, stmt: Select[*Ts], id_column: QueryableAttribute[str]) -> Select[*Ts]:
        """Newest first; fetch one extra row to know whether a next page exists."""
        if (after_id := self.after_id) is not None:
            stmt = stmt.where(id_column < after_id)
        return stmt.order_by(id_column.desc()).limit(self.limit + 1)

    def bind(
        self, statement: PageStatement, params: Mapping[str, object]
    ) -> tuple[Statement, dict[str, object]]:
        """The same page as a Statement and its parameters (one extra row, as `apply`)."""
        bound = {**params, "limit": self.limit + 1}
        if (after_id := self.after_id) is None:
            return statement.first, bound
        return statement.after, {**bound, "after_id": after_id}

    def page(
        self, rows: Sequence[R], convert: Callable[[R], T], key: Callable[[R], str]
    ) -> Page[T]:
        has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        next_cursor = encode_cursor(key(rows[-1])) if has_more and rows else None
        return Page[T](items=[convert(row) for row in rows], next_cursor=next_cursor)


Pagination = Annotated[PageRequest, Depends(QueryModel(PageRequest))]


async def fetch_guarded_page(
    fetch: Fetch,
    statement: PageStatement,
    page: PageRequest,
    params: Mapping[str, object],
    *,
    guard: int = 1,
) -> tuple[Row, list[Row]] | None:
    """A page read together with the caller's right to it, in one statement: each row's first
    `guard` columns are about the caller (its role; the same on every row), the others one
    item, all NULL when the page is empty (the items are LEFT JOINed to the caller's row).
    Those first columns, and the items; None when there is no row at all: the caller has no
    right to the list (not a member of the BC, no such ad account)."""
    rows = await fetch(*page.bind(statement, params))
    if not rows:
        return None
    return rows[0][:guard], [row[guard:] for row in rows if row[guard] is not None]
