from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.ad_account_role import AdAccountRole

T = TypeVar("T", bound="AdAccountRoleSet")


@_attrs_define
class AdAccountRoleSet:
    """
    Attributes:
        role (AdAccountRole):
    """

    role: AdAccountRole

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = AdAccountRole(d.pop("role"))

        ad_account_role_set = cls(
            role=role,
        )

        return ad_account_role_set
