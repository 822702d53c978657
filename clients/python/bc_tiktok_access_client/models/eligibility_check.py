from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.identity_type import IdentityType
from ..types import UNSET, Unset

T = TypeVar("T", bound="EligibilityCheck")


@_attrs_define
class EligibilityCheck:
    """One question of a batch: the same as the single check's, on the batch's ad account. Its
    ids come back in its answer as given (an id of a form this service never issues matches
    nothing, as in the single check).

        Attributes:
            tiktok_account_id (str):
            video_id (None | str | Unset): A video of the TikTok account. Give exactly one of `video_id` and `live_id`.
            live_id (None | str | Unset): A LIVE of the TikTok account. Give exactly one of `video_id` and `live_id`.
            identity_type (IdentityType | None | Unset): Check only this path; by default any path counts.
    """

    tiktok_account_id: str
    video_id: None | str | Unset = UNSET
    live_id: None | str | Unset = UNSET
    identity_type: IdentityType | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tiktok_account_id = self.tiktok_account_id

        video_id: None | str | Unset
        if isinstance(self.video_id, Unset):
            video_id = UNSET
        else:
            video_id = self.video_id

        live_id: None | str | Unset
        if isinstance(self.live_id, Unset):
            live_id = UNSET
        else:
            live_id = self.live_id

        identity_type: None | str | Unset
        if isinstance(self.identity_type, Unset):
            identity_type = UNSET
        elif isinstance(self.identity_type, IdentityType):
            identity_type = self.identity_type.value
        else:
            identity_type = self.identity_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tiktok_account_id": tiktok_account_id,
            }
        )
        if video_id is not UNSET:
            field_dict["video_id"] = video_id
        if live_id is not UNSET:
            field_dict["live_id"] = live_id
        if identity_type is not UNSET:
            field_dict["identity_type"] = identity_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tiktok_account_id = d.pop("tiktok_account_id")

        def _parse_video_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        video_id = _parse_video_id(d.pop("video_id", UNSET))

        def _parse_live_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        live_id = _parse_live_id(d.pop("live_id", UNSET))

        def _parse_identity_type(data: object) -> IdentityType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                identity_type_type_0 = IdentityType(data)

                return identity_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IdentityType | None | Unset, data)

        identity_type = _parse_identity_type(d.pop("identity_type", UNSET))

        eligibility_check = cls(
            tiktok_account_id=tiktok_account_id,
            video_id=video_id,
            live_id=live_id,
            identity_type=identity_type,
        )

        return eligibility_check
