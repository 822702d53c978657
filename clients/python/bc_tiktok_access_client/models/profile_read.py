from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.showcase_read import ShowcaseRead


T = TypeVar("T", bound="ProfileRead")


@_attrs_define
class ProfileRead:
    """
    Attributes:
        username (str):
        display_name (str):
        bio (str):
        showcase (ShowcaseRead):
    """

    username: str
    display_name: str
    bio: str
    showcase: ShowcaseRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        display_name = self.display_name

        bio = self.bio

        showcase = self.showcase.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
                "display_name": display_name,
                "bio": bio,
                "showcase": showcase,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.showcase_read import ShowcaseRead  # noqa: PLC0415

        d = dict(src_dict)
        username = d.pop("username")

        display_name = d.pop("display_name")

        bio = d.pop("bio")

        showcase = ShowcaseRead.from_dict(d.pop("showcase"))

        profile_read = cls(
            username=username,
            display_name=display_name,
            bio=bio,
            showcase=showcase,
        )

        profile_read.additional_properties = d
        return profile_read

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
