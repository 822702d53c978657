from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from app.core.enums import AssignmentRole
from app.core.schemas import InputModel, OutputModel

MAX_MEMBERS_PER_ASSIGNMENT = 50


def _distinct(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("member ids must be distinct")
    return values


def _in_spec_order(roles: list[AssignmentRole]) -> list[AssignmentRole]:
    return [role for role in AssignmentRole if role in roles]


Roles = Annotated[
    list[AssignmentRole],
    Field(min_length=1, max_length=len(AssignmentRole), examples=[["POST"]]),
    AfterValidator(_in_spec_order),
]
MemberIds = Annotated[
    list[Annotated[str, Field(max_length=64)]],  # checked against the BC: MEMBER_NOT_FOUND
    Field(
        min_length=1,
        max_length=MAX_MEMBERS_PER_ASSIGNMENT,
        examples=[["<member id>"]],
        json_schema_extra={"uniqueItems": True},  # what `_distinct` enforces
    ),
    AfterValidator(_distinct),
]


class AssignmentsCreate(InputModel):
    """Tick the members and pick the roles: all of them get exactly these roles."""

    member_ids: MemberIds
    roles: Roles


class AssignmentUpdate(InputModel):
    roles: Roles


class AssignmentRead(OutputModel):
    member_id: str
    user_id: str
    email: str
    roles: list[AssignmentRole]
    assigned_at: datetime
