from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AccountLinkCreate")


@_attrs_define
class AccountLinkCreate:
    """
    Attributes:
        user_email (str):
    """

    user_email: str

    def to_dict(self) -> dict[str, Any]:
        user_email = self.user_email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_email": user_email,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_email = d.pop("user_email")

        account_link_create = cls(
            user_email=user_email,
        )

        return account_link_create
