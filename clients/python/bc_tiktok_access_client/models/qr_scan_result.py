from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_request_status import AccessRequestStatus

T = TypeVar("T", bound="QrScanResult")


@_attrs_define
class QrScanResult:
    """
    Attributes:
        access_request_id (str):
        business_center_id (str):
        status (AccessRequestStatus):
    """

    access_request_id: str
    business_center_id: str
    status: AccessRequestStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_request_id = self.access_request_id

        business_center_id = self.business_center_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_request_id": access_request_id,
                "business_center_id": business_center_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_request_id = d.pop("access_request_id")

        business_center_id = d.pop("business_center_id")

        status = AccessRequestStatus(d.pop("status"))

        qr_scan_result = cls(
            access_request_id=access_request_id,
            business_center_id=business_center_id,
            status=status,
        )

        qr_scan_result.additional_properties = d
        return qr_scan_result

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
