from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ad_account_role import AdAccountRole

T = TypeVar("T", bound="AdAccountListItem")


@_attrs_define
class AdAccountListItem:
    """
    Attributes:
        id (str):
        business_center_id (str):
        name (str):
        created_at (datetime.datetime):
        my_role (AdAccountRole | None): The caller's role on this ad account.
    """

    id: str
    business_center_id: str
    name: str
    created_at: datetime.datetime
    my_role: AdAccountRole | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        business_center_id = self.business_center_id

        name = self.name

        created_at = self.created_at.isoformat()

        my_role: None | str
        if isinstance(self.my_role, AdAccountRole):
            my_role = self.my_role.value
        else:
            my_role = self.my_role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "business_center_id": business_center_id,
                "name": name,
                "created_at": created_at,
                "my_role": my_role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        business_center_id = d.pop("business_center_id")

        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_my_role(data: object) -> AdAccountRole | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                my_role_type_0 = AdAccountRole(data)

                return my_role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AdAccountRole | None, data)

        my_role = _parse_my_role(d.pop("my_role"))

        ad_account_list_item = cls(
            id=id,
            business_center_id=business_center_id,
            name=name,
            created_at=created_at,
            my_role=my_role,
        )

        ad_account_list_item.additional_properties = d
        return ad_account_list_item

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
