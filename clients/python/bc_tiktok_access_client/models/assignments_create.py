from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assignment_role import AssignmentRole

T = TypeVar("T", bound="AssignmentsCreate")


@_attrs_define
class AssignmentsCreate:
    """Tick the members and pick the roles: all of them get exactly these roles.

    Attributes:
        member_ids (list[str]):
        roles (list[AssignmentRole]):
    """

    member_ids: list[str]
    roles: list[AssignmentRole]

    def to_dict(self) -> dict[str, Any]:
        member_ids = self.member_ids

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "member_ids": member_ids,
                "roles": roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_ids = cast(list[str], d.pop("member_ids"))

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = AssignmentRole(roles_item_data)

            roles.append(roles_item)

        assignments_create = cls(
            member_ids=member_ids,
            roles=roles,
        )

        return assignments_create
