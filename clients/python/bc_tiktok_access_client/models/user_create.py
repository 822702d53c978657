from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UserCreate")


@_attrs_define
class UserCreate:
    """
    Attributes:
        email (str):
        display_name (str):
    """

    email: str
    display_name: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        display_name = self.display_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "display_name": display_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        display_name = d.pop("display_name")

        user_create = cls(
            email=email,
            display_name=display_name,
        )

        return user_create
