"""Base classes and shared field types for request and response bodies."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from app.core.ids import is_valid_id

# Control characters have no place in names and captions, and PostgreSQL cannot store NUL.
_SINGLE_LINE = r"[^\x00-\x1f\x7f]"
_MULTILINE = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # tabs and line breaks allowed
# What trimming removes (pydantic's strip_whitespace: Unicode White_Space), written out, as
# regex engines disagree on `\s`: every client reads the patterns below alike.
_UNICODE_SPACES = r"\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# A character that trimming keeps: a required text holds one, or it is trimmed to nothing.
NOT_WHITESPACE = rf"[^\x09-\x0d\x20{_UNICODE_SPACES}]"
_VISIBLE = rf"[^\x00-\x20\x7f{_UNICODE_SPACES}]"  # and not a control character either
_EMAIL_PART = r"[^@\s\x00-\x1f\x7f]+"


class InputModel(BaseModel):
    """A request body: unknown fields are an error, not silently dropped. Booleans are
    `StrictBool`: a client that sends 0 or "yes" gets a 422, not a guess (the whole model
    cannot be strict, as FastAPI validates the decoded JSON, where an enum is a string)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _text(characters: str, max_length: int, min_length: int) -> StringConstraints:
    """Trimmed text of `characters`, `min_length` (0 or 1) to `max_length` long once trimmed.
    The pattern says the same to clients, which check the text as they send it: a required
    text holds a visible character (spaces alone would be trimmed to nothing and refused)."""
    if min_length not in (0, 1):
        raise ValueError("a minimum length after trimming other than 0 or 1 has no pattern")
    pattern = f"^{characters}*{_VISIBLE}{characters}*$" if min_length else f"^{characters}*$"
    return StringConstraints(
        strip_whitespace=True, min_length=min_length, max_length=max_length, pattern=pattern
    )


def single_line(max_length: int, min_length: int = 1) -> StringConstraints:
    """Trimmed text of bounded length without control characters."""
    return _text(_SINGLE_LINE, max_length, min_length)


def multiline(max_length: int, min_length: int = 0) -> StringConstraints:
    """Like `single_line`, but tabs and line breaks are allowed."""
    return _text(_MULTILINE, max_length, min_length)


Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        max_length=254,
        pattern=rf"^{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}$",
    ),
]

# An id that cannot belong to any row matches nothing, which makes it a plain 404 (or the
# SPEC's "not found" code) instead of a malformed value reaching the database.
NO_SUCH_ID = "00000000-0000-0000-0000-000000000000"


def lookup_id(value: str) -> str:
    """The id to look a row up by: one of a form this service never issues matches nothing."""
    return value if is_valid_id(value) else NO_SUCH_ID


LookupId = Annotated[str, AfterValidator(lookup_id)]
