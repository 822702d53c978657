from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_role import AssignmentRole

T = TypeVar("T", bound="AssignmentRead")


@_attrs_define
class AssignmentRead:
    """
    Attributes:
        member_id (str):
        user_id (str):
        email (str):
        roles (list[AssignmentRole]):
        assigned_at (datetime.datetime):
    """

    member_id: str
    user_id: str
    email: str
    roles: list[AssignmentRole]
    assigned_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        user_id = self.user_id

        email = self.email

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        assigned_at = self.assigned_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "member_id": member_id,
                "user_id": user_id,
                "email": email,
                "roles": roles,
                "assigned_at": assigned_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        user_id = d.pop("user_id")

        email = d.pop("email")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = AssignmentRole(roles_item_data)

            roles.append(roles_item)

        assigned_at = datetime.datetime.fromisoformat(d.pop("assigned_at"))

        assignment_read = cls(
            member_id=member_id,
            user_id=user_id,
            email=email,
            roles=roles,
            assigned_at=assigned_at,
        )

        assignment_read.additional_properties = d
        return assignment_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
