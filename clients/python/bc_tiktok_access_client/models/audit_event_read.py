from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_type import ActorType

if TYPE_CHECKING:
    from ..models.audit_event_read_detail import AuditEventReadDetail


T = TypeVar("T", bound="AuditEventRead")


@_attrs_define
class AuditEventRead:
    """
    Attributes:
        id (str):
        at (datetime.datetime):
        actor_type (ActorType):
        actor_id (None | str):
        action (str):
        target_type (str):
        target_id (str):
        detail (AuditEventReadDetail):
    """

    id: str
    at: datetime.datetime
    actor_type: ActorType
    actor_id: None | str
    action: str
    target_type: str
    target_id: str
    detail: AuditEventReadDetail
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        at = self.at.isoformat()

        actor_type = self.actor_type.value

        actor_id: None | str
        actor_id = self.actor_id

        action = self.action

        target_type = self.target_type

        target_id = self.target_id

        detail = self.detail.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "at": at,
                "actor_type": actor_type,
                "actor_id": actor_id,
                "action": action,
                "target_type": target_type,
                "target_id": target_id,
                "detail": detail,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event_read_detail import AuditEventReadDetail  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        actor_type = ActorType(d.pop("actor_type"))

        def _parse_actor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        action = d.pop("action")

        target_type = d.pop("target_type")

        target_id = d.pop("target_id")

        detail = AuditEventReadDetail.from_dict(d.pop("detail"))

        audit_event_read = cls(
            id=id,
            at=at,
            actor_type=actor_type,
            actor_id=actor_id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            detail=detail,
        )

        audit_event_read.additional_properties = d
        return audit_event_read

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
