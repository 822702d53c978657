from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reason import Reason
from ..models.via import Via

T = TypeVar("T", bound="EligibilityBatchItem")


@_attrs_define
class EligibilityBatchItem:
    """One check's answer: exactly what the single eligibility check says for it.

    Attributes:
        tiktok_account_id (str):
        video_id (None | str):
        live_id (None | str):
        allowed (bool):
        reasons (list[Reason]): Every failing check, in the SPEC's order.
        via (list[Via]): The paths that give the caller the TikTok account.
    """

    tiktok_account_id: str
    video_id: None | str
    live_id: None | str
    allowed: bool
    reasons: list[Reason]
    via: list[Via]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tiktok_account_id = self.tiktok_account_id

        video_id: None | str
        video_id = self.video_id

        live_id: None | str
        live_id = self.live_id

        allowed = self.allowed

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.value
            reasons.append(reasons_item)

        via = []
        for via_item_data in self.via:
            via_item = via_item_data.value
            via.append(via_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tiktok_account_id": tiktok_account_id,
                "video_id": video_id,
                "live_id": live_id,
                "allowed": allowed,
                "reasons": reasons,
                "via": via,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tiktok_account_id = d.pop("tiktok_account_id")

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

        allowed = d.pop("allowed")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = Reason(reasons_item_data)

            reasons.append(reasons_item)

        via = []
        _via = d.pop("via")
        for via_item_data in _via:
            via_item = Via(via_item_data)

            via.append(via_item)

        eligibility_batch_item = cls(
            tiktok_account_id=tiktok_account_id,
            video_id=video_id,
            live_id=live_id,
            allowed=allowed,
            reasons=reasons,
            via=via,
        )

        eligibility_batch_item.additional_properties = d
        return eligibility_batch_item

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
