from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.identity_type import IdentityType
from ..models.spark_ad_status import SparkAdStatus

T = TypeVar("T", bound="SparkAdRead")


@_attrs_define
class SparkAdRead:
    """
    Attributes:
        id (str):
        ad_account_id (str):
        identity_type (IdentityType): How a Spark Ad uses a TikTok account: through a BC's authorization, or a direct
            link.
        identity_id (str):
        identity_authorized_bc_id (None | str):
        video_id (None | str):
        live_id (None | str):
        name (str):
        status (SparkAdStatus):
        created_by_user_id (str):
        created_at (datetime.datetime):
    """

    id: str
    ad_account_id: str
    identity_type: IdentityType
    identity_id: str
    identity_authorized_bc_id: None | str
    video_id: None | str
    live_id: None | str
    name: str
    status: SparkAdStatus
    created_by_user_id: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        ad_account_id = self.ad_account_id

        identity_type = self.identity_type.value

        identity_id = self.identity_id

        identity_authorized_bc_id: None | str
        identity_authorized_bc_id = self.identity_authorized_bc_id

        video_id: None | str
        video_id = self.video_id

        live_id: None | str
        live_id = self.live_id

        name = self.name

        status = self.status.value

        created_by_user_id = self.created_by_user_id

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "ad_account_id": ad_account_id,
                "identity_type": identity_type,
                "identity_id": identity_id,
                "identity_authorized_bc_id": identity_authorized_bc_id,
                "video_id": video_id,
                "live_id": live_id,
                "name": name,
                "status": status,
                "created_by_user_id": created_by_user_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        ad_account_id = d.pop("ad_account_id")

        identity_type = IdentityType(d.pop("identity_type"))

        identity_id = d.pop("identity_id")

        def _parse_identity_authorized_bc_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        identity_authorized_bc_id = _parse_identity_authorized_bc_id(d.pop("identity_authorized_bc_id"))

        def _parse_video_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        video_id = _parse_video_id(d.pop("video_id"))

        def _parse_live_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        live_id = _parse_live_id(d.pop("live_id"))

        name = d.pop("name")

        status = SparkAdStatus(d.pop("status"))

        created_by_user_id = d.pop("created_by_user_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        spark_ad_read = cls(
            id=id,
            ad_account_id=ad_account_id,
            identity_type=identity_type,
            identity_id=identity_id,
            identity_authorized_bc_id=identity_authorized_bc_id,
            video_id=video_id,
            live_id=live_id,
            name=name,
            status=status,
            created_by_user_id=created_by_user_id,
            created_at=created_at,
        )

        spark_ad_read.additional_properties = d
        return spark_ad_read

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
