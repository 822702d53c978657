from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TikTokAccountCreate")


@_attrs_define
class TikTokAccountCreate:
    """
    Attributes:
        username (str): 2 to 24 letters, digits, `_` and `.`; it may not end with `.`.
        display_name (str):
        bio (str | Unset):  Default: ''.
    """

    username: str
    display_name: str
    bio: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        display_name = self.display_name

        bio = self.bio

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "username": username,
                "display_name": display_name,
            }
        )
        if bio is not UNSET:
            field_dict["bio"] = bio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        display_name = d.pop("display_name")

        bio = d.pop("bio", UNSET)

        tik_tok_account_create = cls(
            username=username,
            display_name=display_name,
            bio=bio,
        )

        return tik_tok_account_create
