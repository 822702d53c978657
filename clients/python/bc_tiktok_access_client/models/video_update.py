from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.visibility import Visibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="VideoUpdate")


@_attrs_define
class VideoUpdate:
    """
    Attributes:
        visibility (None | Unset | Visibility):
        ad_authorization (bool | None | Unset):
    """

    visibility: None | Unset | Visibility = UNSET
    ad_authorization: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        visibility: None | str | Unset
        if isinstance(self.visibility, Unset):
            visibility = UNSET
        elif isinstance(self.visibility, Visibility):
            visibility = self.visibility.value
        else:
            visibility = self.visibility

        ad_authorization: bool | None | Unset
        if isinstance(self.ad_authorization, Unset):
            ad_authorization = UNSET
        else:
            ad_authorization = self.ad_authorization

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if ad_authorization is not UNSET:
            field_dict["ad_authorization"] = ad_authorization

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_visibility(data: object) -> None | Unset | Visibility:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                visibility_type_0 = Visibility(data)

                return visibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | Visibility, data)

        visibility = _parse_visibility(d.pop("visibility", UNSET))

        def _parse_ad_authorization(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ad_authorization = _parse_ad_authorization(d.pop("ad_authorization", UNSET))

        video_update = cls(
            visibility=visibility,
            ad_authorization=ad_authorization,
        )

        return video_update
