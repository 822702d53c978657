from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tik_tok_account_read import TikTokAccountRead


T = TypeVar("T", bound="TikTokAccountCreated")


@_attrs_define
class TikTokAccountCreated:
    """
    Attributes:
        account (TikTokAccountRead):
        owner_token (str): The owner's bearer token. Shown once.
    """

    account: TikTokAccountRead
    owner_token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account.to_dict()

        owner_token = self.owner_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "owner_token": owner_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tik_tok_account_read import TikTokAccountRead  # noqa: PLC0415

        d = dict(src_dict)
        account = TikTokAccountRead.from_dict(d.pop("account"))

        owner_token = d.pop("owner_token")

        tik_tok_account_created = cls(
            account=account,
            owner_token=owner_token,
        )

        tik_tok_account_created.additional_properties = d
        return tik_tok_account_created

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
