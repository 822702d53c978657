from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.showcase_source import ShowcaseSource
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShowcaseWrite")


@_attrs_define
class ShowcaseWrite:
    """
    Attributes:
        enabled (bool):
        source (ShowcaseSource):
        shop_ids (list[str] | Unset):
    """

    enabled: bool
    source: ShowcaseSource
    shop_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        source = self.source.value

        shop_ids: list[str] | Unset = UNSET
        if not isinstance(self.shop_ids, Unset):
            shop_ids = self.shop_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "enabled": enabled,
                "source": source,
            }
        )
        if shop_ids is not UNSET:
            field_dict["shop_ids"] = shop_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled")

        source = ShowcaseSource(d.pop("source"))

        shop_ids = cast(list[str], d.pop("shop_ids", UNSET))

        showcase_write = cls(
            enabled=enabled,
            source=source,
            shop_ids=shop_ids,
        )

        return showcase_write
