from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reason import Reason

T = TypeVar("T", bound="IdentityVideo")


@_attrs_define
class IdentityVideo:
    """A public video of the identity's account, and whether the caller can pull it now.

    Attributes:
        id (str):
        caption (str):
        ad_authorization (bool):
        created_at (datetime.datetime):
        can_pull (bool): Eligibility's `allowed` for this video through this identity on this ad account.
        reasons (list[Reason]): Eligibility's `reasons` for it: every failing check, in the SPEC's order.
    """

    id: str
    caption: str
    ad_authorization: bool
    created_at: datetime.datetime
    can_pull: bool
    reasons: list[Reason]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        caption = self.caption

        ad_authorization = self.ad_authorization

        created_at = self.created_at.isoformat()

        can_pull = self.can_pull

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.value
            reasons.append(reasons_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "caption": caption,
                "ad_authorization": ad_authorization,
                "created_at": created_at,
                "can_pull": can_pull,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        caption = d.pop("caption")

        ad_authorization = d.pop("ad_authorization")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        can_pull = d.pop("can_pull")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = Reason(reasons_item_data)

            reasons.append(reasons_item)

        identity_video = cls(
            id=id,
            caption=caption,
            ad_authorization=ad_authorization,
            created_at=created_at,
            can_pull=can_pull,
            reasons=reasons,
        )

        identity_video.additional_properties = d
        return identity_video

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
