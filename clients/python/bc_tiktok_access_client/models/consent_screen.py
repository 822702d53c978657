from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_request_status import AccessRequestStatus
from ..models.permission import Permission
from ..models.scope import Scope

if TYPE_CHECKING:
    from ..models.business_center_ref import BusinessCenterRef


T = TypeVar("T", bound="ConsentScreen")


@_attrs_define
class ConsentScreen:
    """What the owner sees after scanning: who asks for what, until when. The "Copy QR card"
    that brought the owner here says the same in the owner's language (its `?lang=`).

        Attributes:
            business_center (BusinessCenterRef):
            scope (Scope):
            permissions (list[Permission]):
            expires_at (datetime.datetime):
            status (AccessRequestStatus):
    """

    business_center: BusinessCenterRef
    scope: Scope
    permissions: list[Permission]
    expires_at: datetime.datetime
    status: AccessRequestStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        business_center = self.business_center.to_dict()

        scope = self.scope.value

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        expires_at = self.expires_at.isoformat()

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "business_center": business_center,
                "scope": scope,
                "permissions": permissions,
                "expires_at": expires_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_center_ref import BusinessCenterRef  # noqa: PLC0415

        d = dict(src_dict)
        business_center = BusinessCenterRef.from_dict(d.pop("business_center"))

        scope = Scope(d.pop("scope"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        status = AccessRequestStatus(d.pop("status"))

        consent_screen = cls(
            business_center=business_center,
            scope=scope,
            permissions=permissions,
            expires_at=expires_at,
            status=status,
        )

        consent_screen.additional_properties = d
        return consent_screen

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
