from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_request_status import AccessRequestStatus
from ..models.permission import Permission
from ..models.scope import Scope

T = TypeVar("T", bound="AccessRequestRead")


@_attrs_define
class AccessRequestRead:
    """
    Attributes:
        id (str):
        business_center_id (str):
        scope (Scope):
        permissions (list[Permission]):
        status (AccessRequestStatus):
        qr_code_url (str): What the QR code encodes; single use.
        expires_at (datetime.datetime):
        created_by_member_id (str):
        created_at (datetime.datetime):
        resolved_at (datetime.datetime | None):
        tiktok_account_id (None | str): Set once the owner approves.
    """

    id: str
    business_center_id: str
    scope: Scope
    permissions: list[Permission]
    status: AccessRequestStatus
    qr_code_url: str
    expires_at: datetime.datetime
    created_by_member_id: str
    created_at: datetime.datetime
    resolved_at: datetime.datetime | None
    tiktok_account_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        business_center_id = self.business_center_id

        scope = self.scope.value

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        status = self.status.value

        qr_code_url = self.qr_code_url

        expires_at = self.expires_at.isoformat()

        created_by_member_id = self.created_by_member_id

        created_at = self.created_at.isoformat()

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        tiktok_account_id: None | str
        tiktok_account_id = self.tiktok_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "business_center_id": business_center_id,
                "scope": scope,
                "permissions": permissions,
                "status": status,
                "qr_code_url": qr_code_url,
                "expires_at": expires_at,
                "created_by_member_id": created_by_member_id,
                "created_at": created_at,
                "resolved_at": resolved_at,
                "tiktok_account_id": tiktok_account_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        business_center_id = d.pop("business_center_id")

        scope = Scope(d.pop("scope"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        status = AccessRequestStatus(d.pop("status"))

        qr_code_url = d.pop("qr_code_url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        created_by_member_id = d.pop("created_by_member_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        def _parse_tiktok_account_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tiktok_account_id = _parse_tiktok_account_id(d.pop("tiktok_account_id"))

        access_request_read = cls(
            id=id,
            business_center_id=business_center_id,
            scope=scope,
            permissions=permissions,
            status=status,
            qr_code_url=qr_code_url,
            expires_at=expires_at,
            created_by_member_id=created_by_member_id,
            created_at=created_at,
            resolved_at=resolved_at,
            tiktok_account_id=tiktok_account_id,
        )

        access_request_read.additional_properties = d
        return access_request_read

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
