from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.identity_type import IdentityType

T = TypeVar("T", bound="Identity")


@_attrs_define
class Identity:
    """
    Attributes:
        identity_type (IdentityType): How a Spark Ad uses a TikTok account: through a BC's authorization, or a direct
            link.
        identity_id (str): The TikTok account's id.
        identity_authorized_bc_id (None | str):
        username (str):
        display_name (str):
        can_pull_video (bool):
        can_use_live_ads (bool):
    """

    identity_type: IdentityType
    identity_id: str
    identity_authorized_bc_id: None | str
    username: str
    display_name: str
    can_pull_video: bool
    can_use_live_ads: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identity_type = self.identity_type.value

        identity_id = self.identity_id

        identity_authorized_bc_id: None | str
        identity_authorized_bc_id = self.identity_authorized_bc_id

        username = self.username

        display_name = self.display_name

        can_pull_video = self.can_pull_video

        can_use_live_ads = self.can_use_live_ads

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identity_type": identity_type,
                "identity_id": identity_id,
                "identity_authorized_bc_id": identity_authorized_bc_id,
                "username": username,
                "display_name": display_name,
                "can_pull_video": can_pull_video,
                "can_use_live_ads": can_use_live_ads,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        identity_type = IdentityType(d.pop("identity_type"))

        identity_id = d.pop("identity_id")

        def _parse_identity_authorized_bc_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        identity_authorized_bc_id = _parse_identity_authorized_bc_id(d.pop("identity_authorized_bc_id"))

        username = d.pop("username")

        display_name = d.pop("display_name")

        can_pull_video = d.pop("can_pull_video")

        can_use_live_ads = d.pop("can_use_live_ads")

        identity = cls(
            identity_type=identity_type,
            identity_id=identity_id,
            identity_authorized_bc_id=identity_authorized_bc_id,
            username=username,
            display_name=display_name,
            can_pull_video=can_pull_video,
            can_use_live_ads=can_use_live_ads,
        )

        identity.additional_properties = d
        return identity

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
