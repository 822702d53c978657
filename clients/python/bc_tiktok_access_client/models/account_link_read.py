from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountLinkRead")


@_attrs_define
class AccountLinkRead:
    """
    Attributes:
        tiktok_account_id (str):
        user_id (str):
        user_email (str):
        created_at (datetime.datetime):
    """

    tiktok_account_id: str
    user_id: str
    user_email: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tiktok_account_id = self.tiktok_account_id

        user_id = self.user_id

        user_email = self.user_email

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tiktok_account_id": tiktok_account_id,
                "user_id": user_id,
                "user_email": user_email,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tiktok_account_id = d.pop("tiktok_account_id")

        user_id = d.pop("user_id")

        user_email = d.pop("user_email")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        account_link_read = cls(
            tiktok_account_id=tiktok_account_id,
            user_id=user_id,
            user_email=user_email,
            created_at=created_at,
        )

        account_link_read.additional_properties = d
        return account_link_read

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
