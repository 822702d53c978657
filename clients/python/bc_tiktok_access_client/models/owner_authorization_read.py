from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.authorization_status import AuthorizationStatus
from ..models.permission import Permission
from ..models.scope import Scope

T = TypeVar("T", bound="OwnerAuthorizationRead")


@_attrs_define
class OwnerAuthorizationRead:
    """
    Attributes:
        id (str):
        business_center_id (str):
        business_center_name (str):
        scopes (list[Scope]):
        permissions (list[Permission]):
        status (AuthorizationStatus):
        granted_at (datetime.datetime):
    """

    id: str
    business_center_id: str
    business_center_name: str
    scopes: list[Scope]
    permissions: list[Permission]
    status: AuthorizationStatus
    granted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        business_center_id = self.business_center_id

        business_center_name = self.business_center_name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        status = self.status.value

        granted_at = self.granted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "business_center_id": business_center_id,
                "business_center_name": business_center_name,
                "scopes": scopes,
                "permissions": permissions,
                "status": status,
                "granted_at": granted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        business_center_id = d.pop("business_center_id")

        business_center_name = d.pop("business_center_name")

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = Scope(scopes_item_data)

            scopes.append(scopes_item)

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        status = AuthorizationStatus(d.pop("status"))

        granted_at = datetime.datetime.fromisoformat(d.pop("granted_at"))

        owner_authorization_read = cls(
            id=id,
            business_center_id=business_center_id,
            business_center_name=business_center_name,
            scopes=scopes,
            permissions=permissions,
            status=status,
            granted_at=granted_at,
        )

        owner_authorization_read.additional_properties = d
        return owner_authorization_read

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
