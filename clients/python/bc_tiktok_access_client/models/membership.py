from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bc_role import BcRole

T = TypeVar("T", bound="Membership")


@_attrs_define
class Membership:
    """
    Attributes:
        business_center_id (str):
        business_center_name (str):
        member_id (str):
        role (BcRole):
    """

    business_center_id: str
    business_center_name: str
    member_id: str
    role: BcRole
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        business_center_id = self.business_center_id

        business_center_name = self.business_center_name

        member_id = self.member_id

        role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "business_center_id": business_center_id,
                "business_center_name": business_center_name,
                "member_id": member_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        business_center_id = d.pop("business_center_id")

        business_center_name = d.pop("business_center_name")

        member_id = d.pop("member_id")

        role = BcRole(d.pop("role"))

        membership = cls(
            business_center_id=business_center_id,
            business_center_name=business_center_name,
            member_id=member_id,
            role=role,
        )

        membership.additional_properties = d
        return membership

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
