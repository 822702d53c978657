from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.bc_role import BcRole

T = TypeVar("T", bound="MemberCreate")


@_attrs_define
class MemberCreate:
    """
    Attributes:
        email (str):
        role (BcRole):
    """

    email: str
    role: BcRole

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        role = BcRole(d.pop("role"))

        member_create = cls(
            email=email,
            role=role,
        )

        return member_create
