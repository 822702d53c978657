from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.showcase_source import ShowcaseSource

T = TypeVar("T", bound="ShowcaseRead")


@_attrs_define
class ShowcaseRead:
    """
    Attributes:
        enabled (bool):
        source (ShowcaseSource):
        shop_ids (list[str]):
    """

    enabled: bool
    source: ShowcaseSource
    shop_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        source = self.source.value

        shop_ids = self.shop_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enabled": enabled,
                "source": source,
                "shop_ids": shop_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled")

        source = ShowcaseSource(d.pop("source"))

        shop_ids = cast(list[str], d.pop("shop_ids"))

        showcase_read = cls(
            enabled=enabled,
            source=source,
            shop_ids=shop_ids,
        )

        showcase_read.additional_properties = d
        return showcase_read

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
