from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ad_account_role import AdAccountRole

T = TypeVar("T", bound="AdAccountRoleRead")


@_attrs_define
class AdAccountRoleRead:
    """
    Attributes:
        ad_account_id (str):
        member_id (str):
        role (AdAccountRole):
    """

    ad_account_id: str
    member_id: str
    role: AdAccountRole
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ad_account_id = self.ad_account_id

        member_id = self.member_id

        role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ad_account_id": ad_account_id,
                "member_id": member_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ad_account_id = d.pop("ad_account_id")

        member_id = d.pop("member_id")

        role = AdAccountRole(d.pop("role"))

        ad_account_role_read = cls(
            ad_account_id=ad_account_id,
            member_id=member_id,
            role=role,
        )

        ad_account_role_read.additional_properties = d
        return ad_account_role_read

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
