from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.visibility import Visibility

T = TypeVar("T", bound="VideoCreate")


@_attrs_define
class VideoCreate:
    """
    Attributes:
        caption (str):
        visibility (Visibility):
        ad_authorization (bool): The app's ad authorization toggle: may this video be used in ads?
    """

    caption: str
    visibility: Visibility
    ad_authorization: bool

    def to_dict(self) -> dict[str, Any]:
        caption = self.caption

        visibility = self.visibility.value

        ad_authorization = self.ad_authorization

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "caption": caption,
                "visibility": visibility,
                "ad_authorization": ad_authorization,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        caption = d.pop("caption")

        visibility = Visibility(d.pop("visibility"))

        ad_authorization = d.pop("ad_authorization")

        video_create = cls(
            caption=caption,
            visibility=visibility,
            ad_authorization=ad_authorization,
        )

        return video_create
